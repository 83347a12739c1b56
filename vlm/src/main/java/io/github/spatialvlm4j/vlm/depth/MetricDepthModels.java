package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

/** Opens a metric depth model directory with the adapter its {@code config.json} names. */
public final class MetricDepthModels {
    private MetricDepthModels() {
    }

    /**
     * Opens {@code dir} with the adapter of the {@link DepthFamily} that {@link DepthFamily#detect} finds in
     * its {@code config.json}.
     *
     * @throws io.github.spatialvlm4j.vlm.model.ModelFormatException naming the file when the directory is incomplete
     *     or names no supported family
     */
    public static MetricDepthModel open(ModelDirectory dir, SessionSettings settings) {
        return DepthFamily.detect(dir.config()).open(dir, settings);
    }
}
