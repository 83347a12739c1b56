package io.github.spatialvlm4j.geometry;

import java.util.Arrays;

/**
 * Sorts {@code long} keys into ascending signed order, exactly as {@link Arrays#sort(long[])} does (the
 * sorted array of primitives is unique), by least-significant-digit radix sort: 8-bit digits, one
 * counting pass over the keys for all eight digits, then one stable scatter pass per digit in which the
 * keys differ. Packed geometric keys (a point's cell or its sortable coordinates) share their high bytes
 * within one object, so a sort of 10^4-10^5 of them takes 4-6 scatter passes instead of the
 * comparison sort's log2(n) ~ 16 levels of unpredictable branches.
 *
 * <p>O(n) time per scatter pass, n + 2048 extra ints and longs of memory. Arrays of fewer than
 * {@value #RADIX_MIN_LENGTH} keys are sorted by {@link Arrays#sort(long[])}, which is faster there.
 */
public final class LongSort {
    /** Below this length the comparison sort is used. */
    static final int RADIX_MIN_LENGTH = 512;

    private static final int DIGITS = 8;
    private static final int RADIX = 256;

    private LongSort() {
    }

    /** Sorts {@code keys} into ascending signed order, in place. */
    public static void sort(long[] keys) {
        int n = keys.length;
        if (n < RADIX_MIN_LENGTH) {
            Arrays.sort(keys);
            return;
        }
        int[] count = new int[DIGITS * RADIX];
        for (long key : keys) {
            long k = key ^ Long.MIN_VALUE; // the sign bit flipped: unsigned order of k is signed order of key
            for (int d = 0; d < DIGITS; d++) {
                count[d * RADIX + (int) ((k >>> (8 * d)) & 0xff)]++;
            }
        }
        long[] src = keys;
        long[] dst = null;
        int[] start = new int[RADIX];
        for (int d = 0; d < DIGITS; d++) {
            int base = d * RADIX;
            int shift = 8 * d;
            int first = (int) (((src[0] ^ Long.MIN_VALUE) >>> shift) & 0xff);
            if (count[base + first] == n) {
                continue; // every key has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int b = 0; b < RADIX; b++) {
                start[b] = sum;
                sum += count[base + b];
            }
            if (dst == null) {
                dst = new long[n];
            }
            for (long key : src) {
                dst[start[(int) (((key ^ Long.MIN_VALUE) >>> shift) & 0xff)]++] = key;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != keys) {
            System.arraycopy(src, 0, keys, 0, n);
        }
    }
}
