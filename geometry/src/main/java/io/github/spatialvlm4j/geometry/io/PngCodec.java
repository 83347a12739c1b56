package io.github.spatialvlm4j.geometry.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.IntFunction;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * PNG through javax.imageio: grayscale files read and written with their raw sample values (no
 * gamma or colour conversion), and any image encoded deterministically. Common grayscale files are
 * decoded by {@link PngDecoder} instead, with the same result. Streams are cached in memory, never on
 * disk, and no global ImageIO setting is changed.
 */
final class PngCodec {
    private static final String PNG_METADATA = "javax_imageio_png_1.0";

    /** The raw samples of a grayscale PNG: {@code samples[v * width + u]}, 0..2^bitDepth-1. */
    record Samples(int width, int height, int bitDepth, int[] samples) {
    }

    private PngCodec() {
    }

    /**
     * Decodes a grayscale PNG whose bit depth is one of {@code allowedBitDepths}, strictly
     * ({@link StrictImages}).
     *
     * @param expected what the caller wants, for the error message ("16-bit grayscale")
     * @param source the file or stream name for error messages
     * @param maxPixels the most pixels to decode, &gt;= 1
     * @throws ImageTooLargeException when the header declares more than {@code maxPixels} pixels
     * @throws IOException naming {@code source} when the data is not a PNG, is truncated or
     *     corrupt, or has another colour type or bit depth ("expected ..., got 8-bit RGB")
     */
    static Samples readGray(byte[] bytes, String source, long maxPixels, String expected, int... allowedBitDepths)
            throws IOException {
        return readGray(bytes, source, maxPixels, int[]::new, expected, allowedBitDepths);
    }

    /**
     * As {@link #readGray(byte[], String, long, String, int...)}, the samples of a file inside the fast path
     * decoded into the array {@code plane} gives for the pixel count ({@link PngDecoder#plane}); a file
     * outside it is decoded into a new array.
     */
    static Samples readGray(byte[] bytes, String source, long maxPixels, IntFunction<int[]> plane, String expected,
            int... allowedBitDepths) throws IOException {
        PngDecoder.Png png = fastGray(bytes, source, maxPixels, allowedBitDepths);
        if (png != null) {
            int[] samples = PngDecoder.gray(png, plane);
            if (samples != null) {
                return new Samples(png.width(), png.height(), png.bitDepth(), samples);
            }
        }
        return readGrayStrict(bytes, source, maxPixels, expected, allowedBitDepths);
    }

    /**
     * The structure of a grayscale PNG whose bit depth is one of {@code allowedBitDepths}, when it is inside
     * {@link PngDecoder}'s fast path; null for every other input, which {@link #readGrayStrict} then reads
     * or rejects.
     *
     * @throws ImageTooLargeException when the header declares more than {@code maxPixels} pixels
     */
    static PngDecoder.Png fastGray(byte[] bytes, String source, long maxPixels, int... allowedBitDepths)
            throws ImageTooLargeException {
        if (bytes == null) {
            throw new IllegalArgumentException("PNG bytes are null");
        }
        ImageTooLargeException.requireLimit(maxPixels);
        PngDecoder.Png png = PngDecoder.parse(bytes);
        if (png == null || png.colorType() != PngDecoder.GRAY || !allowed(png.bitDepth(), allowedBitDepths)) {
            return null;
        }
        ImageTooLargeException.check(source, png.width(), png.height(), maxPixels);
        return png;
    }

    /** {@link #readGray} through javax.imageio, for the files outside the fast path; errors as it. */
    static Samples readGrayStrict(byte[] bytes, String source, long maxPixels, String expected,
            int... allowedBitDepths) throws IOException {
        StrictImages.Decoded decoded = StrictImages.decode(bytes, source, maxPixels, true, true);
        Node ihdr = ihdr(decoded.metadata(), source);
        String colorType = attribute(ihdr, "colorType");
        int bitDepth = Integer.parseInt(attribute(ihdr, "bitDepth"));
        if (!"Grayscale".equals(colorType) || !allowed(bitDepth, allowedBitDepths)) {
            throw new IOException("Cannot read " + source + ": expected " + expected + " PNG, got " + bitDepth
                    + "-bit " + describe(colorType));
        }
        BufferedImage image = decoded.image();
        int w = image.getWidth();
        int h = image.getHeight();
        // Band 0 is the gray channel even when ImageIO expands a tRNS chunk into an alpha band.
        int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, new int[w * h]);
        return new Samples(w, h, bitDepth, samples);
    }

    private static boolean allowed(int bitDepth, int... allowedBitDepths) {
        for (int b : allowedBitDepths) {
            if (b == bitDepth) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encodes {@code samples[v * width + u]} as an 8- or 16-bit grayscale PNG. Values must already
     * fit the bit depth. Deterministic: the same samples give the same bytes.
     */
    static byte[] encodeGray(int width, int height, int bitDepth, int[] samples) {
        BufferedImage image = new BufferedImage(width, height,
                bitDepth == 16 ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        raster.setSamples(0, 0, width, height, 0, samples);
        return encode(image);
    }

    /** Encodes any image ImageIO's PNG writer accepts, without disk caching. */
    static byte[] encode(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("This Java runtime has no ImageIO PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), null);
        } catch (IOException e) {
            // Only memory is written: an IOException here is a bug in the writer, not an I/O failure.
            throw new IllegalStateException("PNG encoding into memory failed: " + e, e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Node ihdr(IIOMetadata metadata, String source) throws IOException {
        Node root = metadata == null ? null : metadata.getAsTree(PNG_METADATA);
        for (Node n = root == null ? null : root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("IHDR".equals(n.getNodeName())) {
                return n;
            }
        }
        throw new IOException("Cannot read " + source + ": PNG has no IHDR header");
    }

    private static String attribute(Node node, String name) {
        Node a = node.getAttributes().getNamedItem(name);
        return a == null ? "" : a.getNodeValue();
    }

    private static String describe(String colorType) {
        return switch (colorType) {
            case "Grayscale" -> "grayscale";
            case "GrayAlpha" -> "grayscale with alpha";
            case "RGB" -> "RGB colour";
            case "RGBAlpha" -> "RGBA colour";
            case "Palette" -> "palette colour";
            default -> "colour type " + colorType;
        };
    }
}
