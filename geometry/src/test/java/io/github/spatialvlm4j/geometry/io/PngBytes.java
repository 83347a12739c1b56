package io.github.spatialvlm4j.geometry.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds PNG files byte by byte (signature, IHDR, PLTE, IDAT, IEND with their CRCs), independent
 * of javax.imageio's writer, so readers are tested against files that ImageIO did not make.
 */
final class PngBytes {
    static final int GRAY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GRAY_ALPHA = 4;
    static final int RGBA = 6;

    private PngBytes() {
    }

    /**
     * A PNG with filter type 0 on every row. {@code samples} are the channel values in row-major,
     * channel-interleaved order; each takes {@code bitDepth / 8} big-endian bytes (8 or 16 bits).
     */
    static byte[] png(int width, int height, int bitDepth, int colorType, int[] samples, byte[] palette) {
        return png(width, height, bitDepth, colorType, samples, palette, new int[] {0}, 1, new String[0],
                new byte[0][]);
    }

    /**
     * A PNG whose row {@code v} is filtered with {@code filters[v % filters.length]} (0 none, 1 sub, 2 up,
     * 3 average, 4 Paeth, as the PNG specification defines them), its compressed data cut into
     * {@code idatChunks} IDAT chunks of about equal size, and the chunks {@code extraTypes[i]} with data
     * {@code extraData[i]} written between IHDR (and PLTE) and the first IDAT.
     */
    static byte[] png(int width, int height, int bitDepth, int colorType, int[] samples, byte[] palette,
            int[] filters, int idatChunks, String[] extraTypes, byte[][] extraData) {
        int channels = switch (colorType) {
            case GRAY, PALETTE -> 1;
            case GRAY_ALPHA -> 2;
            case RGB -> 3;
            case RGBA -> 4;
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
        int bytesPerSample = bitDepth / 8;
        int bpp = channels * bytesPerSample;
        int rowBytes = width * bpp;
        byte[] previous = new byte[rowBytes];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int k = 0;
        for (int v = 0; v < height; v++) {
            byte[] row = new byte[rowBytes];
            int j = 0;
            for (int i = 0; i < width * channels; i++) {
                int s = samples[k++];
                if (bytesPerSample == 2) {
                    row[j++] = (byte) (s >>> 8);
                }
                row[j++] = (byte) s;
            }
            int filter = filters[v % filters.length];
            raw.write(filter);
            for (int i = 0; i < rowBytes; i++) {
                int a = i >= bpp ? row[i - bpp] & 0xff : 0;
                int b = v > 0 ? previous[i] & 0xff : 0;
                int c = i >= bpp && v > 0 ? previous[i - bpp] & 0xff : 0;
                int predictor = switch (filter) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    case 4 -> paeth(a, b, c);
                    default -> throw new IllegalArgumentException("filter " + filter);
                };
                raw.write((row[i] - predictor) & 0xff);
            }
            previous = row;
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        byte[] buf = new byte[raw.size() + 1024];
        int n = deflater.deflate(buf);
        deflater.end();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) bitDepth).put((byte) colorType).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        if (palette != null) {
            chunk(out, "PLTE", palette);
        }
        for (int i = 0; i < extraTypes.length; i++) {
            chunk(out, extraTypes[i], extraData[i]);
        }
        int piece = (n + idatChunks - 1) / idatChunks;
        for (int from = 0; from < n; from += piece) {
            byte[] idat = new byte[Math.min(piece, n - from)];
            System.arraycopy(buf, from, idat, 0, idat.length);
            chunk(out, "IDAT", idat);
        }
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The Paeth predictor, written from the PNG specification's pseudo-code. */
    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        } else if (pb <= pc) {
            return b;
        }
        return c;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
