package io.github.spatialvlm4j.kernels.gap;

/**
 * Pairwise facts of k object clouds, as k x k matrices (row-major {@code m[i * k + j]}), meters.
 *
 * <p>Diagonal entries are 0. {@link #centroidDistance} and {@link #gap} are symmetric;
 * {@link #meanNearestNeighbour} is not; {@code dx, dy, dz} are antisymmetric. Immutable.
 */
public final class PairwiseFacts {
    private final int k;
    private final float[] centroidDistance;
    private final float[] gap;
    private final float[] meanNearest;
    private final float[] dx;
    private final float[] dy;
    private final float[] dz;

    PairwiseFacts(int k, float[] centroidDistance, float[] gap, float[] meanNearest, float[] dx, float[] dy,
            float[] dz) {
        this.k = k;
        this.centroidDistance = centroidDistance;
        this.gap = gap;
        this.meanNearest = meanNearest;
        this.dx = dx;
        this.dy = dy;
        this.dz = dz;
    }

    /** Number of objects k. */
    public int size() {
        return k;
    }

    /** Euclidean distance between the centroids of objects i and j, meters (frame independent). */
    public float centroidDistance(int i, int j) {
        return centroidDistance[at(i, j)];
    }

    /** Closest-surface gap: the exact minimum point-to-point distance between objects i and j, meters. */
    public float gap(int i, int j) {
        return gap[at(i, j)];
    }

    /** Mean over the points of object i of the distance to the nearest point of object j, meters. */
    public float meanNearestNeighbour(int i, int j) {
        return meanNearest[at(i, j)];
    }

    /** x of (centroid j - centroid i) in the frame given to {@link GapKernel#pairwise}, meters. */
    public float dx(int i, int j) {
        return dx[at(i, j)];
    }

    /** y of (centroid j - centroid i) in the frame given to {@link GapKernel#pairwise}, meters. */
    public float dy(int i, int j) {
        return dy[at(i, j)];
    }

    /** z of (centroid j - centroid i) in the frame given to {@link GapKernel#pairwise}, meters. */
    public float dz(int i, int j) {
        return dz[at(i, j)];
    }

    /** The gap matrix, k*k row-major, meters (a copy). */
    public float[] gapMatrix() {
        return gap.clone();
    }

    /** The centroid distance matrix, k*k row-major, meters (a copy). */
    public float[] centroidDistanceMatrix() {
        return centroidDistance.clone();
    }

    /** The mean nearest-neighbour matrix, k*k row-major, meters (a copy). */
    public float[] meanNearestNeighbourMatrix() {
        return meanNearest.clone();
    }

    private int at(int i, int j) {
        if (i < 0 || i >= k || j < 0 || j >= k) {
            throw new IndexOutOfBoundsException("Object pair (" + i + ", " + j + ") outside [0, " + k + ")");
        }
        return i * k + j;
    }

    @Override
    public String toString() {
        return "PairwiseFacts[" + k + " objects]";
    }
}
