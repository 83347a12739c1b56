package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.perception.Perception;
import io.github.spatialvlm4j.datagen.perception.PerceptionOptions;
import io.github.spatialvlm4j.datagen.source.FirstFrames;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.images.ImageFolderSource;
import io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolderSource;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.vlm.catalog.ModelCatalog;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Where frames come from: the options shared by {@code generate} and {@code audit}. */
final class SourceOptions {

    enum SourceKind { synthetic, rgbd, images }

    enum Noise { none, sensor, monocular }

    @Option(names = "--source", paramLabel = "KIND", description = "Input kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SourceKind source = SourceKind.synthetic;

    @Option(names = "--input", paramLabel = "DIR", description = "Input folder (rgbd: intrinsics.json + <id>.color.png/.depth.png/...; images: photos).")
    Path input;

    @Option(names = "--count", paramLabel = "N", description = "Synthetic: number of scenes (default: "
            + SyntheticSource.DEFAULT_COUNT + "). RGB-D, images: at most N frames (default: all).")
    Integer count;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default: ${DEFAULT-VALUE}). Same seed, same output, whatever the thread count.")
    long seed = 7;

    @Option(names = "--noise", paramLabel = "MODEL", description = "Synthetic input corruption: none, sensor (RGB-D sensor depth with outliers, segmenter masks),"
            + " monocular (depth-network scale error, warp and ramps, segmenter masks) (default: ${DEFAULT-VALUE}).")
    Noise noise = Noise.none;

    @Option(names = "--width", paramLabel = "PX", description = "Synthetic image width (default: ${DEFAULT-VALUE}).")
    int width = 640;

    @Option(names = "--height", paramLabel = "PX", description = "Synthetic image height (default: ${DEFAULT-VALUE}).")
    int height = 480;

    @Option(names = "--models", paramLabel = "DIR", description = "Models root (Hugging Face layout); also $SPATIALVLM4J_MODELS.")
    Path models;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-pixels", paramLabel = "N", description = "RGB-D, images: the most pixels an input image"
            + " may have; a larger one is a skipped frame, not decoded (default: ${DEFAULT-VALUE}).")
    long maxPixels = GenerateJob.DEFAULT_MAX_PIXELS;

    /** Opens the source, or throws a {@link UsageException} that says what is missing. */
    FrameSource open() throws IOException {
        return open(true);
    }

    /**
     * Opens the source, or throws a {@link UsageException} that says what is missing.
     *
     * @param groundTruth whether RGB-D frames read their {@code <id>.truth.json} (the audit needs it,
     *     generating data does not)
     */
    FrameSource open(boolean groundTruth) throws IOException {
        switch (source) {
            case synthetic -> {
                if (input != null) {
                    throw new UsageException("--input is not used with --source synthetic");
                }
                int n = count == null ? SyntheticSource.DEFAULT_COUNT : count;
                if (n < 1) {
                    throw new UsageException("Invalid --count: " + n + " (must be >= 1)");
                }
                SyntheticSceneOptions options = SyntheticSceneOptions.defaults().withSize(width, height)
                        .withNoise(NoiseModel.preset(noise.name()));
                return new SyntheticSource(options, seed, n);
            }
            case rgbd -> {
                if (input == null) {
                    throw new UsageException("--source rgbd needs --input DIR (a folder with intrinsics.json)");
                }
                RgbdFolderSource folder = RgbdFolderSource.open(input, checkedMaxPixels());
                FrameSource all = groundTruth ? folder : folder.withoutTruth();
                return count == null ? all : limited(all, count);
            }
            case images -> {
                if (input == null) {
                    throw new UsageException("--source images needs --input DIR (a folder of .jpg/.png photos)");
                }
                FrameSource all = ImageFolderSource.open(input, checkedMaxPixels());
                return count == null ? all : limited(all, count);
            }
            default -> throw new IllegalStateException("Unknown source " + source);
        }
    }

    /** The kinds of model that {@code --source images} cannot run without. */
    static final Set<ModelCatalog.Kind> IMAGES_REQUIRE = EnumSet.of(ModelCatalog.Kind.DEPTH);

    /** ... and one of these region sources (Florence-2 preferred; SAM is optional: without it masks come from depth). */
    static final Set<ModelCatalog.Kind> IMAGES_REGIONS = EnumSet.of(ModelCatalog.Kind.REGIONS,
            ModelCatalog.Kind.DETECTOR);

    /** The models root from {@code --models}, else {@value ModelRoot#ENV}; empty when neither is set. */
    Optional<ModelRoot> modelRoot() {
        return modelRoot(models);
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
     * The perception stage this source needs: for images the depth model and a region source
     * (Florence-2, else a COCO detector) are required (SAM and CLIP are used when present); for RGB-D
     * folders the models under a given root fill in what frames lack (a detector finds the objects of
     * frames without labels); synthetic scenes need none.
     *
     * @throws UsageException naming every missing model when the root lacks a required one
     */
    Optional<Perception> perception(PerceptionOptions options, SessionSettings settings) {
        if (source == SourceKind.synthetic) {
            return Optional.empty();
        }
        Optional<ModelRoot> root = modelRoot();
        if (root.isEmpty()) {
            if (source == SourceKind.images) {
                throw new UsageException("--source images needs a models root: --models DIR or " + ModelRoot.ENV
                        + ", a folder holding a metric depth model and Florence-2 or a COCO detector (and optionally"
                        + " SAM and CLIP)");
            }
            return Optional.empty();
        }
        ModelCatalog catalog = ModelCatalog.scan(root.get());
        Set<ModelCatalog.Kind> required = source == SourceKind.images ? IMAGES_REQUIRE : Set.of();
        Set<ModelCatalog.Kind> regions = source == SourceKind.images ? IMAGES_REGIONS : Set.of();
        if (!catalog.missing(required).isEmpty() || catalog.missingOneOf(regions).isPresent()) {
            throw new UsageException(catalog.missingMessage("--source images", required, regions));
        }
        return Optional.of(Perception.open(catalog, required, options, settings));
    }

    private long checkedMaxPixels() {
        if (maxPixels < 1) {
            throw new UsageException("Invalid --max-pixels: " + maxPixels + " (must be >= 1)");
        }
        return maxPixels;
    }

    private static FrameSource limited(FrameSource all, int n) {
        if (n < 1) {
            throw new UsageException("Invalid --count: " + n + " (must be >= 1)");
        }
        return new FirstFrames(all, n);
    }

    /** The options that define the frames, for manifests. */
    Map<String, String> describe() {
        Map<String, String> m = new TreeMap<>();
        m.put("source_kind", source.name());
        if (source == SourceKind.synthetic) {
            m.put("noise", noise.name());
            m.put("size", width + "x" + height);
        }
        if (count != null) {
            m.put("count", Integer.toString(count));
        }
        if (source != SourceKind.synthetic) {
            m.put("max_pixels", Long.toString(maxPixels));
        }
        return m;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
