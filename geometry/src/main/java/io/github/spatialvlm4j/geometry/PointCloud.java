package io.github.spatialvlm4j.geometry;

import java.util.Arrays;
import org.joml.Matrix4fc;
import org.joml.Vector3f;

/**
 * An unorganized point cloud stored as flat arrays (structure of arrays): point {@code i} is
 * {@code (xyz[3i], xyz[3i+1], xyz[3i+2])}, meters, in whatever frame the producer states
 * (usually the camera frame: x right, y down, z forward). An optional colour per point is
 * {@code rgb[i] = 0xRRGGBB}.
 *
 * <p>Every coordinate is finite: NaN and infinities are rejected when the cloud is built,
 * naming the first bad point (invalid points of organized sensor clouds live in
 * {@link OrganizedPointCloud}, which drops them in {@link OrganizedPointCloud#toPointCloud()}).
 * Arrays are shared, not copied: callers must not change them afterwards. Operations that
 * produce a new cloud return a new instance with new arrays.
 */
public final class PointCloud {
    private static final float[] NO_POINTS = new float[0];

    private final float[] xyz;
    private final int[] rgb;

    /** A cloud without colours. */
    public PointCloud(float[] xyz) {
        this(xyz, null);
    }

    /**
     * @param xyz coordinates, length 3n, meters, all finite
     * @param rgb colours {@code 0xRRGGBB}, length n, or null for none
     */
    public PointCloud(float[] xyz, int[] rgb) {
        if (xyz == null) {
            throw new IllegalArgumentException("xyz array is null");
        }
        if (xyz.length % 3 != 0) {
            throw new ShapeMismatchException("xyz array length " + xyz.length + " is not a multiple of 3");
        }
        if (rgb != null && rgb.length != xyz.length / 3) {
            throw new ShapeMismatchException("rgb array has " + rgb.length + " colours for " + xyz.length / 3
                    + " points");
        }
        requireFinite(xyz);
        this.xyz = xyz;
        this.rgb = rgb;
    }

    /** The empty cloud. */
    public static PointCloud empty() {
        return new PointCloud(NO_POINTS);
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first point with a NaN or infinite
     * coordinate.
     */
    public static void requireFinite(float[] xyz) {
        for (int i = 0; i < xyz.length; i++) {
            if (!Float.isFinite(xyz[i])) {
                throw new IllegalArgumentException("Invalid coordinate " + xyz[i] + " at point " + (i / 3) + " ("
                        + "xyz".charAt(i % 3) + "): coordinates must be finite");
            }
        }
    }

    /** Number of points. */
    public int size() {
        return xyz.length / 3;
    }

    public boolean isEmpty() {
        return xyz.length == 0;
    }

    /** The backing coordinate array, length {@code 3 * size()} (shared, not copied). */
    public float[] xyz() {
        return xyz;
    }

    public boolean hasColors() {
        return rgb != null;
    }

    /** The backing colour array {@code 0xRRGGBB}, length {@code size()}, or null when there are none. */
    public int[] rgb() {
        return rgb;
    }

    public float x(int i) {
        return xyz[3 * i];
    }

    public float y(int i) {
        return xyz[3 * i + 1];
    }

    public float z(int i) {
        return xyz[3 * i + 2];
    }

    /** Stores point {@code i} in {@code dest} and returns it. */
    public Vector3f point(int i, Vector3f dest) {
        return dest.set(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }

    /**
     * The mean of the points (accumulated in double), stored in {@code dest}.
     *
     * @throws IllegalStateException when the cloud is empty
     */
    public Vector3f centroid(Vector3f dest) {
        if (isEmpty()) {
            throw new IllegalStateException("The centroid of an empty point cloud is undefined");
        }
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int i = 0; i < xyz.length; i += 3) {
            sx += xyz[i];
            sy += xyz[i + 1];
            sz += xyz[i + 2];
        }
        int n = size();
        return dest.set((float) (sx / n), (float) (sy / n), (float) (sz / n));
    }

    /**
     * The axis-aligned bounding box of the points in their own frame.
     *
     * @throws IllegalStateException when the cloud is empty
     */
    public AxisAlignedBox bounds() {
        if (isEmpty()) {
            throw new IllegalStateException("The bounds of an empty point cloud are undefined");
        }
        float minX = Float.POSITIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float minZ = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        float maxZ = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < xyz.length; i += 3) {
            minX = Math.min(minX, xyz[i]);
            maxX = Math.max(maxX, xyz[i]);
            minY = Math.min(minY, xyz[i + 1]);
            maxY = Math.max(maxY, xyz[i + 1]);
            minZ = Math.min(minZ, xyz[i + 2]);
            maxZ = Math.max(maxZ, xyz[i + 2]);
        }
        return new AxisAlignedBox(new Vector3f(minX, minY, minZ), new Vector3f(maxX, maxY, maxZ));
    }

    /**
     * A new cloud with every point transformed by the affine matrix {@code m} (points, not
     * directions: the translation applies). Colours are kept.
     */
    public PointCloud transformed(Matrix4fc m) {
        float[] out = new float[xyz.length];
        Vector3f p = new Vector3f();
        for (int i = 0; i < xyz.length; i += 3) {
            p.set(xyz[i], xyz[i + 1], xyz[i + 2]);
            m.transformPosition(p);
            out[i] = p.x;
            out[i + 1] = p.y;
            out[i + 2] = p.z;
        }
        return new PointCloud(out, rgb == null ? null : rgb.clone());
    }

    /**
     * Every {@code ceil(n / max)}-th point from the first (at most {@code max} points, colours
     * kept; deterministic, keeps the spatial spread of a cloud in scan order), or this cloud itself
     * when it has at most {@code max} points. See {@link #strideIndices}.
     */
    public PointCloud strideSample(int max) {
        return size() <= max ? this : subset(strideIndices(size(), max));
    }

    /**
     * The ascending indices {@link #strideSample} keeps of {@code n} points: all of them when
     * {@code n <= max}, else every {@code ceil(n / max)}-th from 0.
     *
     * @throws IllegalArgumentException when {@code max < 1} or {@code n < 0}
     */
    public static int[] strideIndices(int n, int max) {
        if (max < 1 || n < 0) {
            throw new IllegalArgumentException("Invalid stride sample: " + n + " points to at most " + max
                    + " (need n >= 0 and max >= 1)");
        }
        int stride = n <= max ? 1 : (n + max - 1) / max;
        int[] idx = new int[(n + stride - 1) / stride];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k * stride;
        }
        return idx;
    }

    /**
     * A new cloud with the points at {@code indices}, in that order (repeats allowed).
     *
     * @throws IndexOutOfBoundsException naming the first index outside {@code [0, size())}
     */
    public PointCloud subset(int[] indices) {
        int n = size();
        float[] out = new float[3 * indices.length];
        int[] colours = rgb == null ? null : new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("Point index " + i + " at position " + k + " outside [0, " + n + ")");
            }
            out[3 * k] = xyz[3 * i];
            out[3 * k + 1] = xyz[3 * i + 1];
            out[3 * k + 2] = xyz[3 * i + 2];
            if (colours != null) {
                colours[k] = rgb[i];
            }
        }
        return new PointCloud(out, colours);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointCloud other && Arrays.equals(xyz, other.xyz) && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xyz) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "PointCloud[" + size() + " points" + (rgb != null ? ", rgb" : "") + "]";
    }
}
