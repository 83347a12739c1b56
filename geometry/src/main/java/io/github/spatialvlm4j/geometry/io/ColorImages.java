package io.github.spatialvlm4j.geometry.io;

import io.github.spatialvlm4j.geometry.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Colour images (PNG, JPEG and whatever else the runtime's javax.imageio reads: BMP, GIF,
 * WBMP) to and from {@link RgbImage}, whose pixels are {@code rgb[v * width + u] = 0xRRGGBB}.
 *
 * <p>Conversion on reading: colour images keep their 8-bit sRGB values (16-bit channels are
 * scaled to 8 bits by ImageIO); an alpha channel is dropped, not composited, so the colour
 * under a transparent pixel is kept; grayscale images (with or without alpha, 8 or 16 bits)
 * are replicated into R, G and B from their raw gray value, with no gamma conversion (ImageIO's
 * own gray-to-RGB path treats gray as linear and brightens it). Palette images are expanded.
 * Reading is strict ({@link #read(Path)}) and can be bounded in pixels, so that a truncated file
 * or an oversized one is a named error instead of a grey picture or an {@link OutOfMemoryError}.
 * Writing always produces an 8-bit RGB PNG; the same image always gives the same bytes.
 * O(pixels). Stateless.
 */
public final class ColorImages {
    private ColorImages() {
    }

    /** No limit on the pixels of an image: the readers without a {@code maxPixels} argument. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /**
     * Reads an image file, strictly: a truncated or corrupt file is an error even where javax.imageio
     * alone would return a partly grey picture.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException naming the file when it is not a regular file (a named pipe is refused, not
     *     opened), cannot be read, is in no format ImageIO knows, or is truncated or corrupt (a PNG
     *     chunk cut off or failing its CRC, any decoder warning such as a JPEG's premature end)
     */
    public static RgbImage read(Path path) throws IOException {
        return read(path, UNLIMITED);
    }

    /**
     * As {@link #read(Path)}, decoding at most {@code maxPixels} pixels.
     *
     * @param maxPixels the most pixels ({@code width x height}) to decode, &gt;= 1
     * @throws ImageTooLargeException when the file's header declares more, before any pixel is decoded
     */
    public static RgbImage read(Path path, long maxPixels) throws IOException {
        return decode(IoFiles.readRegularFile(path), path.toString(), maxPixels);
    }

    /** Reads an image from a stream (read to its end, not closed); errors as {@link #read(Path)}, naming "&lt;stream&gt;". */
    public static RgbImage read(InputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("Input stream is null");
        }
        return decode(in.readAllBytes(), "<stream>", UNLIMITED);
    }

    /** Decodes image bytes (PNG, JPEG, ...); errors as {@link #read(Path)}, naming "&lt;bytes&gt;". */
    public static RgbImage decode(byte[] bytes) throws IOException {
        return decode(bytes, UNLIMITED);
    }

    /** As {@link #decode(byte[])}, decoding at most {@code maxPixels} pixels ({@link #read(Path, long)}). */
    public static RgbImage decode(byte[] bytes, long maxPixels) throws IOException {
        if (bytes == null) {
            throw new IllegalArgumentException("Image bytes are null");
        }
        return decode(bytes, "<bytes>", maxPixels);
    }

    private static RgbImage decode(byte[] bytes, String source, long maxPixels) throws IOException {
        return toRgb(StrictImages.decode(bytes, source, maxPixels, false, false).image());
    }

    /** Writes {@code image} as an 8-bit RGB PNG, replacing {@code path} only once the whole file is written. */
    public static void writePng(RgbImage image, Path path) throws IOException {
        IoFiles.requirePath(path);
        IoFiles.writeAtomically(path, encodePng(image));
    }

    /** Encodes {@code image} as the bytes of an 8-bit RGB PNG; deterministic. */
    public static byte[] encodePng(RgbImage image) {
        if (image == null) {
            throw new IllegalArgumentException("Image is null");
        }
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        return PngCodec.encode(buffered);
    }

    private static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        int[] rgb;
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            int[] gray = image.getRaster().getSamples(0, 0, w, h, 0, new int[w * h]);
            int max = (1 << cm.getComponentSize(0)) - 1;
            rgb = new int[w * h];
            for (int i = 0; i < gray.length; i++) {
                int g = max == 255 ? gray[i] : (int) ((gray[i] * 255L + max / 2) / max);
                rgb[i] = (g << 16) | (g << 8) | g;
            }
        } else {
            rgb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xFFFFFF;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
