package io.github.spatialvlm4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LongSort} against {@link Arrays#sort(long[])}, the reference, on keys of every shape. */
class LongSortTest {

    private static void assertSortsLikeArrays(long[] keys, String what) {
        long[] expected = keys.clone();
        Arrays.sort(expected);
        long[] actual = keys.clone();
        LongSort.sort(actual);
        assertArrayEquals(expected, actual, what);
    }

    @Test
    void sortsLikeTheComparisonSort() {
        SplittableRandom rng = new SplittableRandom(41);
        for (int n : new int[] {0, 1, 2, LongSort.RADIX_MIN_LENGTH - 1, LongSort.RADIX_MIN_LENGTH, 1000, 40_000}) {
            long[] any = new long[n];
            long[] narrow = new long[n];
            long[] fewValues = new long[n];
            long[] packedFloats = new long[n];
            for (int i = 0; i < n; i++) {
                any[i] = rng.nextLong();
                narrow[i] = -5000 + rng.nextLong(10_000);
                fewValues[i] = rng.nextInt(3) - 1;
                // Two floats of a few meters packed high and low, as footprint hulls sort them.
                packedFloats[i] = ((long) Float.floatToIntBits((float) rng.nextDouble(-3, 3)) << 32)
                        | (Float.floatToIntBits((float) rng.nextDouble(0, 4)) & 0xffffffffL);
            }
            assertSortsLikeArrays(any, "any, n = " + n);
            assertSortsLikeArrays(narrow, "narrow, n = " + n);
            assertSortsLikeArrays(fewValues, "few values, n = " + n);
            assertSortsLikeArrays(packedFloats, "packed floats, n = " + n);
        }
    }

    @Test
    void extremesSortedAndEqualKeysKept() {
        long[] keys = new long[2000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = switch (i % 5) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> 0;
                case 3 -> -1;
                default -> i;
            };
        }
        assertSortsLikeArrays(keys, "extremes");
        long[] same = new long[1000];
        Arrays.fill(same, 42);
        assertSortsLikeArrays(same, "all equal");
    }
}
