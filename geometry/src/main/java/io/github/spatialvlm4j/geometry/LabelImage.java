package io.github.spatialvlm4j.geometry;

/**
 * An instance label image: {@code ids[v * width + u]} is the instance id of pixel column
 * {@code u}, row {@code v}; {@link #NONE} ({@code 0}) means no object. Ids are &gt;= 0.
 * The array is shared, not copied.
 */
public final class LabelImage {
    /** The id of pixels that belong to no object. */
    public static final int NONE = 0;

    private final int width;
    private final int height;
    private final int[] ids;

    public LabelImage(int width, int height, int[] ids) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid label image size: " + width + "x" + height);
        }
        if (ids == null) {
            throw new IllegalArgumentException("Label array is null");
        }
        if ((long) width * height != ids.length) {
            throw new ShapeMismatchException("Label array has " + ids.length + " values but the image is "
                    + width + "x" + height + " = " + ((long) width * height));
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException("Invalid label " + ids[i] + " at pixel (u=" + (i % width) + ", v="
                        + (i / width) + "): ids must be >= 0 (0 = none)");
            }
        }
        this.width = width;
        this.height = height;
        this.ids = ids;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing row-major array (shared, not copied). */
    public int[] ids() {
        return ids;
    }

    public int get(int u, int v) {
        if (u < 0 || u >= width || v < 0 || v >= height) {
            throw new IndexOutOfBoundsException("Pixel (" + u + ", " + v + ") outside " + width + "x" + height);
        }
        return ids[v * width + u];
    }

    /** The largest id present, 0 when the image has no object. */
    public int maxId() {
        int m = NONE;
        for (int id : ids) {
            m = Math.max(m, id);
        }
        return m;
    }

    /** The distinct non-zero ids, ascending. */
    public int[] distinctIds() {
        int max = maxId();
        if (max > (1 << 20)) {
            return java.util.Arrays.stream(ids).filter(id -> id != NONE).sorted().distinct().toArray();
        }
        boolean[] seen = new boolean[max + 1];
        int count = 0;
        for (int id : ids) {
            if (id != NONE && !seen[id]) {
                seen[id] = true;
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int id = 1; id <= max; id++) {
            if (seen[id]) {
                out[k++] = id;
            }
        }
        return out;
    }
}
