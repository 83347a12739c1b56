package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolderSource;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Where frames come from: the options shared by {@code generate} and {@code audit}. */
final class SourceOptions {

    enum SourceKind { synthetic, rgbd, images }

    enum Noise { none, sensor }

    @Option(names = "--source", paramLabel = "KIND", description = "Input kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SourceKind source = SourceKind.synthetic;

    @Option(names = "--input", paramLabel = "DIR", description = "Input folder (rgbd: intrinsics.json + <id>.color.png/.depth.png/...; images: photos).")
    Path input;

    @Option(names = "--count", paramLabel = "N", description = "Synthetic: number of scenes (default: ${DEFAULT-VALUE}). RGB-D: at most N frames (default: all).")
    Integer count;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default: ${DEFAULT-VALUE}). Same seed, same output, whatever the thread count.")
    long seed = 7;

    @Option(names = "--noise", paramLabel = "MODEL", description = "Synthetic sensor noise: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Noise noise = Noise.none;

    @Option(names = "--width", paramLabel = "PX", description = "Synthetic image width (default: ${DEFAULT-VALUE}).")
    int width = 640;

    @Option(names = "--height", paramLabel = "PX", description = "Synthetic image height (default: ${DEFAULT-VALUE}).")
    int height = 480;

    @Option(names = "--models", paramLabel = "DIR", description = "Models root (Hugging Face layout); also $SPATIALVLM4J_MODELS.")
    Path models;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    static final int DEFAULT_SYNTHETIC_COUNT = 100;

    /** Opens the source, or throws a {@link UsageException} that says what is missing. */
    FrameSource open() throws IOException {
        switch (source) {
            case synthetic -> {
                if (input != null) {
                    throw new UsageException("--input is not used with --source synthetic");
                }
                int n = count == null ? DEFAULT_SYNTHETIC_COUNT : count;
                if (n < 0) {
                    throw new UsageException("Invalid --count: " + n + " (must be >= 0)");
                }
                SyntheticSceneOptions options = SyntheticSceneOptions.defaults().withSize(width, height)
                        .withNoise(noise == Noise.sensor ? NoiseModel.DEFAULT : NoiseModel.NONE);
                return new SyntheticSource(options, seed, n);
            }
            case rgbd -> {
                if (input == null) {
                    throw new UsageException("--source rgbd needs --input DIR (a folder with intrinsics.json)");
                }
                FrameSource all = RgbdFolderSource.open(input);
                return count == null ? all : limited(all, count);
            }
            case images -> throw new UsageException(missingModelsMessage());
            default -> throw new IllegalStateException("Unknown source " + source);
        }
    }

    private String missingModelsMessage() {
        Path root = models != null ? models
                : System.getenv("SPATIALVLM4J_MODELS") != null ? Path.of(System.getenv("SPATIALVLM4J_MODELS")) : null;
        return "--source images needs models that this build does not have yet: a metric depth model (e.g. "
                + "depth-anything-v2-metric), a region captioner (Florence-2) and a segmenter (SAM) under the models "
                + "root" + (root == null ? " (--models DIR or SPATIALVLM4J_MODELS, not set)" : " " + root)
                + ". Use --source synthetic or --source rgbd, which need no model.";
    }

    private static FrameSource limited(FrameSource all, int n) {
        if (n < 0) {
            throw new UsageException("Invalid --count: " + n + " (must be >= 0)");
        }
        int size = Math.min(n, all.size());
        return new FrameSource() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public io.github.spatialvlm4j.datagen.Frame load(int index) throws IOException {
                if (index >= size) {
                    throw new IndexOutOfBoundsException("Frame index " + index + " outside [0, " + size + ")");
                }
                return all.load(index);
            }

            @Override
            public String describe() {
                return all.describe() + ", first " + size;
            }
        };
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
        return m;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
