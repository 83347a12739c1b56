package io.github.spatialvlm4j.geometry.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image bytes with javax.imageio and refuses what it would decode only in part: a PNG's
 * chunks must be whole and pass their CRCs ({@link PngChunks}), and any warning a reader reports
 * while decoding (libjpeg's "Premature end of JPEG file", "Corrupt JPEG data") is an error, since
 * ImageIO then fills the rest of the picture with grey and returns normally. The image's size is
 * read from its header and checked against a pixel limit before any pixel is decoded.
 */
final class StrictImages {

    /** The decoded image, and the reader's image metadata when it was asked for. */
    record Decoded(BufferedImage image, IIOMetadata metadata) {
    }

    private StrictImages() {
    }

    /**
     * @param source the file or stream name for error messages
     * @param maxPixels the most pixels to decode, &gt;= 1
     * @param pngOnly accept only PNG (the messages then say "PNG" instead of "image")
     * @param withMetadata also read the image metadata
     * @throws ImageTooLargeException when the header declares more than {@code maxPixels} pixels
     * @throws IOException naming {@code source} when the data is in no format javax.imageio reads, or
     *     is truncated or corrupt
     */
    static Decoded decode(byte[] bytes, String source, long maxPixels, boolean pngOnly, boolean withMetadata)
            throws IOException {
        ImageTooLargeException.requireLimit(maxPixels);
        String what = pngOnly ? "PNG" : "image";
        boolean png = PngChunks.isPng(bytes);
        if (png) {
            PngChunks.verify(bytes, source);
        } else if (pngOnly) {
            throw new IOException("Cannot decode PNG " + source + ": not a PNG file (no PNG signature)");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = png ? ImageIO.getImageReadersByFormatName("png") : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("Cannot decode " + what + " " + source + ": not in a format javax.imageio reads"
                        + " (PNG, JPEG, BMP, GIF, WBMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, !withMetadata);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
                IIOMetadata metadata;
                BufferedImage image;
                try {
                    ImageTooLargeException.check(source, reader.getWidth(0), reader.getHeight(0), maxPixels);
                    metadata = withMetadata ? reader.getImageMetadata(0) : null;
                    image = reader.read(0);
                } catch (ImageTooLargeException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    // Truncated or corrupt data surfaces as IIOException, EOFException or unchecked
                    // exceptions from the codecs: all mean "this file cannot be decoded".
                    throw new IOException("Cannot decode " + what + " " + source + ": " + reason(e), e);
                }
                if (!warnings.isEmpty()) {
                    throw new IOException("Cannot decode " + what + " " + source + ": truncated or corrupt ("
                            + String.join("; ", warnings) + ")");
                }
                return new Decoded(image, metadata);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The message of a decoding error and its causes, without class names. */
    private static String reason(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 300; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (s.indexOf(m) < 0) {
                s.append(s.length() == 0 ? "" : ": ").append(m);
            }
        }
        return s.toString();
    }
}
