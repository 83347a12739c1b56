package io.github.spatialvlm4j.geometry.io;

import io.github.spatialvlm4j.geometry.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

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
 *
 * <p>Common PNG files (8-bit gray, gray with alpha, RGB and RGBA, 16-bit gray) are decoded by this
 * package's own decoder, other files and formats by javax.imageio, with the same result; colour
 * models are not called per pixel for JPEG's 8-bit RGB either. O(pixels). Stateless.
 */
public final class ColorImages {
    private static final int[] RGB_MASKS = {0xFF0000, 0xFF00, 0xFF};
    /** The colour model of {@link BufferedImage#TYPE_INT_RGB}. */
    private static final DirectColorModel RGB_MODEL = new DirectColorModel(24, RGB_MASKS[0], RGB_MASKS[1],
            RGB_MASKS[2]);

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
        return decode(IoFiles.readRegularFile(path), path.toString(), maxPixels).image();
    }

    /** Reads an image from a stream (read to its end, not closed); errors as {@link #read(Path)}, naming "&lt;stream&gt;". */
    public static RgbImage read(InputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("Input stream is null");
        }
        return decode(in.readAllBytes(), "<stream>", UNLIMITED).image();
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
        return decode(bytes, "<bytes>", maxPixels).image();
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
        // A TYPE_INT_RGB image over the pixels themselves (the writer reads the 24 colour bits through
        // the masks), instead of a copy filled pixel by pixel through a colour model.
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(image.rgb(), image.rgb().length),
                image.width(), image.height(), image.width(), RGB_MASKS, null);
        BufferedImage buffered = new BufferedImage(RGB_MODEL, raster, false, null);
        return PngCodec.encode(buffered);
    }

    /**
     * An image read from a file, with the file's bytes when the sinks may write them instead of encoding
     * the image again.
     *
     * @param image the pixels
     * @param png the file's bytes up to the end of its PNG data, present when it is a non-interlaced 8-bit
     *     RGB PNG without transparency or colour profile, whose pixels are exactly {@code image}'s (other
     *     chunks, e.g. text or physical size, are kept); empty for every other file
     */
    public record Decoded(RgbImage image, Optional<byte[]> png) {
        public Decoded {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(png, "png");
        }
    }

    /** As {@link #readDecoded(Path, long)} without a pixel limit. */
    public static Decoded readDecoded(Path path) throws IOException {
        return readDecoded(path, UNLIMITED);
    }

    /**
     * Reads an image file as {@link #read(Path, long)} does, keeping its bytes when they are an 8-bit RGB
     * PNG ({@link Decoded#png()}): the file is read once and decoded once.
     *
     * @throws IOException as {@link #read(Path, long)}
     */
    public static Decoded readDecoded(Path path, long maxPixels) throws IOException {
        return decode(IoFiles.readRegularFile(path), path.toString(), maxPixels);
    }

    /**
     * As {@link #readDecoded(Path, long)}, the pixels of a file on the fast PNG path decoded into the array
     * {@code plane} gives for the pixel count (exactly that many elements, every one written: a plane the
     * caller reuses from frame to frame, which the image returned wraps); other files are decoded into a
     * new array.
     *
     * @throws IllegalArgumentException when {@code plane} gives null or an array of another length
     */
    public static Decoded readDecoded(Path path, long maxPixels, IntFunction<int[]> plane) throws IOException {
        return decode(IoFiles.readRegularFile(path), path.toString(), maxPixels, Objects.requireNonNull(plane, "plane"));
    }

    /**
     * An image file's bytes decoded as {@link #readDecoded(Path, long)} decodes a file (for images held in
     * an archive, such as a WebDataset {@code .tar} member). Common PNG layouts go through
     * {@link PngDecoder}, after the pixel limit; everything else, and any PNG the fast path does not take
     * (including truncated or corrupt ones), through {@link StrictImages}.
     *
     * @param source what the bytes are, for messages (a file, or {@code shard.tar:key.jpg})
     * @throws IOException naming {@code source} when the bytes are no readable image, or too large
     */
    public static Decoded decode(byte[] bytes, String source, long maxPixels) throws IOException {
        return decode(bytes, source, maxPixels, int[]::new);
    }

    private static Decoded decode(byte[] bytes, String source, long maxPixels, IntFunction<int[]> plane)
            throws IOException {
        ImageTooLargeException.requireLimit(maxPixels);
        PngDecoder.Png png = PngDecoder.parse(bytes);
        if (png != null) {
            ImageTooLargeException.check(source, png.width(), png.height(), maxPixels);
            int[] rgb = PngDecoder.rgb(png, plane);
            if (rgb != null) {
                RgbImage image = new RgbImage(png.width(), png.height(), rgb);
                boolean plain = png.colorType() == PngDecoder.RGB && png.bitDepth() == 8;
                return new Decoded(image, plain ? Optional.of(png.end() == bytes.length ? bytes
                        : Arrays.copyOf(bytes, png.end())) : Optional.empty());
            }
        }
        return new Decoded(toRgb(StrictImages.decode(bytes, source, maxPixels, false, false).image()),
                Optional.empty());
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
        } else if (isPlainRgb(cm)) {
            // What getRGB gives for 8-bit sRGB components (JPEG decodes to this), without a colour model
            // call per pixel.
            byte[] rgbBytes = (byte[]) image.getRaster().getDataElements(0, 0, w, h, null);
            rgb = new int[w * h];
            for (int i = 0, k = 0; i < rgb.length; i++, k += 3) {
                rgb[i] = (rgbBytes[k] & 0xff) << 16 | (rgbBytes[k + 1] & 0xff) << 8 | (rgbBytes[k + 2] & 0xff);
            }
        } else {
            rgb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] &= 0xFFFFFF;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** Three 8-bit sRGB components without alpha, one byte each per pixel. */
    private static boolean isPlainRgb(ColorModel cm) {
        if (!(cm instanceof ComponentColorModel) || cm.hasAlpha() || cm.getNumComponents() != 3
                || cm.getTransferType() != DataBuffer.TYPE_BYTE || !cm.getColorSpace().isCS_sRGB()) {
            return false;
        }
        for (int c = 0; c < 3; c++) {
            if (cm.getComponentSize(c) != 8) {
                return false;
            }
        }
        return true;
    }
}
