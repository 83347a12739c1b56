package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.cli.SourceOptions.SourceKind;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.perception.PerceptionOptions;
import io.github.spatialvlm4j.vlm.catalog.ModelCatalog;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** What the local runner adds to the source: worker threads and the models root. */
final class LocalOptions {

    @Option(names = "--models", paramLabel = "DIR", description = "Models root (Hugging Face layout); also $SPATIALVLM4J_MODELS.")
    Path models;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    /** The kinds of model that {@code --source images} cannot run without. */
    static final Set<ModelCatalog.Kind> IMAGES_REQUIRE = EnumSet.of(ModelCatalog.Kind.DEPTH);

    /** ... and one of these region sources (Florence-2 preferred; SAM is optional: without it masks come from depth). */
    static final Set<ModelCatalog.Kind> IMAGES_REGIONS = EnumSet.of(ModelCatalog.Kind.REGIONS,
            ModelCatalog.Kind.DETECTOR);

    /** {@code --threads}. @throws UsageException when it is below 1 */
    int threads() {
        if (threads < 1) {
            throw new UsageException("Invalid --threads: " + threads + " (must be >= 1)");
        }
        return threads;
    }

    /**
     * The models root {@code dir}, else {@value ModelRoot#ENV}; empty when neither is set.
     *
     * @throws UsageException naming the folder when it does not exist
     */
    static Optional<ModelRoot> modelRoot(Path dir) {
        try {
            return dir != null ? Optional.of(ModelRoot.of(dir)) : ModelRoot.fromEnvironment();
        } catch (ModelFormatException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The perception stage a source of this kind needs: for images the depth model and a region source
     * (Florence-2, else a COCO detector) are required (SAM and CLIP are used when present); for RGB-D
     * folders the models under a given root fill in what frames lack (a detector finds the objects of
     * frames without labels); synthetic scenes need none.
     *
     * @throws UsageException naming every missing model when the root lacks a required one
     */
    Optional<Perception> perception(SourceKind kind, PerceptionOptions options, SessionSettings settings) {
        if (kind == SourceKind.synthetic) {
            return Optional.empty();
        }
        Optional<ModelRoot> root = modelRoot(models);
        if (root.isEmpty()) {
            if (kind == SourceKind.images) {
                throw new UsageException("--source images needs a models root: --models DIR or " + ModelRoot.ENV
                        + ", a folder holding a metric depth model and Florence-2 or a COCO detector (and optionally"
                        + " SAM and CLIP)");
            }
            return Optional.empty();
        }
        ModelCatalog catalog = ModelCatalog.scan(root.get());
        Set<ModelCatalog.Kind> required = kind == SourceKind.images ? IMAGES_REQUIRE : Set.of();
        Set<ModelCatalog.Kind> regions = kind == SourceKind.images ? IMAGES_REGIONS : Set.of();
        if (!catalog.missing(required).isEmpty() || catalog.missingOneOf(regions).isPresent()) {
            throw new UsageException(catalog.missingMessage("--source images", required, regions));
        }
        return Optional.of(Perception.open(catalog, required, options, settings));
    }
}
