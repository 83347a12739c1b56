package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
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
