package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.job.GenerateJob;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.datagen.source.images.WebDatasetSource;
import io.github.spatialvlm4j.datagen.source.parquet.ParquetFrameSource;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where frames come from: the picocli options shared by {@code generate}, {@code audit} and the Spark
 * runner, turned into a {@link SourceSpec}. Each command says which kinds it runs ({@link #require}).
 */
public final class SourceOptions {

    /** The input kinds, as {@code --source} names them. */
    public enum SourceKind { synthetic, rgbd, images, parquet }

    /** The synthetic noise presets, as {@code --noise} names them. */
    public enum Noise { none, sensor, monocular }

    @Option(names = "--source", paramLabel = "KIND", description = "Input kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SourceKind source = SourceKind.synthetic;

    @Option(names = "--input", paramLabel = "PATH", description = "Input: rgbd, a folder with intrinsics.json + <id>.color.png/.depth.png/...;"
            + " images, a folder of photos or of WebDataset .tar shards (or one .tar); parquet, a .parquet file or a folder of them (Hugging Face image layout).")
    String input;

    @Option(names = "--count", paramLabel = "N", description = "Synthetic: number of scenes (default: "
            + SyntheticSource.DEFAULT_COUNT + "). Other kinds: at most N frames (default: all).")
    Integer count;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default: ${DEFAULT-VALUE}). Same seed, same output, whatever the thread count or runner.")
    long seed = 7;

    @Option(names = "--noise", paramLabel = "MODEL", description = "Synthetic input corruption: none, sensor (RGB-D sensor depth with outliers, segmenter masks),"
            + " monocular (depth-network scale error, warp and ramps, segmenter masks) (default: ${DEFAULT-VALUE}).")
    Noise noise = Noise.none;

    @Option(names = "--width", paramLabel = "PX", description = "Synthetic image width (default: ${DEFAULT-VALUE}).")
    int width = 640;

    @Option(names = "--height", paramLabel = "PX", description = "Synthetic image height (default: ${DEFAULT-VALUE}).")
    int height = 480;

    @Option(names = "--max-pixels", paramLabel = "N", description = "Kinds read from files: the most pixels an input image"
            + " may have; a larger one is a skipped frame, not decoded (default: ${DEFAULT-VALUE}).")
    long maxPixels = GenerateJob.DEFAULT_MAX_PIXELS;

    /** The kind given with {@code --source}. */
    public SourceKind kind() {
        return source;
    }

    /** The run seed, {@code --seed}. */
    public long seed() {
        return seed;
    }

    /** {@code --input}, or null when not given. */
    public Path input() {
        return input == null ? null : Path.of(input);
    }

    /** {@code --input} as given (a URI stays a URI), or null when not given. */
    public String inputText() {
        return input;
    }

    /**
     * How a runner turns a Parquet {@code --input} into a table: the local runner reads a file or a folder
     * of files ({@link #LOCAL_PARQUET}); the Spark runner also URIs, globs and lists of files.
     */
    @FunctionalInterface
    public interface ParquetTables {
        /**
         * @param input {@code --input} as given
         * @throws IOException naming the file when the input cannot be listed or a footer read
         */
        SourceSpec.Parquet table(String input, int limit, boolean limitGiven, long maxPixels) throws IOException;
    }

    /** A {@code .parquet} file or a folder of them on the local file system ({@link ParquetFrameSource#scan}). */
    public static final ParquetTables LOCAL_PARQUET = (in, limit, limitGiven, maxPixels) ->
            new SourceSpec.Parquet(ParquetFrameSource.scan(Path.of(in)), limit, limitGiven, maxPixels);

    /**
     * Refuses a kind that the command does not run.
     *
     * @param supported whether the command runs the given kind
     * @param why what to do instead, appended to the message
     * @throws UsageException naming the kind when {@code supported} is false
     */
    public void require(boolean supported, String why) {
        if (!supported) {
            throw new UsageException("--source " + lower(source) + " is not supported here: " + why);
        }
    }

    /**
     * The source these options describe; reads a Parquet table's footers (file list and row counts).
     *
     * @throws UsageException naming the bad or missing option
     * @throws IOException when the Parquet input cannot be listed or its footers read
     */
    public SourceSpec spec() throws IOException {
        return spec(LOCAL_PARQUET);
    }

    /**
     * As {@link #spec()}, with a Parquet input listed by {@code tables}.
     *
     * @throws UsageException naming the bad or missing option
     * @throws IOException when the Parquet input cannot be listed or its footers read
     */
    public SourceSpec spec(ParquetTables tables) throws IOException {
        if (count != null && count < 1) {
            throw new UsageException("Invalid --count: " + count + " (must be >= 1)");
        }
        if (source == SourceKind.synthetic) {
            if (input != null) {
                throw new UsageException("--input is not used with --source synthetic");
            }
            try {
                return new SourceSpec.Synthetic(width, height, noise.name(), seed,
                        count == null ? SyntheticSource.DEFAULT_COUNT : count, count != null);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (noise != Noise.none) {
            throw new UsageException("--noise " + noise + " is only for --source synthetic: --source " + source
                    + " frames keep the depth and masks they come with");
        }
        if (maxPixels < 1) {
            throw new UsageException("Invalid --max-pixels: " + maxPixels + " (must be >= 1)");
        }
        int limit = count == null ? Integer.MAX_VALUE : count;
        return switch (source) {
            case rgbd -> new SourceSpec.Rgbd(Path.of(requireInput("a folder with intrinsics.json")).toString(), limit,
                    count != null, maxPixels);
            case images -> images(Path.of(requireInput("a folder of .jpg/.png photos, or of WebDataset .tar shards"))
                    .toString(), limit, maxPixels);
            case parquet -> tables.table(requireInput("a .parquet file or a folder of them"), limit, count != null,
                    maxPixels);
            case synthetic -> throw new IllegalStateException("handled above");
        };
    }

    /** A folder of photos, or WebDataset shards: a {@code .tar} file or a folder of them. */
    private SourceSpec images(String in, int limit, long maxPixels) throws IOException {
        Path path = Path.of(in);
        if (WebDatasetSource.isWebDataset(path)) {
            return new SourceSpec.WebDataset(WebDatasetSource.scan(path), limit, count != null, maxPixels);
        }
        return new SourceSpec.Images(in, limit, count != null, maxPixels);
    }

    /** {@code --input} as given (a Parquet URI stays a URI). */
    private String requireInput(String what) {
        if (input == null) {
            throw new UsageException("--source " + lower(source) + " needs --input " + (source == SourceKind.parquet
                    ? "PATH" : "DIR") + " (" + what + ")");
        }
        return input;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
