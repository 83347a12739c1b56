package io.github.spatialvlm4j.geometry.io;

import io.github.spatialvlm4j.geometry.LabelImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Instance label images as 8- or 16-bit grayscale PNG files: each pixel's gray value is its
 * instance id, 0 = no object ({@link LabelImage#NONE}). Row-major, {@code (u, v)} = (column,
 * row). Writing picks 8 bits when every id is &lt;= 255, otherwise 16 bits; ids above 65535 do
 * not fit a PNG. O(pixels). Stateless.
 */
public final class LabelPng {
    private static final int MAX_ID = 65535;

    private LabelPng() {
    }

    /**
     * Reads an 8- or 16-bit grayscale PNG label file, strictly (see {@link ColorImages#read(Path)}).
     *
     * @throws IOException naming the file when it is not a regular file, cannot be read, is
     *     truncated or corrupt, or is not 8/16-bit grayscale
     */
    public static LabelImage read(Path path) throws IOException {
        return read(path, ColorImages.UNLIMITED);
    }

    /**
     * As {@link #read(Path)}, decoding at most {@code maxPixels} pixels.
     *
     * @throws ImageTooLargeException when the header declares more, before any pixel is decoded
     */
    public static LabelImage read(Path path, long maxPixels) throws IOException {
        return read(path, maxPixels, int[]::new);
    }

    /**
     * As {@link #read(Path, long)}, the ids decoded into the array {@code plane} gives for the pixel count
     * (exactly that many elements, every one written: a plane the caller reuses from frame to frame, which
     * the image returned wraps); a file outside the fast PNG path is decoded into a new array.
     *
     * @throws IllegalArgumentException when {@code plane} gives null or an array of another length
     */
    public static LabelImage read(Path path, long maxPixels, IntFunction<int[]> plane) throws IOException {
        return decode(IoFiles.readRegularFile(path), path.toString(), maxPixels, Objects.requireNonNull(plane, "plane"));
    }

    /** Reads an 8- or 16-bit grayscale PNG label image from a stream (read to its end, not closed); errors as {@link #read(Path)}. */
    public static LabelImage read(InputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("Input stream is null");
        }
        return decode(in.readAllBytes(), "<stream>", ColorImages.UNLIMITED, int[]::new);
    }

    /** As {@link #read(InputStream)} on bytes, decoding at most {@code maxPixels} pixels. */
    public static LabelImage decode(byte[] png, long maxPixels) throws IOException {
        return decode(png, "<bytes>", maxPixels, int[]::new);
    }

    private static LabelImage decode(byte[] bytes, String source, long maxPixels, IntFunction<int[]> plane)
            throws IOException {
        PngCodec.Samples png = PngCodec.readGray(bytes, source, maxPixels, plane, "8- or 16-bit grayscale", 8, 16);
        return new LabelImage(png.width(), png.height(), png.samples());
    }

    /** Writes {@code labels} as a grayscale PNG, replacing {@code path} only once the whole file is written. */
    public static void write(LabelImage labels, Path path) throws IOException {
        IoFiles.requirePath(path);
        IoFiles.writeAtomically(path, encode(labels));
    }

    /**
     * Encodes {@code labels} as PNG bytes: 8-bit when the largest id is &lt;= 255, else 16-bit.
     * Deterministic.
     *
     * @throws IllegalArgumentException naming the first id above 65535 and its pixel
     */
    public static byte[] encode(LabelImage labels) {
        if (labels == null) {
            throw new IllegalArgumentException("Label image is null");
        }
        int[] ids = labels.ids();
        int max = LabelImage.NONE;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] > MAX_ID) {
                throw new IllegalArgumentException("Label id " + ids[i] + " at pixel (u=" + (i % labels.width()) + ", v="
                        + (i / labels.width()) + ") does not fit a 16-bit PNG (ids must be 0.." + MAX_ID + ")");
            }
            max = Math.max(max, ids[i]);
        }
        return PngCodec.encodeGray(labels.width(), labels.height(), max <= 255 ? 8 : 16, ids);
    }
}
