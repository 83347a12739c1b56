package io.github.spatialvlm4j.kernels;

import java.util.SplittableRandom;

/** Seeded synthetic clouds for tests. */
final class Clouds {
    private Clouds() {
    }

    /** {@code blobs} Gaussian blobs of {@code perBlob} points (sigma meters) in a 1 m box, plus uniform noise points. */
    static float[] blobs(SplittableRandom rng, int blobs, int perBlob, double sigma, int noise) {
        float[] xyz = new float[3 * (blobs * perBlob + noise)];
        int p = 0;
        for (int b = 0; b < blobs; b++) {
            double cx = rng.nextDouble();
            double cy = rng.nextDouble();
            double cz = rng.nextDouble();
            for (int i = 0; i < perBlob; i++) {
                xyz[p++] = (float) (cx + sigma * gaussian(rng));
                xyz[p++] = (float) (cy + sigma * gaussian(rng));
                xyz[p++] = (float) (cz + sigma * gaussian(rng));
            }
        }
        for (int i = 0; i < noise; i++) {
            xyz[p++] = (float) rng.nextDouble();
            xyz[p++] = (float) rng.nextDouble();
            xyz[p++] = (float) rng.nextDouble();
        }
        shuffle(rng, xyz);
        return xyz;
    }

    /** Points on the plane y = height (camera frame: a floor), within a square of side {@code size}, with noise. */
    static float[] floorWithClutter(SplittableRandom rng, int floor, int clutter, float height, double noise) {
        float[] xyz = new float[3 * (floor + clutter)];
        for (int i = 0; i < floor; i++) {
            xyz[3 * i] = (float) (4 * rng.nextDouble() - 2);
            xyz[3 * i + 1] = (float) (height + noise * gaussian(rng));
            xyz[3 * i + 2] = (float) (1 + 4 * rng.nextDouble());
        }
        for (int i = floor; i < floor + clutter; i++) {
            xyz[3 * i] = (float) (4 * rng.nextDouble() - 2);
            xyz[3 * i + 1] = (float) (height - 2 * rng.nextDouble() - 0.2);
            xyz[3 * i + 2] = (float) (1 + 4 * rng.nextDouble());
        }
        return xyz;
    }

    /**
     * {@code n} points on the three faces of a box of side {@code size} meters facing the
     * direction (1, 1, 1) (a depth camera's view of an object), with Gaussian noise of
     * {@code noise} meters along the normal and a share {@code flying} of points moved up to
     * {@code size / 3} along (1, 1, 1) (flying pixels).
     */
    static float[] boxSurfaces(SplittableRandom rng, int n, double size, double noise, double flying) {
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int face = rng.nextInt(3);
            double[] p = {size * rng.nextDouble(), size * rng.nextDouble(), size * rng.nextDouble()};
            p[face] = size + noise * gaussian(rng);
            if (rng.nextDouble() < flying) {
                double t = size / 3 * rng.nextDouble();
                p[0] += t;
                p[1] += t;
                p[2] += t;
            }
            xyz[3 * i] = (float) p[0];
            xyz[3 * i + 1] = (float) p[1];
            xyz[3 * i + 2] = (float) p[2];
        }
        return xyz;
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static void shuffle(SplittableRandom rng, float[] xyz) {
        for (int i = xyz.length / 3 - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            for (int a = 0; a < 3; a++) {
                float t = xyz[3 * i + a];
                xyz[3 * i + a] = xyz[3 * j + a];
                xyz[3 * j + a] = t;
            }
        }
    }
}
