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
        int channels = switch (colorType) {
            case GRAY, PALETTE -> 1;
            case GRAY_ALPHA -> 2;
            case RGB -> 3;
            case RGBA -> 4;
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
        int bytesPerSample = bitDepth / 8;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int k = 0;
        for (int v = 0; v < height; v++) {
            raw.write(0);
            for (int i = 0; i < width * channels; i++) {
                int s = samples[k++];
                if (bytesPerSample == 2) {
                    raw.write(s >>> 8);
                }
                raw.write(s & 0xff);
            }
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
        byte[] idat = new byte[n];
        System.arraycopy(buf, 0, idat, 0, n);
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
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
