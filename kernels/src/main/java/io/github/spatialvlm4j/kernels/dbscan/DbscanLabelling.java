package io.github.spatialvlm4j.kernels.dbscan;

/**
 * How DBSCAN connects core points into clusters. Both give the same partition (and the same
 * cluster numbers); the choice only matters for speed on a given backend.
 */
public enum DbscanLabelling {
    /** The backend's preference ({@link DbscanBackend#prefersLabelPropagation()}). */
    BACKEND_DEFAULT,
    /** Union-find over linked grid cells on the host (the JVM's choice). */
    UNION_FIND,
    /** Iterative min-label propagation over linked grid cells, no atomics (the device's choice). */
    LABEL_PROPAGATION
}
