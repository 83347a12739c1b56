package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.source.FirstFrames;
import io.github.spatialvlm4j.datagen.source.FrameSource;
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
 * A serializable recipe for a {@link FrameSource}: the driver ships it to every task, and each task
 * opens its own source from it (once per partition). Opening is cheap: a synthetic source draws
 * nothing up front, an RGB-D folder is listed once, a Parquet table's file list and row counts travel
 * inside the recipe. Paths must name the same files on the driver and on every executor (local mode,
 * or a shared file system such as NFS, Lustre, EFS or a FUSE mount of object storage).
 */
public sealed interface SourceSpec extends Serializable {

    /** Opens the source; called once per task. @throws IOException naming the unreadable file */
    FrameSource open() throws IOException;

    /**
     * What defines the frames, for the manifest: the same keys the local runner's {@code generate}
     * records ({@code source_kind}, {@code noise}, {@code size}, {@code count}), so both runners write
     * equal manifests for equal input.
     */
    Map<String, String> manifestOptions();

    /**
     * Synthetic scenes, as {@code generate --source synthetic}.
     *
     * @param width image width, pixels
     * @param height image height, pixels
     * @param sensorNoise whether depth carries the default sensor noise model
     * @param seed the run seed (scenes are drawn from it, as in the local runner)
     * @param count number of scenes, &gt;= 0
     * @param countGiven whether the count was given explicitly (recorded in the manifest)
     */
    record Synthetic(int width, int height, boolean sensorNoise, long seed, int count, boolean countGiven)
            implements SourceSpec {
        public Synthetic {
            if (count < 0) {
                throw new IllegalArgumentException("Invalid synthetic count: " + count + " (scenes, must be >= 0)");
            }
            SyntheticSceneOptions.defaults().withSize(width, height); // validates the size
        }

        @Override
        public FrameSource open() {
            SyntheticSceneOptions options = SyntheticSceneOptions.defaults().withSize(width, height)
                    .withNoise(sensorNoise ? NoiseModel.DEFAULT : NoiseModel.NONE);
            return new SyntheticSource(options, seed, count);
        }

        @Override
        public Map<String, String> manifestOptions() {
            Map<String, String> m = new TreeMap<>();
            m.put("source_kind", "synthetic");
            m.put("noise", sensorNoise ? "sensor" : "none");
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
     * @param limit at most this many frames (the first, in id order), &gt;= 0; {@link Integer#MAX_VALUE} for all
     * @param limitGiven whether the limit was given explicitly (then recorded as {@code count})
     * @param maxPixels the most pixels an input image may have, &gt;= 1 (recorded as {@code max_pixels})
     */
    record Rgbd(String dir, int limit, boolean limitGiven, long maxPixels) implements SourceSpec {
        public Rgbd {
            Objects.requireNonNull(dir, "dir");
            if (limit < 0) {
                throw new IllegalArgumentException("Invalid RGB-D frame limit: " + limit + " (must be >= 0)");
            }
            ImageTooLargeException.requireLimit(maxPixels);
        }

        @Override
        public FrameSource open() throws IOException {
            RgbdFolderSource all = RgbdFolderSource.open(Path.of(dir), maxPixels);
            return limitGiven ? new FirstFrames(all, limit) : all;
        }

        @Override
        public Map<String, String> manifestOptions() {
            return fileOptions("rgbd", limit, limitGiven, maxPixels);
        }
    }

    /**
     * A Parquet table in the Hugging Face image-dataset layout (see {@link ParquetFrameSource}).
     *
     * @param files the table's files with their row counts, in table order (from {@link ParquetFrameSource#scan})
     * @param limit at most this many rows (the first), &gt;= 0; {@link Integer#MAX_VALUE} for all
     * @param limitGiven whether the limit was given explicitly (then recorded as {@code count})
     * @param maxPixels the most pixels an input image may have, &gt;= 1 (recorded as {@code max_pixels})
     */
    record Parquet(List<ParquetFrameSource.Part> files, int limit, boolean limitGiven, long maxPixels)
            implements SourceSpec {
        public Parquet {
            files = List.copyOf(files);
            if (limit < 0) {
                throw new IllegalArgumentException("Invalid Parquet row limit: " + limit + " (must be >= 0)");
            }
            ImageTooLargeException.requireLimit(maxPixels);
        }

        @Override
        public FrameSource open() {
            ParquetFrameSource all = new ParquetFrameSource(files, maxPixels);
            return limitGiven ? new FirstFrames(all, limit) : all;
        }

        @Override
        public Map<String, String> manifestOptions() {
            return fileOptions("parquet", limit, limitGiven, maxPixels);
        }
    }

    /**
     * {@code source_kind}, {@code count} when a limit was given and {@code max_pixels}, as the local CLI
     * records them for a source read from files.
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
