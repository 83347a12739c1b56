package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.DepthMap;

/**
 * Removes isolated depth outliers ("speckles") before a depth map is lifted to 3D. Real sensors give
 * a few percent of returns unrelated to the surface (multipath, sunlight, specular and dark surfaces):
 * lifted, each becomes a point far in front of or behind its pixel's surface. One such point in an
 * object's mask is enough to inflate its scale, its extents and its DBSCAN radius by metres.
 *
 * <p>A valid pixel is kept when at least {@code speckleMinSupport} (2) of its 8 neighbours hold a valid depth
 * within {@code max(speckleMinToleranceMeters, speckleRelativeTolerance * z)} ({@link LiftOptions}) of its
 * own: a surface continues
 * through its neighbours; an isolated return does not. The tolerance covers the noise of a Kinect-like
 * sensor at 5 m (about 4 cm), the depth step between rows of a floor seen at a grazing angle, and the
 * quantization steps of disparity sensors. Edges and one-pixel-wide structures keep two neighbours
 * along themselves. Noise-free depth of smooth surfaces is returned unchanged. This is the
 * speckle filter of stereo and structured-light pipelines. O(pixels).
 */
public final class Speckles {
    private Speckles() {
    }

    /** {@code depth} with its isolated pixels invalid; the same instance when there are none. */
    public static DepthMap remove(DepthMap depth, LiftOptions options) {
        return remove(depth, options, null);
    }

    /**
     * As {@link #remove(DepthMap, LiftOptions)}, writing the result's depth into {@code dest} when there are
     * isolated pixels to remove (a reused plane, {@link FrameBuffers}).
     *
     * @param dest {@code width * height} values, not {@code depth.meters()} itself; null to allocate one
     * @throws IllegalArgumentException when {@code dest} has another length or is the input's array
     */
    public static DepthMap remove(DepthMap depth, LiftOptions options, float[] dest) {
        FrameBuffers.requireDest(depth.meters(), dest);
        int minSupport = options.speckleMinSupport();
        float minTolerance = options.speckleMinToleranceMeters();
        float relativeTolerance = options.speckleRelativeTolerance();
        int w = depth.width();
        int h = depth.height();
        float[] z = depth.meters();
        float[] out = null;
        for (int v = 0; v < h; v++) {
            boolean innerRow = v > 0 && v < h - 1;
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                float zi = z[i];
                if (!(zi > DepthMap.INVALID)) {
                    continue;
                }
                float tol = Math.max(minTolerance, relativeTolerance * zi);
                int support;
                if (innerRow && u > 0 && u < w - 1) {
                    // All 8 neighbours exist: the two above first, which nearly always suffice on a surface.
                    support = near(z[i - w - 1], zi, tol) + near(z[i - w], zi, tol);
                    if (support < minSupport) {
                        support += near(z[i - w + 1], zi, tol) + near(z[i - 1], zi, tol) + near(z[i + 1], zi, tol)
                                + near(z[i + w - 1], zi, tol) + near(z[i + w], zi, tol) + near(z[i + w + 1], zi, tol);
                    }
                } else {
                    support = borderSupport(z, w, h, u, v, zi, tol, minSupport);
                }
                if (support < minSupport) {
                    if (out == null) {
                        out = FrameBuffers.copy(z, dest);
                    }
                    out[i] = DepthMap.INVALID;
                }
            }
        }
        return out == null ? depth : new DepthMap(w, h, out);
    }

    /** 1 when neighbour depth {@code zn} is valid and within {@code tol} of {@code zi}, else 0. */
    private static int near(float zn, float zi, float tol) {
        return zn > DepthMap.INVALID && Math.abs(zn - zi) <= tol ? 1 : 0;
    }

    /**
     * How many of the neighbours of pixel (u, v) of an image's border lie {@link #near} it, counted until
     * {@code minSupport}.
     */
    private static int borderSupport(float[] z, int w, int h, int u, int v, float zi, float tol, int minSupport) {
        int support = 0;
        for (int dv = -1; dv <= 1 && support < minSupport; dv++) {
            int y = v + dv;
            if (y < 0 || y >= h) {
                continue;
            }
            for (int du = -1; du <= 1; du++) {
                int x = u + du;
                if ((du == 0 && dv == 0) || x < 0 || x >= w) {
                    continue;
                }
                support += near(z[y * w + x], zi, tol);
            }
        }
        return support;
    }
}
