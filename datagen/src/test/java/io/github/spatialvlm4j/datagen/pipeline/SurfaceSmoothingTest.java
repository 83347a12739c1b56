package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SurfaceSmoothingTest {
    private static final int W = 80;
    private static final int H = 60;
    private static final CameraIntrinsics K = new CameraIntrinsics(70, 70, 39.5, 29.5, W, H);
    /** A slanted plane 3-4 m away, camera frame. */
    private static final Plane PLANE = Plane.fromPointAndNormal(0, 0, 3.5, 0.2, -0.4, -0.9);

    /** Depth of the plane at every pixel, plus Gaussian noise of {@code sigma} meters. */
    private static float[] planeDepth(double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] z = new float[W * H];
        for (int v = 0; v < H; v++) {
            for (int u = 0; u < W; u++) {
                double rx = (u - K.cx()) / K.fx();
                double ry = (v - K.cy()) / K.fy();
                // n . (t r) + d = 0 with r = (rx, ry, 1).
                double t = -PLANE.d() / (PLANE.nx() * rx + PLANE.ny() * ry + PLANE.nz());
                double u1 = 1.0 - rng.nextDouble();
                double u2 = rng.nextDouble();
                double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
                z[v * W + u] = (float) (t + sigma * g);
            }
        }
        return z;
    }

    private static int[] block() {
        int[] pixels = new int[40 * 30];
        int k = 0;
        for (int v = 15; v < 45; v++) {
            for (int u = 20; u < 60; u++) {
                pixels[k++] = v * W + u;
            }
        }
        return pixels;
    }

    private static double rmsToPlane(PointCloud c) {
        double sum = 0;
        for (int i = 0; i < c.size(); i++) {
            double d = PLANE.distance(c.x(i), c.y(i), c.z(i));
            sum += d * d;
        }
        return Math.sqrt(sum / c.size());
    }

    @Test
    void cleanDepthKeepsItsPointsExactly() {
        float[] z = planeDepth(0, 1);
        int[] pixels = block();
        SurfaceSmoothing.Smoothed s = SurfaceSmoothing.relift(new DepthMap(W, H, z), K, pixels, CleanupOptions.paperDefaults());
        assertEquals(0, s.depthNoise());
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            assertEquals(z[p], s.cloud().z(i), 0f, "clean depth is kept as lifted");
            assertEquals((p % W - K.cx()) * z[p] / K.fx(), s.cloud().x(i), 1e-6);
            assertEquals(0f, s.pointNoise()[i]);
        }
    }

    @Test
    void noiseIsEstimatedAndReducedWithPerPointNoiseLeft() {
        double sigma = 0.02;
        float[] z = planeDepth(sigma, 2);
        int[] pixels = block();
        PointCloud raw = new PointCloud(lift(z, pixels));
        SurfaceSmoothing.Smoothed s = SurfaceSmoothing.relift(new DepthMap(W, H, z), K, pixels, CleanupOptions.paperDefaults());
        assertEquals(sigma, s.depthNoise(), 0.3 * sigma, "robust noise estimate");
        double before = rmsToPlane(raw);
        double after = rmsToPlane(s.cloud());
        assertTrue(after < before / 4, "rms " + before + " -> " + after);
        // Interior points keep about sigma / 9 (a 9x9 fit); the outline, with one-sided windows, more.
        float inner = s.pointNoise()[15 * 40 + 20];
        float corner = s.pointNoise()[0];
        assertTrue(inner > 0 && inner < sigma / 5, "interior noise " + inner);
        assertTrue(corner > 2 * inner, "corner noise " + corner + " vs interior " + inner);
    }

    @Test
    void aFoldWithinTheObjectIsNotSmoothedOver() {
        // The right half of the block is 30 cm behind the left half (a self-occlusion): both stay flat.
        float[] z = planeDepth(0.01, 3);
        int[] pixels = block();
        for (int p : pixels) {
            if (p % W >= 40) {
                z[p] += 0.3f;
            }
        }
        SurfaceSmoothing.Smoothed s = SurfaceSmoothing.relift(new DepthMap(W, H, z), K, pixels, CleanupOptions.paperDefaults());
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            double offset = p % W >= 40 ? 0.3 : 0;
            double planeZ = z[p] - offset;
            assertTrue(Math.abs(s.cloud().z(i) - offset - planeZ) < 0.06, "pixel " + p + " pulled across the fold");
        }
    }

    @Test
    void givesTheReferenceResultBitForBit() {
        // Noisy depth with holes and a fold, objects at the image border and of one pixel, pixels in any
        // order, even and odd counts, several window sizes: the fast windows against one pixel at a time.
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 24; trial++) {
            float[] z = planeDepth(trial % 3 == 0 ? 0 : 0.004 + 0.01 * rng.nextDouble(), 100 + trial);
            int u0 = rng.nextInt(-10, W - 5);
            int v0 = rng.nextInt(-10, H - 5);
            int u1 = Math.min(W, u0 + rng.nextInt(1, 50));
            int v1 = Math.min(H, v0 + rng.nextInt(1, 40));
            int foldAt = rng.nextInt(0, W);
            List<Integer> kept = new ArrayList<>();
            for (int v = Math.max(0, v0); v < v1; v++) {
                for (int u = Math.max(0, u0); u < u1; u++) {
                    int p = v * W + u;
                    if (u >= foldAt) {
                        z[p] += 0.2f;
                    }
                    if (rng.nextDouble() < 0.04) {
                        z[p] = DepthMap.INVALID;
                    } else if (rng.nextDouble() < 0.95) {
                        kept.add(p);
                    }
                }
            }
            int[] pixels = kept.stream().mapToInt(Integer::intValue).toArray();
            if (trial % 2 == 1) {
                for (int i = pixels.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = pixels[i];
                    pixels[i] = pixels[j];
                    pixels[j] = t;
                }
            }
            CleanupOptions options = CleanupOptions.paperDefaults().withSmoothingRadius(1 + trial % 5)
                    .withNoiseRadius(1 + trial % 3).withMinNoiseMeters(trial % 3 == 0 ? 0 : 0.002);
            DepthMap depth = new DepthMap(W, H, z);
            SurfaceSmoothing.Smoothed fast = SurfaceSmoothing.relift(depth, K, pixels, options);
            SurfaceSmoothing.Smoothed slow = reference(depth, pixels, options);
            assertEquals(slow.depthNoise(), fast.depthNoise(), 0.0, "trial " + trial);
            assertArrayEquals(slow.cloud().xyz(), fast.cloud().xyz(), 0f, "trial " + trial);
            assertArrayEquals(slow.pointNoise(), fast.pointNoise(), 0f, "trial " + trial);
        }
    }

    /**
     * The smoothing one pixel at a time, as its Javadoc states it: each window clipped to the image, its usable
     * pixels (the object's, within the tolerance of the centre) summed in row-major order, the noise from the
     * small windows' residuals.
     */
    private static SurfaceSmoothing.Smoothed reference(DepthMap depth, int[] pixels, CleanupOptions o) {
        float[] z = depth.meters();
        boolean[] object = new boolean[W * H];
        for (int p : pixels) {
            object[p] = true;
        }
        int n = pixels.length;
        double[] small = new double[n];
        double[] smallLeverage = new double[n];
        double[] residual = new double[n];
        int fitted = 0;
        for (int i = 0; i < n; i++) {
            double[] fit = referenceFit(z, object, pixels[i], o.noiseRadius(), o);
            small[i] = fit[0];
            smallLeverage[i] = fit[1];
            if (fit[2] > 0) {
                residual[fitted++] = z[pixels[i]] - fit[0];
            }
        }
        double noise = fitted == 0 ? 0
                : io.github.spatialvlm4j.geometry.RobustStats.MAD_TO_SIGMA
                        * io.github.spatialvlm4j.geometry.RobustStats.mad(residual, fitted, 0);
        boolean noisy = noise > o.minNoiseMeters();
        float[] xyz = new float[3 * n];
        float[] pointNoise = new float[n];
        for (int i = 0; i < n; i++) {
            int p = pixels[i];
            double[] fit = noisy ? referenceFit(z, object, p, o.smoothingRadius(), o) : null;
            double zs = noisy ? fit[0] : z[p];
            xyz[3 * i] = (float) ((p % W - K.cx()) * zs / K.fx());
            xyz[3 * i + 1] = (float) ((p / W - K.cy()) * zs / K.fy());
            xyz[3 * i + 2] = (float) zs;
            pointNoise[i] = noisy ? (float) (noise * Math.sqrt(fit[1])) : 0f;
        }
        return new SurfaceSmoothing.Smoothed(new PointCloud(xyz), noisy ? noise : 0, pointNoise);
    }

    /** {smoothed depth, leverage, 1 when the fit holds} of the window of half-width r around pixel p. */
    private static double[] referenceFit(float[] z, boolean[] object, int p, int r, CleanupOptions o) {
        int u = p % W;
        int v = p / W;
        float zc = z[p];
        float tol = Math.max(o.smoothingMinToleranceMeters(), o.smoothingRelativeTolerance() * zc);
        double s1 = 0;
        double su = 0;
        double sv = 0;
        double suu = 0;
        double svv = 0;
        double suv = 0;
        double sw = 0;
        double suw = 0;
        double svw = 0;
        for (int dv = -r; dv <= r; dv++) {
            for (int du = -r; du <= r; du++) {
                int x = u + du;
                int y = v + dv;
                if (x < 0 || x >= W || y < 0 || y >= H || !object[y * W + x]
                        || Math.abs(z[y * W + x] - zc) > tol) {
                    continue;
                }
                double wq = 1.0 / z[y * W + x];
                s1++;
                su += du;
                sv += dv;
                suu += du * du;
                svv += dv * dv;
                suv += du * dv;
                sw += wq;
                suw += du * wq;
                svw += dv * wq;
            }
        }
        double[] none = {zc, 1, 0};
        if (s1 < o.smoothingMinNeighbours()) {
            return none;
        }
        double m00 = suu * svv - suv * suv;
        double det = s1 * m00 - su * (su * svv - suv * sv) + sv * (su * suv - suu * sv);
        if (!(det > 1e-9 * s1 * s1 * s1)) {
            return none;
        }
        double a = (sw * m00 - su * (suw * svv - suv * svw) + sv * (suw * suv - suu * svw)) / det;
        double fit = 1.0 / a;
        return a > 0 && Math.abs(fit - zc) <= tol ? new double[] {fit, m00 / det, 1} : none;
    }

    private static float[] lift(float[] z, int[] pixels) {
        float[] xyz = new float[3 * pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            xyz[3 * i] = (float) ((p % W - K.cx()) * z[p] / K.fx());
            xyz[3 * i + 1] = (float) ((p / W - K.cy()) * z[p] / K.fy());
            xyz[3 * i + 2] = z[p];
        }
        return xyz;
    }
}
