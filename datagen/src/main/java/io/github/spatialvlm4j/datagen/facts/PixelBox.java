package io.github.spatialvlm4j.datagen.facts;

/**
 * A box in image coordinates, pixels, half-open: columns {@code [u0, u1)}, rows {@code [v0, v1)}.
 */
public record PixelBox(int u0, int v0, int u1, int v1) {
    public PixelBox {
        if (u1 <= u0 || v1 <= v0) {
            throw new IllegalArgumentException("Empty pixel box [" + u0 + ", " + u1 + ") x [" + v0 + ", " + v1 + ")");
        }
    }

    /** Centre column, pixels. */
    public double centerU() {
        return 0.5 * (u0 + u1);
    }

    /** Centre row, pixels. */
    public double centerV() {
        return 0.5 * (v0 + v1);
    }

    public int area() {
        return (u1 - u0) * (v1 - v0);
    }
}
