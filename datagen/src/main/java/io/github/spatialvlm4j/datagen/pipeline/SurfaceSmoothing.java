package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.RobustStats;

/**
 * Re-lifts an object's cleaned pixels with their depth smoothed along the viewing rays, so that its
 * extents are measured on its surface rather than on the noise around it.
 *
 * <p>Depth noise scatters every point along its ray; an object's extents are maxima and minima over
 * hundreds of points, so they sit about three noise deviations outside the surface on each side (a
 * Kinect-like sensor at 4 m: 2.6 cm deviation, boxes 15 cm too deep and 3 cm too tall). Each pixel's
 * depth is replaced by a least-squares plane fitted, in inverse depth ({@code 1/z = a + b du + c dv},
 * exact for any plane seen by a pinhole camera), to the object's own kept pixels in the
 * {@code (2r+1) x (2r+1)} window around it whose depth is within
 * {@code max(MIN_TOLERANCE_METERS, RELATIVE_TOLERANCE z)} of its own (so that a fold or a self-occlusion
 * inside the object is not smoothed over). For planar faces this is exact without noise and divides the
 * noise by about {@code 2r+1}; only the lateral position of the pixel on its ray is kept, which is what
 * the segmentation gives. Pixels with fewer than {@value #MIN_NEIGHBOURS} usable neighbours, or a
 * degenerate window, keep their depth.
 *
 * <p>Curved surfaces are not planes: on a ball or a cylinder a 5-pixel plane fit moves points by a
 * millimetre or two, and where their outline turns away from the camera by more, which skews the circle
 * fitted to a round footprint. So an object whose depth is already clean keeps its points: the fits'
 * residuals give a robust estimate of the object's depth noise ({@link RobustStats#MAD_TO_SIGMA} x their
 * median absolute value), and smoothing applies only when it exceeds {@value #MIN_NOISE_METERS} m, far
 * below any real sensor's noise at a metre and above the curvature residuals of rendered solids.
 * O(pixels x (2r+1)^2).
 */
public final class SurfaceSmoothing {
    /** Window half-width of the smoothing, pixels (9 x 9 windows). */
    public static final int RADIUS = 4;
    /** Window half-width of the noise estimate, pixels (5 x 5 windows). */
    public static final int NOISE_RADIUS = 2;
    /** Smallest depth difference to the centre pixel that still excludes a neighbour, meters. */
    public static final float MIN_TOLERANCE_METERS = 0.03f;
    /** ... or this share of the centre pixel's depth, whichever is larger. */
    public static final float RELATIVE_TOLERANCE = 0.03f;
    /** Fewest usable pixels in a window (the centre included) for a fit. */
    static final int MIN_NEIGHBOURS = 6;
    /** Depth noise, meters, below which an object keeps its points as lifted. */
    public static final double MIN_NOISE_METERS = 0.002;

    private SurfaceSmoothing() {
    }

    /**
     * An object's points after smoothing, with the depth noise left on each.
     *
     * @param cloud the points, camera frame, meters, in the order of the pixels given
     * @param depthNoise the object's depth noise as lifted, meters (a robust estimate; 0 when below
     *     {@link #MIN_NOISE_METERS}, and then the points are as lifted)
     * @param pointNoise per point, the standard deviation of its remaining depth error along its ray,
     *     meters: {@code depthNoise} times the square root of the fit's leverage at the point (smaller
     *     inside a face, larger at its outline where the window is one-sided); all 0 for clean depth
     */
    public record Smoothed(PointCloud cloud, double depthNoise, float[] pointNoise) {
    }

    /**
     * The points of {@code pixels} (indices {@code v * width + u} into {@code depth}, all valid) with
     * smoothed depth, in the order given, camera frame, meters.
     *
     * @param depth the depth the pixels were lifted from, meters
     * @param intrinsics the camera, pixels
     * @param pixels the object's kept pixels, distinct
     */
    public static Smoothed relift(DepthMap depth, CameraIntrinsics intrinsics, int[] pixels) {
        int w = depth.width();
        float[] z = depth.meters();
        int n = pixels.length;
        float[] xyz = new float[3 * n];
        float[] pointNoise = new float[n];
        if (n == 0) {
            return new Smoothed(new PointCloud(xyz), 0, pointNoise);
        }
        int u0 = Integer.MAX_VALUE;
        int v0 = Integer.MAX_VALUE;
        int u1 = Integer.MIN_VALUE;
        int v1 = Integer.MIN_VALUE;
        for (int p : pixels) {
            u0 = Math.min(u0, p % w);
            u1 = Math.max(u1, p % w);
            v0 = Math.min(v0, p / w);
            v1 = Math.max(v1, p / w);
        }
        int bw = u1 - u0 + 1;
        int bh = v1 - v0 + 1;
        // The object's kept pixels in its bounding box, with their depth (0 = not the object's).
        float[] box = new float[bw * bh];
        for (int p : pixels) {
            box[(p / w - v0) * bw + (p % w - u0)] = z[p];
        }
        double fx = intrinsics.fx();
        double fy = intrinsics.fy();
        double cx = intrinsics.cx();
        double cy = intrinsics.cy();
        Window window = new Window(box, bw, bh, u0, v0, w);
        double[] smoothed = new double[n];
        double[] leverage = new double[n];
        double[] residual = new double[n];
        // The noise is estimated on small windows, where curvature adds least to the residuals; the
        // smoothing itself uses the larger ones.
        int fitted = window.fit(pixels, NOISE_RADIUS, smoothed, leverage, residual);
        double noise = fitted == 0 ? 0 : RobustStats.MAD_TO_SIGMA * RobustStats.mad(residual, fitted, 0);
        boolean noisy = noise > MIN_NOISE_METERS;
        if (noisy) {
            window.fit(pixels, RADIUS, smoothed, leverage, residual);
        }
        for (int i = 0; i < n; i++) {
            int p = pixels[i];
            double zs = noisy ? smoothed[i] : z[p];
            xyz[3 * i] = (float) ((p % w - cx) * zs / fx);
            xyz[3 * i + 1] = (float) ((p / w - cy) * zs / fy);
            xyz[3 * i + 2] = (float) zs;
            pointNoise[i] = noisy ? (float) (noise * Math.sqrt(leverage[i])) : 0f;
        }
        return new Smoothed(new PointCloud(xyz), noisy ? noise : 0, pointNoise);
    }

    /** An object's kept pixels in their bounding box, for window fits. */
    private record Window(float[] box, int bw, int bh, int u0, int v0, int w) {

        /**
         * Fits every pixel's window of half-width {@code r}: its smoothed depth (its own where no fit holds),
         * the fit's leverage at the centre (1 where none), and the residuals of the fitted pixels.
         *
         * @return how many residuals were written
         */
        int fit(int[] pixels, int r, double[] smoothed, double[] leverage, double[] residual) {
            // 1 / depth of each box pixel as the box is now (ramps may have changed it), computed once
            // instead of in every window that holds the pixel.
            double[] inverse = new double[box.length];
            for (int i = 0; i < box.length; i++) {
                if (box[i] > 0) {
                    inverse[i] = 1.0 / box[i];
                }
            }
            int fitted = 0;
            for (int i = 0; i < pixels.length; i++) {
                int p = pixels[i];
                int u = p % w;
                int v = p / w;
                float zc = box[(v - v0) * bw + (u - u0)];

                float tol = Math.max(MIN_TOLERANCE_METERS, RELATIVE_TOLERANCE * zc);
                // Normal equations of 1/z = a + b du + c dv over the usable window pixels. The sums of
                // pixel offsets are small integers, exact in int as in double.
                int n1 = 0;
                int nu = 0;
                int nv = 0;
                int nuu = 0;
                int nvv = 0;
                int nuv = 0;
                double sw = 0;
                double suw = 0;
                double svw = 0;
                int bu = u - u0;
                int bv = v - v0;
                for (int dv = Math.max(-r, -bv); dv <= Math.min(r, bh - 1 - bv); dv++) {
                    int row = (bv + dv) * bw + bu;
                    for (int du = Math.max(-r, -bu); du <= Math.min(r, bw - 1 - bu); du++) {
                        float zq = box[row + du];
                        if (zq <= 0 || Math.abs(zq - zc) > tol) {
                            continue;
                        }
                        double wq = inverse[row + du];
                        n1++;
                        nu += du;
                        nv += dv;
                        nuu += du * du;
                        nvv += dv * dv;
                        nuv += du * dv;
                        sw += wq;
                        suw += du * wq;
                        svw += dv * wq;
                    }
                }
                double s1 = n1;
                double su = nu;
                double sv = nv;
                double suu = nuu;
                double svv = nvv;
                double suv = nuv;
                smoothed[i] = zc;
                leverage[i] = 1;
                if (s1 < MIN_NEIGHBOURS) {
                    continue;
                }
                // Cramer's rule for [[s1 su sv] [su suu suv] [sv suv svv]] (a b c) = (sw suw svw).
                double m00 = suu * svv - suv * suv;
                double det = s1 * m00 - su * (su * svv - suv * sv) + sv * (su * suv - suu * sv);
                if (!(det > 1e-9 * s1 * s1 * s1)) {
                    continue;
                }
                double a = (sw * m00 - su * (suw * svv - suv * svw) + sv * (suw * suv - suu * svw)) / det;
                double fit = 1.0 / a;
                // A fit that leaves the centre's tolerance band says the window is not one surface.
                if (a > 0 && Math.abs(fit - zc) <= tol) {
                    smoothed[i] = fit;
                    residual[fitted++] = zc - fit;
                    // Leverage of the centre: element (0, 0) of the inverse normal matrix.
                    leverage[i] = m00 / det;
                }
            }
            return fitted;
        }
    }
}
