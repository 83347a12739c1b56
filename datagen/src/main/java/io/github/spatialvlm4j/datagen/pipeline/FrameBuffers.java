package io.github.spatialvlm4j.datagen.pipeline;

import java.util.Objects;

/**
 * The frame-sized scratch planes of one frame worker, kept from one frame to the next: a worker that
 * processes frames of one size allocates each plane once instead of once per frame. At 1280x720 a plane
 * is 3.7 MB, larger than half a G1 heap region of the default heap (4 MB regions up to an 8 GB heap), so
 * a plane allocated per frame is a humongous object, allocated straight into the old generation; planes
 * allocated afresh for every frame made a long run's heap grow to 2-3 GB (see benchmarks/RESULTS.md).
 *
 * <p>Each {@link Plane} holds one row-major array at a time, {@code float[]} or {@code int[]}; a request
 * for another length replaces it. What a plane holds is valid until the next request for that plane: a
 * result that wraps a plane (a {@code DepthMap}, an {@code RgbImage}) must not outlive the frame that
 * asked for it. The contents of a plane returned are left from its last use: callers overwrite every
 * element they read. {@link FramePipeline} keeps one instance per frame in flight
 * ({@link FramePipeline#withBuffers}).
 *
 * <p>Not thread-safe: one thread at a time uses an instance.
 */
public final class FrameBuffers {

    /** The uses of the planes; two uses live at once in one frame, so each has its own array. */
    public enum Plane {
        /** The depth after flying pixels are removed, meters ({@link FlyingPixels}). */
        FLYING_PIXELS,
        /** The depth after speckles are removed, meters ({@link Speckles}); the lifted depth of the frame. */
        SPECKLES,
        /** The chessboard distance of each mask pixel to the outside of its mask ({@code MarkAnchors}). */
        INSIDE_DISTANCE,
        /** The pixels of the marked copy of the frame's image, {@code 0xRRGGBB} ({@code MarkedImage}). */
        MARKED_IMAGE
    }

    private final float[][] floats = new float[Plane.values().length][];
    private final int[][] ints = new int[Plane.values().length][];

    /**
     * Plane {@code plane} as a {@code float[]} of exactly {@code length} elements: the one it held when that
     * length matches, else a new one (zeros) that it holds from now on.
     *
     * @throws IllegalArgumentException when {@code length} is negative
     */
    public float[] floats(Plane plane, int length) {
        requireLength(length);
        float[] a = floats[Objects.requireNonNull(plane, "plane").ordinal()];
        if (a == null || a.length != length) {
            a = new float[length];
            floats[plane.ordinal()] = a;
        }
        return a;
    }

    /** As {@link #floats}, an {@code int[]}. */
    public int[] ints(Plane plane, int length) {
        requireLength(length);
        int[] a = ints[Objects.requireNonNull(plane, "plane").ordinal()];
        if (a == null || a.length != length) {
            a = new int[length];
            ints[plane.ordinal()] = a;
        }
        return a;
    }

    /**
     * Rejects a destination plane for a copy of {@code source} that has another length or is
     * {@code source} itself; null passes (the copy allocates).
     */
    static void requireDest(float[] source, float[] dest) {
        if (dest == source) {
            throw new IllegalArgumentException("The destination plane is the input's own array");
        }
        if (dest != null && dest.length != source.length) {
            throw new IllegalArgumentException("Destination plane has " + dest.length + " values, the input "
                    + source.length);
        }
    }

    /** {@code source} copied into {@code dest} (see {@link #requireDest}), or into a new array when it is null. */
    static float[] copy(float[] source, float[] dest) {
        if (dest == null) {
            return source.clone();
        }
        System.arraycopy(source, 0, dest, 0, source.length);
        return dest;
    }

    private static void requireLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("Invalid plane length: " + length + " (must be >= 0)");
        }
    }
}
