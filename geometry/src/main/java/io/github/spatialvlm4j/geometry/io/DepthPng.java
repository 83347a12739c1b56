package io.github.spatialvlm4j.geometry.io;

import io.github.spatialvlm4j.geometry.DepthMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Depth maps as 16-bit grayscale PNG files, the format of RGB-D datasets (TUM, NYU, ScanNet,
 * Redwood): each pixel holds an unsigned raw value, {@code meters = raw / depthScale}, where
 * {@code depthScale} is units per meter (1000 for millimetres, 5000 for TUM). Raw 0 means no
 * measurement and maps to {@link DepthMap#INVALID}. Pixels are row-major, {@code (u, v)} =
 * (column, row), as in {@link DepthMap}.
 *
 * <p>Writing rounds each depth to the nearest raw unit, so a round trip is exact within
 * {@code 0.5 / depthScale} meters; the representable range is {@code 1 / depthScale} to
 * {@code 65535 / depthScale} meters (65.535 m at millimetre scale). O(pixels). Stateless.
 */
public final class DepthPng {
    private static final int MAX_RAW = 65535;

    private DepthPng() {
    }

    /**
     * Reads a 16-bit grayscale PNG depth file, strictly (a truncated or corrupt file is an error, see
     * {@link ColorImages#read(Path)}).
     *
     * @param depthScale raw units per meter, finite and &gt; 0
     * @throws IOException naming the file when it is not a regular file (a named pipe is refused, not
     *     opened), cannot be read, is truncated or corrupt, or is not 16-bit grayscale ("expected
     *     16-bit grayscale PNG, got 8-bit RGB colour")
     */
    public static DepthMap read(Path path, double depthScale) throws IOException {
        return read(path, depthScale, ColorImages.UNLIMITED);
    }

    /**
     * As {@link #read(Path, double)}, decoding at most {@code maxPixels} pixels.
     *
     * @throws ImageTooLargeException when the header declares more, before any pixel is decoded
     */
    public static DepthMap read(Path path, double depthScale, long maxPixels) throws IOException {
        return read(path, depthScale, maxPixels, float[]::new);
    }

    /**
     * As {@link #read(Path, double, long)}, the meters decoded into the array {@code plane} gives for the
     * pixel count (exactly that many elements, every one written: a plane the caller reuses from frame to
     * frame, which the map returned wraps); a file outside the fast PNG path is decoded into a new array.
     *
     * @throws IllegalArgumentException when {@code plane} gives null or an array of another length
     */
    public static DepthMap read(Path path, double depthScale, long maxPixels, IntFunction<float[]> plane)
            throws IOException {
        requireScale(depthScale);
        return decode(IoFiles.readRegularFile(path), path.toString(), depthScale, maxPixels,
                Objects.requireNonNull(plane, "plane"));
    }

    /**
     * Reads a 16-bit grayscale PNG depth image from a stream (read to its end, not closed).
     *
     * @param depthScale raw units per meter, finite and &gt; 0
     * @throws IOException as {@link #read(Path, double)}, naming the source "&lt;stream&gt;"
     */
    public static DepthMap read(InputStream in, double depthScale) throws IOException {
        requireScale(depthScale);
        if (in == null) {
            throw new IllegalArgumentException("Input stream is null");
        }
        return decode(in.readAllBytes(), "<stream>", depthScale, ColorImages.UNLIMITED, float[]::new);
    }

    /** As {@link #read(InputStream, double)} on bytes, decoding at most {@code maxPixels} pixels. */
    public static DepthMap decode(byte[] png, double depthScale, long maxPixels) throws IOException {
        requireScale(depthScale);
        return decode(png, "<bytes>", depthScale, maxPixels, float[]::new);
    }

    private static DepthMap decode(byte[] bytes, String source, double depthScale, long maxPixels,
            IntFunction<float[]> plane) throws IOException {
        PngDecoder.Png fast = PngCodec.fastGray(bytes, source, maxPixels, 16);
        if (fast != null) {
            // Straight to meters (DepthMap.meters, as fromRaw): no plane of raw samples in between.
            float[] meters = PngDecoder.grayOver(fast, depthScale, plane);
            if (meters != null) {
                return new DepthMap(fast.width(), fast.height(), meters);
            }
        }
        PngCodec.Samples png = PngCodec.readGrayStrict(bytes, source, maxPixels, "16-bit grayscale", 16);
        return DepthMap.fromRaw(png.width(), png.height(), png.samples(), depthScale);
    }

    /**
     * Writes {@code depth} as a 16-bit grayscale PNG, replacing {@code path} only once the whole
     * file is written.
     *
     * @throws IllegalArgumentException as {@link #encode}
     */
    public static void write(DepthMap depth, Path path, double depthScale) throws IOException {
        IoFiles.requirePath(path);
        IoFiles.writeAtomically(path, encode(depth, depthScale));
    }

    /**
     * Encodes {@code depth} as the bytes of a 16-bit grayscale PNG; deterministic.
     *
     * @param depthScale raw units per meter, finite and &gt; 0
     * @throws IllegalArgumentException naming the pixel and its depth when a valid depth rounds
     *     to a raw value outside 1..65535 (it would read back as invalid or wrap around)
     */
    public static byte[] encode(DepthMap depth, double depthScale) {
        if (depth == null) {
            throw new IllegalArgumentException("Depth map is null");
        }
        requireScale(depthScale);
        float[] meters = depth.meters();
        int width = depth.width();
        int[] raw = new int[meters.length];
        for (int i = 0; i < meters.length; i++) {
            float z = meters[i];
            if (z == DepthMap.INVALID) {
                continue;
            }
            long r = Math.round(z * depthScale);
            if (r < 1 || r > MAX_RAW) {
                throw new IllegalArgumentException("Depth " + z + " m at pixel (u=" + (i % width) + ", v=" + (i / width)
                        + ") is " + r + " raw units at depth scale " + depthScale + ": must be 1.." + MAX_RAW + " ("
                        + (1 / depthScale) + " to " + (MAX_RAW / depthScale) + " m)");
            }
            raw[i] = (int) r;
        }
        return PngCodec.encodeGray(width, depth.height(), 16, raw);
    }

    private static void requireScale(double depthScale) {
        if (!(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw new IllegalArgumentException("Invalid depth scale: " + depthScale + " (units per meter, must be > 0)");
        }
    }
}
