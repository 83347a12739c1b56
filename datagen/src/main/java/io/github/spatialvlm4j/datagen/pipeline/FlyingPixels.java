package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.DepthMap;

/**
 * Removes flying pixels from a depth map before it is lifted to 3D. Depth sensors (and depth
 * models, which blur edges) give pixels on a depth edge a depth between the near and the far
 * surface; lifted, they form streaks of points in empty space behind every silhouette, which
 * clustering then joins to the object and which inflate its measured size.
 *
 * <p>A pixel is flying when, along the row or along the column, one neighbour is nearer and the
 * opposite neighbour farther than it by more than {@code max(flyingMinJumpMeters, flyingRelativeJump * z)}
 * ({@link LiftOptions}):
 * it lies strictly between two surfaces. Such pixels become {@link DepthMap#INVALID}. An object's
 * own outline pixel has a neighbour at its own depth, so it is kept; noise-free depth is returned
 * unchanged. O(pixels).
 */
public final class FlyingPixels {
    private FlyingPixels() {
    }

    /** {@code depth} with its flying pixels invalid; the same instance when there are none. */
    public static DepthMap remove(DepthMap depth, LiftOptions options) {
        return remove(depth, options, null);
    }

    /**
     * As {@link #remove(DepthMap, LiftOptions)}, writing the result's depth into {@code dest} when there are
     * flying pixels to remove (a reused plane, {@link FrameBuffers}).
     *
     * @param dest {@code width * height} values, not {@code depth.meters()} itself; null to allocate one
     * @throws IllegalArgumentException when {@code dest} has another length or is the input's array
     */
    public static DepthMap remove(DepthMap depth, LiftOptions options, float[] dest) {
        FrameBuffers.requireDest(depth.meters(), dest);
        float minJump = options.flyingMinJumpMeters();
        float relativeJump = options.flyingRelativeJump();
        // A flying pixel's opposite neighbours differ by more than twice the smallest jump; this is a bit less.
        float necessarySpread = 1.9f * minJump;
        int w = depth.width();
        int h = depth.height();
        float[] z = depth.meters();
        float[] out = null;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                float zi = z[i];
                if (!(zi > DepthMap.INVALID)) {
                    continue;
                }
                float jump = Math.max(minJump, relativeJump * zi);
                // Two opposite neighbours on either side of zi by more than the jump differ by more
                // than twice the smallest jump: a cheap test that rejects almost every pixel first
                // (the margin below 2 keeps it exact under float rounding).
                boolean flying = u > 0 && u < w - 1 && Math.abs(z[i + 1] - z[i - 1]) > necessarySpread
                        && between(z[i - 1], zi, z[i + 1], jump)
                        || v > 0 && v < h - 1 && Math.abs(z[i + w] - z[i - w]) > necessarySpread
                        && between(z[i - w], zi, z[i + w], jump);
                if (flying) {
                    if (out == null) {
                        out = FrameBuffers.copy(z, dest);
                    }
                    out[i] = DepthMap.INVALID;
                }
            }
        }
        return out == null ? depth : new DepthMap(w, h, out);
    }

    private static boolean between(float a, float z, float b, float jump) {
        if (!(a > DepthMap.INVALID) || !(b > DepthMap.INVALID)) {
            return false;
        }
        return a < z - jump && b > z + jump || b < z - jump && a > z + jump;
    }
}
