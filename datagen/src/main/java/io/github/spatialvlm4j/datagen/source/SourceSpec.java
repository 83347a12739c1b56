package io.github.spatialvlm4j.datagen.source;

import io.github.spatialvlm4j.datagen.source.images.ImageFolderSource;
import io.github.spatialvlm4j.datagen.source.images.WebDatasetSource;
import io.github.spatialvlm4j.datagen.source.parquet.ParquetFrameSource;
import io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolderSource;
import io.github.spatialvlm4j.datagen.source.synthetic.NoiseModel;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.geometry.io.ImageTooLargeException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A serializable recipe for a {@link FrameSource}, one record per input kind: what a run reads,
 * independent of the runner. The local runner opens it once; the Spark driver ships it to every task,
 * and each task opens its own source from it (once per partition). Opening is cheap: a synthetic
 * source draws nothing up front, a folder is listed once, a Parquet table's file list and row counts
 * (and a WebDataset's shards and frame counts) travel inside the recipe. Paths must name the same files
 * wherever the source is opened (local mode, or a shared file system such as NFS, Lustre, EFS or a FUSE
 * mount of object storage); a Parquet table's files may also be URIs that its opener reads (the Spark
 * runner's, through Hadoop).
 *
 * <p>A kind's records also say what the manifest records about the frames ({@link #manifestOptions()}),
 * so that every runner writes the same manifest for the same input.
 */
public sealed interface SourceSpec extends Serializable {

    /**
     * Opens the source for generating data: ground truth, which only the audit reads, is left unread
     * where reading it costs time (an RGB-D folder's {@code <id>.truth.json}).
     *
     * @throws IOException naming the unreadable file or folder
     */
    FrameSource open() throws IOException;

    /**
     * Opens the source with every frame's ground truth, where the kind has any: what the audit reads.
     *
     * @throws IOException naming the unreadable file or folder
     */
    default FrameSource openWithTruth() throws IOException {
        return open();
    }

    /** The kind as {@code --source} names it: {@code synthetic}, {@code rgbd}, {@code images} or {@code parquet}. */
    String kind();

    /**
     * What defines the frames, for the manifest: {@code source_kind}; {@code noise} and {@code size} for
     * synthetic scenes; {@code count} when a count or limit was given; {@code max_pixels} for sources
     * read from files.
     */
    Map<String, String> manifestOptions();

    /**
     * Synthetic scenes ({@link SyntheticSource}).
     *
     * @param width image width, pixels
     * @param height image height, pixels
     * @param noise the noise preset: {@code none}, {@code sensor} or {@code monocular} ({@link NoiseModel#preset})
     * @param seed the run seed (scenes are drawn from it)
     * @param count number of scenes, &gt;= 0
     * @param countGiven whether the count was given explicitly (recorded in the manifest)
     */
    record Synthetic(int width, int height, String noise, long seed, int count, boolean countGiven)
            implements SourceSpec {
        public Synthetic {
            Objects.requireNonNull(noise, "noise");
            if (count < 0) {
                throw new IllegalArgumentException("Invalid synthetic count: " + count + " (scenes, must be >= 0)");
            }
            options(width, height, noise); // validates size and noise
        }

        private static SyntheticSceneOptions options(int width, int height, String noise) {
            return SyntheticSceneOptions.defaults().withSize(width, height).withNoise(NoiseModel.preset(noise));
        }

        @Override
        public FrameSource open() {
            return new SyntheticSource(options(width, height, noise), seed, count);
        }

        @Override
        public String kind() {
            return "synthetic";
        }

        @Override
        public Map<String, String> manifestOptions() {
            Map<String, String> m = new TreeMap<>();
            m.put("source_kind", kind());
            m.put("noise", noise);
            m.put("size", width + "x" + height);
            if (countGiven) {
                m.put("count", Integer.toString(count));
            }
            return m;
        }
    }

    /**
     * An RGB-D folder in {@link RgbdFolderSource}'s layout, optionally only its first frames.
     *
     * @param dir the folder, absolute or relative to every process's working directory
     * @param limit at most this many frames (the first, in id order), &gt;= 0; ignored unless {@code limitGiven}
     * @param limitGiven whether a limit was given (then recorded as {@code count})
     * @param maxPixels the most pixels an input image may have, &gt;= 1 (recorded as {@code max_pixels})
     */
    record Rgbd(String dir, int limit, boolean limitGiven, long maxPixels) implements SourceSpec {
        public Rgbd {
            Objects.requireNonNull(dir, "dir");
            requireLimits(limit, maxPixels);
        }

        @Override
        public FrameSource open() throws IOException {
            return firstFrames(RgbdFolderSource.open(Path.of(dir), maxPixels).withoutTruth(), limit, limitGiven);
        }

        @Override
        public FrameSource openWithTruth() throws IOException {
            return firstFrames(RgbdFolderSource.open(Path.of(dir), maxPixels), limit, limitGiven);
        }

        @Override
        public String kind() {
            return "rgbd";
        }

        @Override
        public Map<String, String> manifestOptions() {
            return fileOptions(kind(), limit, limitGiven, maxPixels);
        }
    }

    /**
     * A folder of photos ({@link ImageFolderSource}), optionally only its first ones; they need models for
     * depth and objects.
     *
     * @param dir the folder
     * @param limit at most this many photos (the first, in id order), &gt;= 0; ignored unless {@code limitGiven}
     * @param limitGiven whether a limit was given (then recorded as {@code count})
     * @param maxPixels the most pixels a photo may have, &gt;= 1 (recorded as {@code max_pixels})
     */
    record Images(String dir, int limit, boolean limitGiven, long maxPixels) implements SourceSpec {
        public Images {
            Objects.requireNonNull(dir, "dir");
            requireLimits(limit, maxPixels);
        }

        @Override
        public FrameSource open() throws IOException {
            return firstFrames(ImageFolderSource.open(Path.of(dir), maxPixels), limit, limitGiven);
        }

        @Override
        public String kind() {
            return "images";
        }

        @Override
        public Map<String, String> manifestOptions() {
            return fileOptions(kind(), limit, limitGiven, maxPixels);
        }
    }

    /**
     * Photos in WebDataset {@code .tar} shards ({@link WebDatasetSource}), optionally only the first ones;
     * like a photo folder ({@code --source images}), they need models for depth and objects. The shards'
     * frame counts travel in the recipe; each task indexes only the shards it reads.
     *
     * @param index the shards and their frame counts (from {@link WebDatasetSource#scan})
     * @param limit at most this many photos (the first), &gt;= 0; ignored unless {@code limitGiven}
     * @param limitGiven whether a limit was given (then recorded as {@code count})
     * @param maxPixels the most pixels a photo may have, &gt;= 1 (recorded as {@code max_pixels})
     */
    record WebDataset(WebDatasetSource.Index index, int limit, boolean limitGiven, long maxPixels)
            implements SourceSpec {
        public WebDataset {
            Objects.requireNonNull(index, "index");
            requireLimits(limit, maxPixels);
        }

        @Override
        public FrameSource open() {
            return firstFrames(new WebDatasetSource(index, maxPixels), limit, limitGiven);
        }

        /** {@code images}: the same kind of frames as a photo folder, under the same option. */
        @Override
        public String kind() {
            return "images";
        }

        @Override
        public Map<String, String> manifestOptions() {
            return fileOptions(kind(), limit, limitGiven, maxPixels);
        }
    }

    /**
     * A Parquet table in the Hugging Face image-dataset layout (see {@link ParquetFrameSource}, which
     * needs Hadoop on the class path).
     *
     * @param files the table's files with their row counts, in table order (from {@link ParquetFrameSource#scan})
     * @param limit at most this many rows (the first), &gt;= 0; ignored unless {@code limitGiven}
     * @param limitGiven whether a limit was given (then recorded as {@code count})
     * @param maxPixels the most pixels an input image may have, &gt;= 1 (recorded as {@code max_pixels})
     * @param opener how the files are opened ({@link ParquetFrameSource#LOCAL}, or through Hadoop on Spark)
     */
    record Parquet(List<ParquetFrameSource.Part> files, int limit, boolean limitGiven, long maxPixels,
            ParquetFrameSource.Opener opener) implements SourceSpec {
        public Parquet {
            files = List.copyOf(files);
            requireLimits(limit, maxPixels);
            Objects.requireNonNull(opener, "opener");
        }

        /** A table of local files. */
        public Parquet(List<ParquetFrameSource.Part> files, int limit, boolean limitGiven, long maxPixels) {
            this(files, limit, limitGiven, maxPixels, ParquetFrameSource.LOCAL);
        }

        @Override
        public FrameSource open() {
            return firstFrames(new ParquetFrameSource(files, maxPixels, opener), limit, limitGiven);
        }

        @Override
        public String kind() {
            return "parquet";
        }

        @Override
        public Map<String, String> manifestOptions() {
            return fileOptions(kind(), limit, limitGiven, maxPixels);
        }
    }

    private static void requireLimits(int limit, long maxPixels) {
        if (limit < 0) {
            throw new IllegalArgumentException("Invalid frame limit: " + limit + " (must be >= 0)");
        }
        ImageTooLargeException.requireLimit(maxPixels);
    }

    /** The first {@code limit} frames of {@code all} when a limit was given, else all of them. */
    private static FrameSource firstFrames(FrameSource all, int limit, boolean limitGiven) {
        return limitGiven ? new FirstFrames(all, limit) : all;
    }

    /**
     * {@code source_kind}, {@code count} when a limit was given and {@code max_pixels}, as recorded for a
     * source read from files.
     */
    private static Map<String, String> fileOptions(String kind, int limit, boolean limitGiven, long maxPixels) {
        Map<String, String> m = new TreeMap<>();
        m.put("source_kind", kind);
        if (limitGiven) {
            m.put("count", Integer.toString(limit));
        }
        m.put("max_pixels", Long.toString(maxPixels));
        return m;
    }
}
