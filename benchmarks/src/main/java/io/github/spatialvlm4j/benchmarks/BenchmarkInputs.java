package io.github.spatialvlm4j.benchmarks;

import io.github.spatialvlm4j.benchmarks.naive.NaiveBackProjection;
import io.github.spatialvlm4j.geometry.PointCloud;

/**
 * The inputs every benchmark draws from, with their seeds and settings in one place so that
 * the peers of one benchmark see exactly the same data.
 */
public final class BenchmarkInputs {
    /** Seed of every scene and cloud. */
    public static final long SEED = 20240117L;
    /** Depth range kept by back-projection, meters. */
    public static final float MIN_DEPTH = 0.1f;
    /** Depth range kept by back-projection, meters. */
    public static final float MAX_DEPTH = 20f;
    /** DBSCAN core threshold (neighbours within eps, the point itself included). */
    public static final int DBSCAN_MIN_POINTS = 10;
    /** Statistical outlier removal: neighbours per point. */
    public static final int SOR_K = 20;
    /** Statistical outlier removal: standard deviations above the mean still kept. */
    public static final float SOR_STD_RATIO = 2.0f;
    /** Footprint gap between the two objects of the gap benchmark, meters. */
    public static final double PAIR_GAP = 0.3;
    /** Points of the 1280x720 full frame: the DBSCAN size that is not an object cloud. */
    public static final int FULL_FRAME_720P = 1280 * 720;

    private BenchmarkInputs() {
    }

    /** Parses "WIDTHxHEIGHT", e.g. "640x480". */
    public static int[] resolution(String text) {
        String[] parts = text.split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("Invalid resolution: " + text + " (expected WIDTHxHEIGHT)");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** The seeded room scene for a {@code width x height} camera. */
    public static BenchmarkScenes.Scene scene(int width, int height) {
        return BenchmarkScenes.render(width, height, SEED);
    }

    /** Every pixel of the seeded {@code width x height} scene as one camera-frame cloud. */
    public static PointCloud fullFrame(int width, int height) {
        BenchmarkScenes.Scene s = scene(width, height);
        return NaiveBackProjection.cloud(s.depth(), s.intrinsics());
    }

    /**
     * The DBSCAN / outlier input of {@code n} points: the 1280x720 full frame when
     * {@code n == FULL_FRAME_720P}, else an object cloud of {@code n} points.
     */
    public static PointCloud cloud(int n) {
        return n == FULL_FRAME_720P ? fullFrame(1280, 720) : BenchmarkScenes.objectCloud(n, SEED);
    }
}
