package io.github.spatialvlm4j.geometry;

/**
 * A metric depth image: {@code meters[v * width + u]} is the z coordinate (distance along the
 * optical axis, not along the ray) of pixel column {@code u}, row {@code v}, in meters.
 *
 * <p>Invalid pixels (no measurement) hold {@link #INVALID} ({@code 0}). Every value is finite
 * and &gt;= 0: NaN, infinities and negative values are rejected when the map is built, naming
 * the first bad pixel. The array is shared, not copied: callers must not change it afterwards.
 */
public final class DepthMap {
    /** The value of a pixel without a measurement. */
    public static final float INVALID = 0f;

    private final int width;
    private final int height;
    private final float[] meters;

    /**
     * @param meters row-major depth in meters, length {@code width * height}; see the class notes
     */
    public DepthMap(int width, int height, float[] meters) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid depth map size: " + width + "x" + height);
        }
        if (meters == null) {
            throw new IllegalArgumentException("Depth array is null");
        }
        if ((long) width * height != meters.length) {
            throw new ShapeMismatchException("Depth array has " + meters.length + " values but the map is "
                    + width + "x" + height + " = " + ((long) width * height));
        }
        for (int i = 0; i < meters.length; i++) {
            float z = meters[i];
            if (!(z >= 0) || z == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("Invalid depth " + z + " m at pixel (u=" + (i % width) + ", v="
                        + (i / width) + "): depth must be finite and >= 0 (0 = invalid)");
            }
        }
        this.width = width;
        this.height = height;
        this.meters = meters;
    }

    /**
     * Builds a depth map from raw sensor units, e.g. 16-bit PNG values: meters = raw / depthScale,
     * raw 0 = invalid. {@code depthScale} is units per meter (1000 for millimetres, 5000 for TUM).
     */
    public static DepthMap fromRaw(int width, int height, int[] raw, double depthScale) {
        if (!(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw new IllegalArgumentException("Invalid depth scale: " + depthScale + " (units per meter, must be > 0)");
        }
        if (raw.length != (long) width * height) {
            throw new ShapeMismatchException("Raw depth has " + raw.length + " values but the map is " + width + "x" + height);
        }
        float[] m = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < 0) {
                throw new IllegalArgumentException("Invalid raw depth " + raw[i] + " at pixel (u=" + (i % width)
                        + ", v=" + (i / width) + ")");
            }
            m[i] = meters(raw[i], depthScale);
        }
        return new DepthMap(width, height, m);
    }

    /**
     * Meters of a raw depth sample, {@code (float) (raw / depthScale)}: the one conversion of raw units that
     * {@link #fromRaw} and the depth PNG decoder share, so both give the same map bit for bit.
     */
    public static float meters(int raw, double depthScale) {
        return (float) (raw / depthScale);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing row-major array, meters (shared, not copied). */
    public float[] meters() {
        return meters;
    }

    /** Depth at column {@code u}, row {@code v}, meters; {@link #INVALID} when unmeasured. */
    public float get(int u, int v) {
        if (u < 0 || u >= width || v < 0 || v >= height) {
            throw new IndexOutOfBoundsException("Pixel (" + u + ", " + v + ") outside " + width + "x" + height);
        }
        return meters[v * width + u];
    }

    public boolean isValid(int u, int v) {
        return get(u, v) > INVALID;
    }

    /** Number of pixels with a measurement. */
    public int validCount() {
        int n = 0;
        for (float z : meters) {
            if (z > INVALID) {
                n++;
            }
        }
        return n;
    }
}
