package io.github.spatialvlm4j.vlm.model;

import java.util.Arrays;

/**
 * A dense float tensor copied out of ONNX Runtime: row-major, the last axis fastest
 * ({@code data[((i0 * d1) + i1) * d2 + i2 ...]}). Holds no native memory.
 *
 * @param data  values, length = product of {@code shape}
 * @param shape sizes of the axes, each &gt;= 0
 */
public record FloatTensor(float[] data, long[] shape) {
    public FloatTensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Invalid tensor shape " + Arrays.toString(shape) + " (sizes must be >= 0)");
            }
            n *= d;
        }
        if (n != data.length) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Tensor data has " + data.length
                    + " values but the shape " + Arrays.toString(shape) + " holds " + n);
        }
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Size of {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return (int) shape[axis < 0 ? shape.length + axis : axis];
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
