package io.github.spatialvlm4j.geometry.io;

/** How {@link PlyFormat} writes the body of a PLY file. */
public enum PlyEncoding {
    /** {@code format ascii 1.0}: one vertex per line, floats in Java's shortest round-trip form. */
    ASCII,
    /** {@code format binary_little_endian 1.0}: packed little-endian records, 12 or 15 bytes per vertex. */
    BINARY_LITTLE_ENDIAN
}
