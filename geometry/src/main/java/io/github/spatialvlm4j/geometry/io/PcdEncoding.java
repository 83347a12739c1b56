package io.github.spatialvlm4j.geometry.io;

/** How {@link PcdFormat} writes the body of a PCD file ({@code DATA} line of the header). */
public enum PcdEncoding {
    /** {@code DATA ascii}: one point per line; NaN as {@code nan}, rgb as an unsigned integer. */
    ASCII,
    /** {@code DATA binary}: packed little-endian records, one point after the other. */
    BINARY,
    /**
     * {@code DATA binary_compressed}: uint32 compressed size, uint32 uncompressed size, then the
     * points laid out field by field (all x, then all y, ...) and compressed with {@link Lzf}.
     */
    BINARY_COMPRESSED
}
