package io.github.spatialvlm4j.datagen.source;

/**
 * Frames numbered across the parts of a source (a Parquet table's row groups, a WebDataset's shards):
 * which part holds a frame.
 */
public final class PartStarts {

    private PartStarts() {
    }

    /**
     * The part that holds frame {@code index}: the last {@code k < starts.length - 1} with
     * {@code starts[k] <= index}, by binary search (never an empty part, whose start equals the next one's).
     *
     * @param starts {@code starts[k]} = the first frame of part {@code k}, non-decreasing;
     *     {@code starts[parts]} = the number of frames
     * @param index a frame in {@code [0, starts[parts])}, which the caller has checked
     */
    public static int partOf(long[] starts, long index) {
        int lo = 0;
        int hi = starts.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
