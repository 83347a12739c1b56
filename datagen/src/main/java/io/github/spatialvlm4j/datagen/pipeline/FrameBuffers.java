package io.github.spatialvlm4j.datagen.pipeline;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

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
 * element they read. A {@link Pool} keeps one instance per frame in flight: a frame task holds one while
 * it loads a frame and makes its record ({@code FrameTask}), and {@link FramePipeline} one for callers
 * that bring none.
 *
 * <p>Not thread-safe: one thread at a time uses an instance.
 */
public final class FrameBuffers {

    /** The uses of the planes; the uses live at once in one frame, so each has its own array. */
    public enum Plane {
        /** The frame's decoded colour image, {@code 0xRRGGBB} (a frame source's). */
        COLOR,
        /** The frame's decoded depth, meters (a frame source's). */
        DEPTH,
        /** The frame's decoded object masks, instance ids (a frame source's). */
        LABELS,
        /** The depth after flying pixels are removed, meters ({@link FlyingPixels}). */
        FLYING_PIXELS,
        /** The depth after speckles are removed, meters ({@link Speckles}); the lifted depth of the frame. */
        SPECKLES,
        /** The chessboard distance of each mask pixel to the outside of its mask ({@code MarkAnchors}). */
        INSIDE_DISTANCE,
        /** The pixels of the marked copy of the frame's image, {@code 0xRRGGBB} ({@code MarkedImage}). */
        MARKED_IMAGE
    }

    /**
     * The buffers of one owner that no frame uses now: as many are made as frames run at once through the
     * owner (its worker threads), each kept for the next frame. Thread-safe.
     */
    public static final class Pool {
        /** The most recently returned first: its planes are the warmest in the caches. */
        private final ConcurrentLinkedDeque<FrameBuffers> idle = new ConcurrentLinkedDeque<>();

        /** An idle instance, or a new one when every instance is in use; give it back with {@link #release}. */
        public FrameBuffers acquire() {
            FrameBuffers b = idle.pollFirst();
            return b != null ? b : new FrameBuffers();
        }

        /** Gives back {@code buffers}, taken by {@link #acquire} and used by nothing from now on. */
        public void release(FrameBuffers buffers) {
            idle.addFirst(Objects.requireNonNull(buffers, "buffers"));
        }
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
