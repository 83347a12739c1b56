package io.github.spatialvlm4j.geometry.io;

import java.io.IOException;
import java.util.Locale;

/**
 * An image (or organized point cloud) with more pixels than the reader was allowed to decode: found
 * from its header, before any pixel memory is allocated, so that one oversized file is a named
 * error instead of an {@link OutOfMemoryError}.
 */
public final class ImageTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long pixels;
    private final long limit;

    ImageTooLargeException(String source, long width, long height, long limit) {
        super(String.format(Locale.ROOT, "%s is %dx%d = %.1f megapixels, over the limit of %.1f megapixels (%d pixels)",
                source, width, height, width * height / 1e6, limit / 1e6, limit));
        this.pixels = width * height;
        this.limit = limit;
    }

    /** The pixels (points) the file holds. */
    public long pixels() {
        return pixels;
    }

    /** The limit it exceeded. */
    public long limit() {
        return limit;
    }

    /** Throws when {@code width x height} exceeds {@code limit}. */
    static void check(String source, long width, long height, long limit) throws ImageTooLargeException {
        if (width * height > limit) {
            throw new ImageTooLargeException(source, width, height, limit);
        }
    }

    /**
     * Rejects a limit below one pixel.
     *
     * @return {@code maxPixels}
     * @throws IllegalArgumentException naming the value
     */
    public static long requireLimit(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("Invalid pixel limit: " + maxPixels + " (must be >= 1)");
        }
        return maxPixels;
    }
}
