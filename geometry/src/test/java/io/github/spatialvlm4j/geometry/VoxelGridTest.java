package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link VoxelGrid} against a map-based reference. */
class VoxelGridTest {
    /** Centroids are accumulated in double either way; only the final float rounding may differ. */
    private static final float CENTROID_TOLERANCE = 1e-6f;

    /** A voxel key ordered by ix, then iy, then iz. */
    record Key(long ix, long iy, long iz) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(ix, o.ix);
            if (c == 0) {
                c = Long.compare(iy, o.iy);
            }
            return c != 0 ? c : Long.compare(iz, o.iz);
        }
    }

    @Test
    void matchesAMapBasedReference() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(3000);
            // Every fourth trial spans more than 2^31 voxels: the sparse numbering path.
            boolean sparse = trial % 4 == 3;
            float voxel = sparse ? 0.001f : (float) rnd.nextDouble(0.01, 0.5);
            double extent = sparse ? 500 : 2;
            float[] xyz = new float[3 * n];
            int[] rgb = new int[n];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) {
                    xyz[3 * i + a] = (float) rnd.nextDouble(-extent, extent);
                }
                if (i > 0 && rnd.nextInt(5) == 0) { // duplicates
                    System.arraycopy(xyz, 3 * (i - 1), xyz, 3 * i, 3);
                }
                rgb[i] = rnd.nextInt(1 << 24);
            }
            TreeMap<Key, List<Integer>> groups = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                Key k = new Key((long) Math.floor(xyz[3 * i] / (double) voxel),
                        (long) Math.floor(xyz[3 * i + 1] / (double) voxel), (long) Math.floor(xyz[3 * i + 2] / (double) voxel));
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
            VoxelGrid.Result result = VoxelGrid.voxelize(new PointCloud(xyz, rgb), voxel);
            PointCloud out = result.downsampled();
            assertEquals(groups.size(), out.size(), "trial " + trial);
            int v = 0;
            for (Map.Entry<Key, List<Integer>> e : groups.entrySet()) {
                List<Integer> members = e.getValue();
                double[] sum = new double[3];
                long[] colour = new long[3];
                for (int i : members) {
                    assertEquals(v, result.voxelOfPoint()[i]);
                    for (int a = 0; a < 3; a++) {
                        sum[a] += xyz[3 * i + a];
                        colour[a] += (rgb[i] >> (16 - 8 * a)) & 0xff;
                    }
                }
                assertEquals(members.size(), result.pointCounts()[v]);
                for (int a = 0; a < 3; a++) {
                    assertEquals(sum[a] / members.size(), out.xyz()[3 * v + a], CENTROID_TOLERANCE);
                    long mean = Math.round((double) colour[a] / members.size());
                    assertEquals(mean, (out.rgb()[v] >> (16 - 8 * a)) & 0xff, "channel " + a);
                }
                v++;
            }
            assertEquals(out, VoxelGrid.downsample(new PointCloud(xyz, rgb), voxel), "deterministic");
        }
    }

    @Test
    void knownAnswerWithNegativeCoordinatesAndRounding() {
        // Voxel 1 m: (-0.5, *) is in voxel -1, (0.25, *) and (0.75, *) in voxel 0.
        float[] xyz = {0.25f, 0, 0, -0.5f, 0, 0, 0.75f, 0, 0};
        int[] rgb = {0x000001, 0xffffff, 0x000002};
        VoxelGrid.Result r = VoxelGrid.voxelize(new PointCloud(xyz, rgb), 1f);
        assertArrayEquals(new float[] {-0.5f, 0, 0, 0.5f, 0, 0}, r.downsampled().xyz());
        // Mean of blue 1 and 2 is 1.5: rounded half up to 2.
        assertArrayEquals(new int[] {0xffffff, 0x000002}, r.downsampled().rgb());
        assertArrayEquals(new int[] {1, 0, 1}, r.voxelOfPoint());
        assertArrayEquals(new int[] {1, 2}, r.pointCounts());
        PointCloud noColour = VoxelGrid.downsample(new PointCloud(xyz), 1f);
        assertEquals(null, noColour.rgb());
    }

    @Test
    void outputIsOrderedByIxThenIyThenIz() {
        float[] xyz = {1.5f, 0.5f, 0.5f, 0.5f, 1.5f, 0.5f, 0.5f, 0.5f, 1.5f, 0.5f, 0.5f, 0.5f};
        PointCloud out = VoxelGrid.downsample(new PointCloud(xyz), 1f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 1.5f, 0.5f, 1.5f, 0.5f, 1.5f, 0.5f, 0.5f},
                out.xyz());
    }

    @Test
    void invalidVoxelSizesAndOverflowingGridsAreRejected() {
        PointCloud cloud = new PointCloud(new float[] {0, 0, 0, 1, 1, 1});
        for (float bad : new float[] {0f, -0.1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VoxelGrid.downsample(cloud, bad));
            assertTrue(e.getMessage().contains("Invalid voxel size: " + bad), e.getMessage());
        }
        IllegalArgumentException span = assertThrows(IllegalArgumentException.class,
                () -> VoxelGrid.downsample(new PointCloud(new float[] {0, 0, 0, 0, 3000, 0}), 0.001f));
        assertTrue(span.getMessage().contains("y spans"), span.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> VoxelGrid.downsample(new PointCloud(new float[] {3e38f, 0, 0}), Float.MIN_VALUE));
        assertTrue(huge.getMessage().contains("point 0"), huge.getMessage());
        // Far from the origin but compact: fine.
        assertEquals(1, VoxelGrid.downsample(new PointCloud(new float[] {1e6f, 1e6f, 1e6f}), 0.01f).size());
    }
}
