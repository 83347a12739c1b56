package io.github.spatialvlm4j.vlm.depth;

import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.SessionSettings;

/** Opens a metric depth model directory with the adapter its {@code config.json} names. */
public final class MetricDepthModels {
    private MetricDepthModels() {
    }

    /**
     * Opens {@code dir} with the adapter of {@link DepthFamily#detect} applied to its {@code config.json}.
     *
     * @throws io.github.spatialvlm4j.vlm.model.ModelFormatException naming the file when the directory is incomplete
     */
    public static MetricDepthModel open(ModelDirectory dir, SessionSettings settings) {
        return switch (DepthFamily.detect(dir.config())) {
            case DEPTH_ANYTHING_V2_METRIC -> new DepthAnythingV2Metric(dir, settings);
            case DEPTH_PRO -> new DepthPro(dir, settings);
            case METRIC3D_V2 -> new Metric3dV2(dir, settings);
        };
    }
}
