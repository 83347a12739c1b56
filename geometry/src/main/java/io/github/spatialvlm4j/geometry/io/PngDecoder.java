package io.github.spatialvlm4j.geometry.io;

import io.github.spatialvlm4j.geometry.DepthMap;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The fast path for the PNG files RGB-D data sets hold: non-interlaced 8-bit gray, gray with alpha,
 * RGB and RGBA, and 8- or 16-bit gray, decoded straight from their bytes into primitive arrays (one
 * inflate, in-place unfiltering, no per-pixel objects; javax.imageio's reader goes through a
 * {@code BufferedImage} and a colour model per pixel and is 3-5x slower).
 *
 * <p>It gives the samples javax.imageio gives for these files and nothing else: a file outside the
 * fast path (interlaced, palette, 1/2/4 bits, 16-bit colour, a {@code tRNS} or {@code iCCP} chunk),
 * or one that is not well formed (bad signature, chunk lengths or CRCs, missing {@code IHDR} or
 * {@code IEND}, image data that does not inflate to every row, an unknown filter), is not decoded
 * here: {@link #parse} returns null and the callers use javax.imageio, which reads or rejects it as
 * before. O(bytes + pixels). Thread-safe; each thread keeps one scratch buffer of the largest image it
 * decoded.
 */
final class PngDecoder {
    static final int GRAY = 0;
    static final int RGB = 2;
    static final int GRAY_ALPHA = 4;
    static final int RGBA = 6;

    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454e44;
    private static final int TRNS = 0x74524e53;
    private static final int ICCP = 0x69434350;
    /**
     * Each thread's buffer for the inflated rows, kept from one decode to the next (a frame source decodes
     * images of one size again and again): no allocation or zeroing per image once it is large enough.
     */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
    /** Largest image this path takes, pixels (larger files go to javax.imageio). */
    private static final long MAX_PIXELS = 1L << 28;

    /**
     * A well-formed PNG inside the fast path.
     *
     * @param width pixels
     * @param height pixels
     * @param bitDepth 8 or 16 (16 only for gray)
     * @param colorType {@link #GRAY}, {@link #RGB}, {@link #GRAY_ALPHA} or {@link #RGBA}
     * @param end the offset just after the {@code IEND} chunk (bytes beyond it are not the PNG's)
     */
    record Png(byte[] bytes, int width, int height, int bitDepth, int colorType, int[] idatOffsets,
            int[] idatLengths, int end) {

        int channels() {
            return switch (colorType) {
                case GRAY -> 1;
                case GRAY_ALPHA -> 2;
                case RGB -> 3;
                default -> 4;
            };
        }

        /** Bytes per complete pixel (the filters' offset). */
        int pixelBytes() {
            return channels() * bitDepth / 8;
        }

        int rowBytes() {
            return width * pixelBytes();
        }
    }

    private PngDecoder() {
    }

    /**
     * The structure of {@code bytes} when they are a well-formed PNG inside the fast path (see the class
     * notes), else null.
     */
    static Png parse(byte[] bytes) {
        if (!PngChunks.isPng(bytes)) {
            return null;
        }
        int pos = PngChunks.SIGNATURE_LENGTH;
        int width = 0;
        int height = 0;
        int bitDepth = 0;
        int colorType = -1;
        boolean header = false;
        int[] offsets = new int[8];
        int[] lengths = new int[8];
        int idats = 0;
        CRC32 crc = new CRC32();
        while (true) {
            if (bytes.length - pos < 12) {
                return null;
            }
            int length = PngChunks.readInt(bytes, pos);
            int type = PngChunks.readInt(bytes, pos + 4);
            if (length < 0 || length > bytes.length - pos - 12) {
                return null;
            }
            crc.reset();
            crc.update(bytes, pos + 4, length + 4);
            if ((int) crc.getValue() != PngChunks.readInt(bytes, pos + 8 + length)) {
                return null;
            }
            int data = pos + 8;
            if (!header) {
                if (type != IHDR || length != 13) {
                    return null;
                }
                width = PngChunks.readInt(bytes, data);
                height = PngChunks.readInt(bytes, data + 4);
                bitDepth = bytes[data + 8] & 0xff;
                colorType = bytes[data + 9] & 0xff;
                int compression = bytes[data + 10];
                int filter = bytes[data + 11];
                int interlace = bytes[data + 12];
                boolean supported = (bitDepth == 8 && (colorType == GRAY || colorType == RGB
                        || colorType == GRAY_ALPHA || colorType == RGBA)) || (bitDepth == 16 && colorType == GRAY);
                if (!supported || compression != 0 || filter != 0 || interlace != 0 || width <= 0 || height <= 0
                        || (long) width * height > MAX_PIXELS) {
                    return null;
                }
                header = true;
            } else if (type == IDAT) {
                if (idats == offsets.length) {
                    offsets = java.util.Arrays.copyOf(offsets, 2 * idats);
                    lengths = java.util.Arrays.copyOf(lengths, 2 * idats);
                }
                offsets[idats] = data;
                lengths[idats++] = length;
            } else if (type == IEND) {
                pos = data + length + 4;
                break;
            } else if (type == TRNS || type == ICCP || type == IHDR || (type >>> 24 & 0x20) == 0) {
                // Transparency and colour profiles are outside the fast path; an unknown critical chunk
                // (upper-case first letter, PLTE included) too.
                return null;
            }
            pos = data + length + 4;
        }
        if (idats == 0) {
            return null;
        }
        return new Png(bytes, width, height, bitDepth, colorType, java.util.Arrays.copyOf(offsets, idats),
                java.util.Arrays.copyOf(lengths, idats), pos);
    }

    /**
     * The image's rows, inflated and unfiltered, without filter bytes: the first {@code height x rowBytes}
     * bytes, samples big-endian; null when the image data is corrupt or too short. The array is the calling
     * thread's scratch buffer, reused by its next decode: read it before.
     */
    static byte[] rows(Png png) {
        int rowBytes = png.rowBytes();
        int stride = rowBytes + 1;
        long rawLength = (long) png.height() * stride;
        if (rawLength > Integer.MAX_VALUE - 8) {
            return null;
        }
        int length = (int) rawLength;
        byte[] raw = SCRATCH.get();
        if (raw == null || raw.length < length) {
            raw = new byte[length];
            SCRATCH.set(raw);
        }
        Inflater inflater = new Inflater();
        try {
            int filled = 0;
            int next = 0;
            while (filled < length) {
                int n = inflater.inflate(raw, filled, length - filled);
                filled += n;
                if (n == 0) {
                    if (inflater.finished() || inflater.needsDictionary()) {
                        return null;
                    }
                    if (inflater.needsInput()) {
                        if (next == png.idatOffsets().length) {
                            return null;
                        }
                        inflater.setInput(png.bytes(), png.idatOffsets()[next], png.idatLengths()[next]);
                        next++;
                    }
                }
            }
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
        int bpp = png.pixelBytes();
        // Unfilter in place; row r's bytes move to r * rowBytes (before its filter byte's old position).
        // The first pixel of a row has no left neighbour and the first row no row above: those bytes are
        // done apart, so that the loops over the rest have no tests.
        for (int r = 0; r < png.height(); r++) {
            int in = r * stride + 1;
            int filter = raw[in - 1];
            boolean first = r == 0;
            if (first && (filter == 2 || filter == 4)) {
                // With no row above, Up predicts 0 (None) and Paeth the left neighbour (Sub).
                filter = filter == 2 ? 0 : 1;
            }
            int out = r * rowBytes;
            int prior = out - rowBytes; // the previous row, already unfiltered and moved
            int head = Math.min(bpp, rowBytes);
            switch (filter) {
                case 0 -> System.arraycopy(raw, in, raw, out, rowBytes);
                case 1 -> {
                    System.arraycopy(raw, in, raw, out, head);
                    for (int i = head; i < rowBytes; i++) {
                        raw[out + i] = (byte) (raw[in + i] + raw[out + i - bpp]);
                    }
                }
                case 2 -> {
                    for (int i = 0; i < rowBytes; i++) {
                        raw[out + i] = (byte) (raw[in + i] + raw[prior + i]);
                    }
                }
                case 3 -> {
                    for (int i = 0; i < head; i++) {
                        int up = first ? 0 : raw[prior + i] & 0xff;
                        raw[out + i] = (byte) (raw[in + i] + (up >>> 1));
                    }
                    if (first) {
                        for (int i = head; i < rowBytes; i++) {
                            raw[out + i] = (byte) (raw[in + i] + ((raw[out + i - bpp] & 0xff) >>> 1));
                        }
                    } else {
                        for (int i = head; i < rowBytes; i++) {
                            int left = raw[out + i - bpp] & 0xff;
                            int up = raw[prior + i] & 0xff;
                            raw[out + i] = (byte) (raw[in + i] + ((left + up) >>> 1));
                        }
                    }
                }
                case 4 -> {
                    // Paeth with no left neighbour predicts the byte above.
                    for (int i = 0; i < head; i++) {
                        raw[out + i] = (byte) (raw[in + i] + raw[prior + i]);
                    }
                    for (int i = head; i < rowBytes; i++) {
                        int left = raw[out + i - bpp] & 0xff;
                        int up = raw[prior + i] & 0xff;
                        int upLeft = raw[prior + i - bpp] & 0xff;
                        raw[out + i] = (byte) (raw[in + i] + paeth(left, up, upLeft));
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return raw;
    }

    /** The Paeth predictor of the PNG specification (section 9.4). */
    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    /** The first channel of every pixel (gray), {@code 0 .. 2^bitDepth - 1}, row-major; null as {@link #rows}. */
    static int[] gray(Png png) {
        return gray(png, int[]::new);
    }

    /**
     * As {@link #gray(Png)}, into the array {@code plane} gives for the pixel count (every element written;
     * see {@link #plane}).
     */
    static int[] gray(Png png, IntFunction<int[]> plane) {
        byte[] rows = rows(png);
        if (rows == null) {
            return null;
        }
        int n = png.width() * png.height();
        int[] out = plane(plane.apply(n), n);
        int step = png.pixelBytes();
        if (png.bitDepth() == 16) {
            for (int i = 0, k = 0; i < n; i++, k += step) {
                out[i] = (rows[k] & 0xff) << 8 | (rows[k + 1] & 0xff);
            }
        } else {
            for (int i = 0, k = 0; i < n; i++, k += step) {
                out[i] = rows[k] & 0xff;
            }
        }
        return out;
    }

    /**
     * The first channel of every pixel in meters, {@link DepthMap#meters}{@code (sample, divisor)}, row-major
     * (a depth map in meters from raw units, without a plane of raw samples in between), into the array
     * {@code plane} gives for the pixel count (see {@link #plane}); null as {@link #rows}.
     */
    static float[] grayOver(Png png, double divisor, IntFunction<float[]> plane) {
        byte[] rows = rows(png);
        if (rows == null) {
            return null;
        }
        int n = png.width() * png.height();
        float[] out = plane(plane.apply(n), n);
        int step = png.pixelBytes();
        if (png.bitDepth() == 16) {
            for (int i = 0, k = 0; i < n; i++, k += step) {
                out[i] = DepthMap.meters((rows[k] & 0xff) << 8 | (rows[k + 1] & 0xff), divisor);
            }
        } else {
            for (int i = 0, k = 0; i < n; i++, k += step) {
                out[i] = DepthMap.meters(rows[k] & 0xff, divisor);
            }
        }
        return out;
    }

    /**
     * {@code 0xRRGGBB} per pixel, row-major: gray replicated into R, G and B from its raw value (16 bits
     * scaled to 8 with rounding), alpha dropped; null as {@link #rows}.
     */
    static int[] rgb(Png png) {
        return rgb(png, int[]::new);
    }

    /** As {@link #rgb(Png)}, into the array {@code plane} gives for the pixel count (see {@link #plane}). */
    static int[] rgb(Png png, IntFunction<int[]> plane) {
        if (png.colorType() == GRAY || png.colorType() == GRAY_ALPHA) {
            int[] gray = gray(png, plane);
            if (gray != null) {
                int max = (1 << png.bitDepth()) - 1;
                for (int i = 0; i < gray.length; i++) {
                    int g = max == 255 ? gray[i] : (int) ((gray[i] * 255L + max / 2) / max);
                    gray[i] = g << 16 | g << 8 | g;
                }
            }
            return gray;
        }
        byte[] rows = rows(png);
        if (rows == null) {
            return null;
        }
        int n = png.width() * png.height();
        int[] out = plane(plane.apply(n), n);
        int step = png.pixelBytes();
        for (int i = 0, k = 0; i < n; i++, k += step) {
            out[i] = (rows[k] & 0xff) << 16 | (rows[k + 1] & 0xff) << 8 | (rows[k + 2] & 0xff);
        }
        return out;
    }

    /**
     * {@code out} when it is the array of exactly {@code n} elements that a plane supplier must give (a
     * decoder's caller may hand it an array it reuses from image to image: the decoder writes every element).
     *
     * @throws IllegalArgumentException when it is null or of another length
     */
    static int[] plane(int[] out, int n) {
        if (out == null || out.length != n) {
            throw planeError(out == null ? "null" : out.length + " values", n);
        }
        return out;
    }

    /** As {@link #plane(int[], int)}, for a plane of floats. */
    static float[] plane(float[] out, int n) {
        if (out == null || out.length != n) {
            throw planeError(out == null ? "null" : out.length + " values", n);
        }
        return out;
    }

    private static IllegalArgumentException planeError(String got, int n) {
        return new IllegalArgumentException("A plane supplier gave " + got + " for an image of " + n + " pixels");
    }
}
