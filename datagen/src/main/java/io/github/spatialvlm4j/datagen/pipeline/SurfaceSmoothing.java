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
 * {@code max(smoothingMinToleranceMeters, smoothingRelativeTolerance z)} of its own (so that a fold or a self-occlusion
 * inside the object is not smoothed over). For planar faces this is exact without noise and divides the
 * noise by about {@code 2r+1}; only the lateral position of the pixel on its ray is kept, which is what
 * the segmentation gives. Pixels with fewer than {@code smoothingMinNeighbours} usable neighbours, or a
 * degenerate window, keep their depth.
 *
 * <p>Curved surfaces are not planes: on a ball or a cylinder a 5-pixel plane fit moves points by a
 * millimetre or two, and where their outline turns away from the camera by more, which skews the circle
 * fitted to a round footprint. So an object whose depth is already clean keeps its points: the fits'
 * residuals give a robust estimate of the object's depth noise ({@link RobustStats#MAD_TO_SIGMA} x their
 * median absolute value), and smoothing applies only when it exceeds {@code minNoiseMeters} (2 mm), far
 * below any real sensor's noise at a metre and above the curvature residuals of rendered solids.
 * The thresholds are {@link CleanupOptions}'. O(pixels x (2r+1)^2).
 */
public final class SurfaceSmoothing {
    private SurfaceSmoothing() {
    }

    /**
     * An object's points after smoothing, with the depth noise left on each.
     *
     * @param cloud the points, camera frame, meters, in the order of the pixels given
     * @param depthNoise the object's depth noise as lifted, meters (a robust estimate; 0 when below
     *     {@link CleanupOptions#minNoiseMeters()}, and then the points are as lifted)
     * @param pointNoise per point, the standard deviation of its remaining depth error along its ray,
     *     meters: {@code depthNoise} times the square root of the fit's leverage at the point (smaller
     *     inside a face, larger at its outline where the window is one-sided); all 0 for clean depth
     */
    public record Smoothed(PointCloud cloud, double depthNoise, float[] pointNoise) {

        /** The points at {@code indices} (ascending, into this cloud), with their noise. */
        Smoothed subset(int[] indices) {
            float[] noise = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                noise[i] = pointNoise[indices[i]];
            }
            return new Smoothed(cloud.subset(indices), depthNoise, noise);
        }
    }

    /**
     * The points of {@code pixels} (indices {@code v * width + u} into {@code depth}, all valid) with
     * smoothed depth, in the order given, camera frame, meters.
     *
     * @param depth the depth the pixels were lifted from, meters
     * @param intrinsics the camera, pixels
     * @param pixels the object's kept pixels, distinct
     * @param options the window sizes and tolerances
     */
    public static Smoothed relift(DepthMap depth, CameraIntrinsics intrinsics, int[] pixels, CleanupOptions options) {
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
        // The object's kept pixels in its bounding box, widened by the largest window half-width on each side:
        // their depth, and +infinity elsewhere (no depth is within a tolerance of it, so one comparison
        // excludes pixels off the object, off the image and off the centre's surface, and every window lies
        // inside the box).
        int pad = Math.max(options.noiseRadius(), options.smoothingRadius());
        int bw = u1 - u0 + 1 + 2 * pad;
        int bh = v1 - v0 + 1 + 2 * pad;
        int[] cell = new int[n];
        float[] box = new float[bw * bh];
        java.util.Arrays.fill(box, Float.POSITIVE_INFINITY);
        // 1 / depth of each kept pixel, computed once instead of in every window that holds the pixel.
        double[] inverse = new double[box.length];
        for (int i = 0; i < n; i++) {
            int p = pixels[i];
            int b = (p / w - v0 + pad) * bw + (p % w - u0 + pad);
            cell[i] = b;
            box[b] = z[p];
            inverse[b] = 1.0 / z[p];
        }
        double fx = intrinsics.fx();
        double fy = intrinsics.fy();
        double cx = intrinsics.cx();
        double cy = intrinsics.cy();
        Window window = new Window(box, inverse, bw, cell, options);
        double[] smoothed = new double[n];
        double[] leverage = new double[n];
        double[] residual = new double[n];
        // The noise is estimated on small windows, where curvature adds least to the residuals; the
        // smoothing itself uses the larger ones.
        int fitted = window.fit(options.noiseRadius(), smoothed, leverage, residual);
        double noise = fitted == 0 ? 0 : RobustStats.MAD_TO_SIGMA * RobustStats.mad(residual, fitted, 0);
        boolean noisy = noise > options.minNoiseMeters();
        if (noisy) {
            window.fit(options.smoothingRadius(), smoothed, leverage, residual);
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

    /**
     * An object's kept pixels in their bounding box, for window fits: {@code box} their depth, meters
     * (+infinity on other pixels), {@code inverse} its inverse (0 on other pixels), both row-major and
     * {@code bw} wide, with a margin of at least the window half-width around the pixels; {@code cell} the
     * position in the box of each pixel to fit.
     */
    private record Window(float[] box, double[] inverse, int bw, int[] cell, CleanupOptions options) {

        /**
         * Fits every pixel's window of half-width {@code r}: its smoothed depth (its own where no fit holds),
         * the fit's leverage at the centre (1 where none), and the residuals of the fitted pixels.
         *
         * @return how many residuals were written
         */
        int fit(int r, double[] smoothed, double[] leverage, double[] residual) {
            float minTolerance = options.smoothingMinToleranceMeters();
            float relativeTolerance = options.smoothingRelativeTolerance();
            // The window's pixels in row-major order: their offset in the box and (du, dv).
            int side = 2 * r + 1;
            int size = side * side;
            int[] offset = new int[size];
            double[] duD = new double[size];
            double[] dvD = new double[size];
            for (int k = 0; k < size; k++) {
                int du = k % side - r;
                int dv = k / side - r;
                offset[k] = dv * bw + du;
                duD[k] = du;
                dvD[k] = dv;
            }
            // Per window (two at a time), the count and the offset sums of its pixels that fail the test.
            int[] missing = new int[2 * MISSING_SUMS];
            int fitted = 0;
            // Two windows at a time: each sum is one chain of dependent additions, and two windows' chains
            // overlap in the processor where one window's would wait on each addition.
            int i = 0;
            for (; i + 1 < cell.length; i += 2) {
                int c0 = cell[i];
                int c1 = cell[i + 1];
                float z0 = box[c0];
                float z1 = box[c1];
                float tol0 = Math.max(minTolerance, relativeTolerance * z0);
                float tol1 = Math.max(minTolerance, relativeTolerance * z1);
                double sw0 = 0;
                double suw0 = 0;
                double svw0 = 0;
                double sw1 = 0;
                double suw1 = 0;
                double svw1 = 0;
                java.util.Arrays.fill(missing, 0);
                for (int k = 0; k < size; k++) {
                    int o = offset[k];
                    double x = duD[k];
                    double y = dvD[k];
                    int q0 = c0 + o;
                    int q1 = c1 + o;
                    if (Math.abs(box[q0] - z0) <= tol0) {
                        double wq = inverse[q0];
                        sw0 += wq;
                        suw0 += x * wq;
                        svw0 += y * wq;
                    } else {
                        skip(missing, 0, k, side, r);
                    }
                    if (Math.abs(box[q1] - z1) <= tol1) {
                        double wq = inverse[q1];
                        sw1 += wq;
                        suw1 += x * wq;
                        svw1 += y * wq;
                    } else {
                        skip(missing, MISSING_SUMS, k, side, r);
                    }
                }
                fitted = solve(i, r, z0, tol0, missing, 0, sw0, suw0, svw0, smoothed, leverage, residual, fitted);
                fitted = solve(i + 1, r, z1, tol1, missing, MISSING_SUMS, sw1, suw1, svw1, smoothed, leverage,
                        residual, fitted);
            }
            for (; i < cell.length; i++) {
                int c = cell[i];
                float zc = box[c];
                float tol = Math.max(minTolerance, relativeTolerance * zc);
                double sw = 0;
                double suw = 0;
                double svw = 0;
                java.util.Arrays.fill(missing, 0);
                for (int k = 0; k < size; k++) {
                    int q = c + offset[k];
                    if (Math.abs(box[q] - zc) <= tol) {
                        double wq = inverse[q];
                        sw += wq;
                        suw += duD[k] * wq;
                        svw += dvD[k] * wq;
                    } else {
                        skip(missing, 0, k, side, r);
                    }
                }
                fitted = solve(i, r, zc, tol, missing, 0, sw, suw, svw, smoothed, leverage, residual, fitted);
            }
            return fitted;
        }

        /** How many sums {@link #skip} keeps per window: count, du, dv, du^2, dv^2, du dv. */
        private static final int MISSING_SUMS = 6;

        /** Adds window pixel {@code k} (row-major in a square of half-width {@code r}) to the failed sums at {@code at}. */
        private static void skip(int[] missing, int at, int k, int side, int r) {
            int du = k % side - r;
            int dv = k / side - r;
            missing[at]++;
            missing[at + 1] += du;
            missing[at + 2] += dv;
            missing[at + 3] += du * du;
            missing[at + 4] += dv * dv;
            missing[at + 5] += du * dv;
        }

        /**
         * Solves the window of pixel {@code i} (depth {@code zc}, tolerance {@code tol}) from its sums of
         * {@code 1/z}, {@code du/z} and {@code dv/z} over its usable pixels, added in the window's row-major
         * order (their rounding depends on it), and the sums of the pixels of the square of half-width
         * {@code r} that failed the test ({@code missing} from {@code at}, see {@link #skip}). Writes its
         * smoothed depth and leverage, and its residual at {@code fitted} when the fit holds.
         *
         * @return {@code fitted} plus 1 when the fit holds
         */
        private int solve(int i, int r, float zc, float tol, int[] missing, int at, double sw, double suw, double svw,
                double[] smoothed, double[] leverage, double[] residual, int fitted) {
            // The sums of pixel offsets are small integers, exact in int as in double: those of the whole square
            // (0 for odd powers) less those of the pixels that failed the test.
            int side = 2 * r + 1;
            int squares = side * r * (r + 1) * (2 * r + 1) / 3;
            int n1 = side * side - missing[at];
            int nu = -missing[at + 1];
            int nv = -missing[at + 2];
            int nuu = squares - missing[at + 3];
            int nvv = squares - missing[at + 4];
            int nuv = -missing[at + 5];
            double s1 = n1;
            double su = nu;
            double sv = nv;
            double suu = nuu;
            double svv = nvv;
            double suv = nuv;
            smoothed[i] = zc;
            leverage[i] = 1;
            if (s1 < options.smoothingMinNeighbours()) {
                return fitted;
            }
            // Cramer's rule for [[s1 su sv] [su suu suv] [sv suv svv]] (a b c) = (sw suw svw).
            double m00 = suu * svv - suv * suv;
            double det = s1 * m00 - su * (su * svv - suv * sv) + sv * (su * suv - suu * sv);
            if (!(det > 1e-9 * s1 * s1 * s1)) {
                return fitted;
            }
            double a = (sw * m00 - su * (suw * svv - suv * svw) + sv * (suw * suv - suu * svw)) / det;
            double fit = 1.0 / a;
            // A fit that leaves the centre's tolerance band says the window is not one surface.
            if (a > 0 && Math.abs(fit - zc) <= tol) {
                smoothed[i] = fit;
                residual[fitted] = zc - fit;
                // Leverage of the centre: element (0, 0) of the inverse normal matrix.
                leverage[i] = m00 / det;
                return fitted + 1;
            }
            return fitted;
        }
    }
}
