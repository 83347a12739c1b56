package io.github.spatialvlm4j.datagen.refer;

import io.github.spatialvlm4j.geometry.LabelImage;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A binary mask in COCO's compressed run-length encoding, as {@code pycocotools.mask.encode} writes
 * it and SpatialRGPT's and COCO's annotation files hold it: {@code {"size": [height, width],
 * "counts": "..."}}.
 *
 * <p>The mask is read in column-major order (down each column, columns left to right) as alternating
 * runs of 0s and 1s, starting with a (possibly empty) run of 0s. Each run length is written as
 * characters of 6 bits ({@code '0' + bits}, ASCII 48-111): 5 bits of value per character, least
 * significant first, bit 6 set while more characters follow, the last character's bit 5 the sign;
 * from the fourth run on, the difference to the run two before is written instead (COCO's
 * {@code rleToString}). Encoding and decoding are O(pixels).
 *
 * @param height the mask height, pixels, &gt; 0
 * @param width the mask width, pixels, &gt; 0
 * @param counts the compressed run lengths
 */
public record CocoRle(int height, int width, String counts) {

    /** Largest id for which {@link #all} looks pixel ids up in a table rather than by binary search. */
    private static final int TABLE_LIMIT = 1 << 20;

    public CocoRle {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Invalid mask size " + width + "x" + height + " (must be > 0)");
        }
        Objects.requireNonNull(counts, "counts");
    }

    /** The mask of the pixels of {@code labels} whose id is {@code id}. */
    public static CocoRle of(LabelImage labels, int id) {
        return all(labels, new int[] {id}).get(id);
    }

    /**
     * The masks of the ids {@code ids} of {@code labels} (each present or not), by id: one pass over the
     * pixels in column-major order, O(pixels).
     */
    public static Map<Integer, CocoRle> all(LabelImage labels, int[] ids) {
        Objects.requireNonNull(labels, "labels");
        int w = labels.width();
        int h = labels.height();
        int[] px = labels.ids();
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        long[][] runs = new long[n][8];
        int[] runCount = new int[n];
        long[] runStart = new long[n];
        // The index in sorted of each pixel id (-1: not asked for), by table when the ids are small.
        int[] table = null;
        if (n > 0 && sorted[0] >= 0 && sorted[n - 1] <= TABLE_LIMIT) {
            table = new int[sorted[n - 1] + 1];
            Arrays.fill(table, -1);
            for (int id : sorted) {
                table[id] = Arrays.binarySearch(sorted, id);
            }
        }
        // At most one id is inside a run at a time (the previous pixel's): only a change of id between
        // consecutive pixels closes a run (of the id left) and opens one (of the id entered).
        int previous = -1;
        for (int u = 0; u < w; u++) {
            for (int v = 0; v < h; v++) {
                int id = px[v * w + u];
                int s = table != null ? (id < table.length ? table[id] : -1) : Arrays.binarySearch(sorted, id);
                s = Math.max(s, -1);
                if (s != previous) {
                    long pos = (long) u * h + v;
                    if (previous >= 0) {
                        runs[previous] = push(runs[previous], runCount[previous]++, pos - runStart[previous]);
                        runStart[previous] = pos;
                    }
                    if (s >= 0) {
                        runs[s] = push(runs[s], runCount[s]++, pos - runStart[s]);
                        runStart[s] = pos;
                    }
                    previous = s;
                }
            }
        }
        Map<Integer, CocoRle> out = new TreeMap<>();
        long total = (long) w * h;
        for (int k = 0; k < n; k++) {
            runs[k] = push(runs[k], runCount[k]++, total - runStart[k]);
            out.put(sorted[k], new CocoRle(h, w, compress(runs[k], runCount[k])));
        }
        return out;
    }

    private static long[] push(long[] a, int at, long value) {
        long[] out = at == a.length ? Arrays.copyOf(a, 2 * a.length) : a;
        out[at] = value;
        return out;
    }

    /** COCO's string form of run lengths {@code cnts[0..m)}. */
    static String compress(long[] cnts, int m) {
        StringBuilder sb = new StringBuilder(m * 2);
        for (int i = 0; i < m; i++) {
            long x = cnts[i];
            if (i > 2) {
                x -= cnts[i - 2];
            }
            boolean more = true;
            while (more) {
                long c = x & 0x1f;
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                sb.append((char) (c + 48));
            }
        }
        return sb.toString();
    }

    /** The run lengths of {@link #counts()}, 0s first. */
    public long[] runs() {
        long[] cnts = new long[Math.max(1, counts.length())];
        int m = 0;
        int p = 0;
        while (p < counts.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= counts.length()) {
                    throw new IllegalArgumentException("Truncated RLE counts: '" + counts + "'");
                }
                long c = counts.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new IllegalArgumentException("Invalid RLE character '" + counts.charAt(p) + "' at " + p);
                }
                x |= (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += cnts[m - 2];
            }
            cnts[m++] = x;
        }
        return Arrays.copyOf(cnts, m);
    }

    /**
     * The mask, row-major ({@code mask[v * width + u]}), as COCO decodes it.
     *
     * @throws IllegalArgumentException when the runs do not add up to {@code width * height} or one is negative
     */
    public boolean[] decode() {
        boolean[] mask = new boolean[width * height];
        long pos = 0;
        boolean value = false;
        for (long run : runs()) {
            if (run < 0 || pos + run > (long) width * height) {
                throw new IllegalArgumentException("Invalid RLE run " + run + " at pixel " + pos + " of a " + width + "x"
                        + height + " mask");
            }
            if (value) {
                for (long i = pos; i < pos + run; i++) {
                    int u = (int) (i / height);
                    int v = (int) (i % height);
                    mask[v * width + u] = true;
                }
            }
            pos += run;
            value = !value;
        }
        if (pos != (long) width * height) {
            throw new IllegalArgumentException("RLE runs cover " + pos + " pixels, the mask has " + (long) width * height);
        }
        return mask;
    }

    /** The number of pixels in the mask. */
    public long area() {
        long[] r = runs();
        long a = 0;
        for (int i = 1; i < r.length; i += 2) {
            a += r[i];
        }
        return a;
    }
}
