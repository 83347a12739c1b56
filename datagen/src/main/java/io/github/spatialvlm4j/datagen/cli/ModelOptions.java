package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.cli.SourceOptions.SourceKind;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The models of a generate run, one picocli mixin for every runner ({@code spatialvlm4j generate} and the
 * Spark runner): the models root and how perception uses it, turned into a {@link ModelSetup} by
 * {@link #setup}.
 */
public final class ModelOptions {

    /** How Florence-2 proposes regions. */
    enum Regions { dense, detection }

    @Option(names = "--models", paramLabel = "DIR", description = "Models root (Hugging Face layout); also $SPATIALVLM4J_MODELS.")
    Path models;

    @Option(names = "--regions", paramLabel = "MODE", description = "With models: Florence-2 dense region captions or"
            + " object detection: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Regions regions = Regions.dense;

    @Option(names = "--ground-mask", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With models: segment floor/ground/table tops (Florence-2 + SAM) and fit the floor to them"
                    + " (default: on; --no-ground-mask fits it to the points on no object).")
    boolean groundMask = true;

    @Option(names = "--color-words", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With a detector: put a colour word read from the object's pixels before its class name,"
                    + " \"white cup\" (default: on).")
    boolean colorWords = true;

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
     * The models a source of this kind runs with, checked against the root: for images the depth model and a
     * region source (Florence-2, else a COCO detector) are required (SAM and CLIP are used when present); for
     * RGB-D folders and Parquet tables the models under a given root fill in what frames lack (depth of
     * image-only rows, objects of frames without labels); synthetic scenes need none.
     *
     * @throws UsageException when images have no models root, naming the root when it is missing, and every
     *     missing model when the root lacks a required one
     */
    public Optional<ModelSetup> setup(SourceKind kind) {
        return declared(kind).map(ModelOptions::checked);
    }

    /**
     * As {@link #setup}, but the root is taken as given and not looked at: for a runner that finds it elsewhere
     * (Spark: the name of a file or archive shipped to every executor), which checks it with {@link #checked}.
     *
     * @throws UsageException when images have no models root
     */
    public Optional<ModelSetup> declared(SourceKind kind) {
        if (kind == SourceKind.synthetic) {
            return Optional.empty();
        }
        String env = System.getenv(ModelRoot.ENV);
        Optional<String> root = models != null ? Optional.of(models.toString())
                : env == null || env.isBlank() ? Optional.empty() : Optional.of(env.trim());
        if (root.isEmpty()) {
            if (kind == SourceKind.images) {
                throw new UsageException("--source images needs a models root: --models DIR or " + ModelRoot.ENV
                        + ", a folder holding a metric depth model and Florence-2 or a COCO detector (and optionally"
                        + " SAM and CLIP)");
            }
            return Optional.empty();
        }
        return Optional.of(new ModelSetup(root.get(), kind == SourceKind.images, regions == Regions.detection,
                groundMask, colorWords));
    }

    /**
     * {@code setup} with its root made absolute, its models checked ({@link ModelSetup#catalog()}).
     *
     * @throws UsageException naming the root when it is missing, and every missing model
     */
    public static ModelSetup checked(ModelSetup setup) {
        try {
            ModelSetup at = setup.at(ModelRoot.of(Path.of(setup.root())).path());
            at.catalog();
            return at;
        } catch (ModelFormatException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
