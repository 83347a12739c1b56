package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.geometry.PointCloud;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Small seeded clouds for the tests, and a comparison of clusterings. */
public final class TestClouds {
    private TestClouds() {
    }

    /**
     * {@code blobs} dense balls of {@code perBlob} points (radius 0.05 m) one meter apart along
     * x, plus {@code noise} isolated points scattered 3-4 m away from them.
     */
    public static PointCloud blobsAndNoise(int blobs, int perBlob, int noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = blobs * perBlob + noise;
        float[] xyz = new float[3 * n];
        int k = 0;
        for (int b = 0; b < blobs; b++) {
            for (int i = 0; i < perBlob; i++) {
                xyz[k++] = (float) (b + rng.nextDouble(-0.05, 0.05));
                xyz[k++] = (float) rng.nextDouble(-0.05, 0.05);
                xyz[k++] = (float) (2 + rng.nextDouble(-0.05, 0.05));
            }
        }
        for (int i = 0; i < noise; i++) {
            xyz[k++] = (float) rng.nextDouble(-4, 4);
            xyz[k++] = (float) rng.nextDouble(3, 4);
            xyz[k++] = (float) rng.nextDouble(2, 10);
        }
        return new PointCloud(xyz);
    }

    /**
     * True when the two labelings put the same points in the same clusters (cluster ids may
     * differ: a one-to-one map between them must exist) and mark the same points as noise.
     */
    public static boolean samePartition(int[] a, int noiseA, int[] b, int noiseB) {
        if (a.length != b.length) {
            return false;
        }
        Map<Integer, Integer> aToB = new HashMap<>();
        Map<Integer, Integer> bToA = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            boolean na = a[i] == noiseA;
            boolean nb = b[i] == noiseB;
            if (na != nb) {
                return false;
            }
            if (na) {
                continue;
            }
            Integer mappedB = aToB.putIfAbsent(a[i], b[i]);
            Integer mappedA = bToA.putIfAbsent(b[i], a[i]);
            if ((mappedB != null && mappedB != b[i]) || (mappedA != null && mappedA != a[i])) {
                return false;
            }
        }
        return true;
    }
}
