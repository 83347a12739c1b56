package io.github.spatialvlm4j.geometry;

/**
 * A point cloud laid out as an image of {@code width x height} points (as from a depth sensor
 * or an organized PCD file): point {@code (u, v)} is at index {@code i = v * width + u}, its
 * coordinates {@code xyz[3i..3i+2]}, meters. Invalid points (no return) have all three
 * coordinates NaN; any other non-finite value is rejected. Colours {@code 0xRRGGBB} optional.
 */
public record OrganizedPointCloud(int width, int height, float[] xyz, int[] rgb) {

    public OrganizedPointCloud {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid organized cloud size: " + width + "x" + height);
        }
        if (xyz == null || xyz.length != 3L * width * height) {
            throw new ShapeMismatchException("xyz array has " + (xyz == null ? "no" : String.valueOf(xyz.length))
                    + " values but a " + width + "x" + height + " organized cloud needs " + (3L * width * height));
        }
        if (rgb != null && rgb.length != width * height) {
            throw new ShapeMismatchException("rgb array has " + rgb.length + " colours for " + (width * height) + " points");
        }
        for (int i = 0; i < xyz.length; i += 3) {
            boolean nan = Float.isNaN(xyz[i]) || Float.isNaN(xyz[i + 1]) || Float.isNaN(xyz[i + 2]);
            boolean allNan = Float.isNaN(xyz[i]) && Float.isNaN(xyz[i + 1]) && Float.isNaN(xyz[i + 2]);
            if (nan ? !allNan : !(Float.isFinite(xyz[i]) && Float.isFinite(xyz[i + 1]) && Float.isFinite(xyz[i + 2]))) {
                int p = i / 3;
                throw new IllegalArgumentException("Invalid point (" + xyz[i] + ", " + xyz[i + 1] + ", " + xyz[i + 2]
                        + ") at (u=" + (p % width) + ", v=" + (p / width) + "): a point is finite or all NaN");
            }
        }
    }

    public int size() {
        return width * height;
    }

    public boolean isValid(int index) {
        return !Float.isNaN(xyz[3 * index]);
    }

    /** Number of valid (non-NaN) points. */
    public int validCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isValid(i)) {
                n++;
            }
        }
        return n;
    }

    /** The valid points as an unorganized cloud, in row-major order. */
    public PointCloud toPointCloud() {
        int n = validCount();
        float[] out = new float[3 * n];
        int[] colours = rgb == null ? null : new int[n];
        int k = 0;
        for (int i = 0; i < size(); i++) {
            if (isValid(i)) {
                System.arraycopy(xyz, 3 * i, out, 3 * k, 3);
                if (colours != null) {
                    colours[k] = rgb[i];
                }
                k++;
            }
        }
        return new PointCloud(out, colours);
    }

    /**
     * The z coordinate of each point as a depth map (NaN points become {@link DepthMap#INVALID};
     * points with z &lt;= 0 too). Meaningful when the cloud is in the camera frame.
     */
    public DepthMap toDepthMap() {
        float[] m = new float[size()];
        for (int i = 0; i < m.length; i++) {
            float z = xyz[3 * i + 2];
            m[i] = isValid(i) && z > 0 ? z : DepthMap.INVALID;
        }
        return new DepthMap(width, height, m);
    }
}
