package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.RobustStats;
import java.util.Objects;
import org.joml.Matrix4fc;

/**
 * The floor around each object: the floor plane found for the frame, and the floor points near the
 * object, which say where the floor really is under it and how noisy it is there.
 *
 * <p>A plane fitted to a whole room is only right on average. Depth from a monocular network is warped
 * by a few percent (12 cm at 4 m); even sensor depth bends at the image corners. An object's base is
 * where the floor is next to it, not where the average plane passes; and the floor's noise at the
 * object's distance, not at the camera's feet, says which of the object's lowest points are floor. So
 * for each object the floor points within {@link CleanupOptions#floorNearMeters()} (horizontally) of its
 * footprint give the local floor: the plane shifted to their median height, and a band of
 * {@link CleanupOptions#floorBandSigmas()} robust standard deviations of their heights (at least
 * {@link CleanupOptions#floorMinBandMeters()}). With too few floor points nearby the global plane and the
 * global band are used. Immutable; O(floor points) per object.
 */
public final class FloorSupport {

    private final CleanupOptions options;
    private final Plane plane;
    private final Matrix4fc cameraToFloor;
    /** Floor points: x, y (floor frame) and height above the plane, interleaved. */
    private final double[] floor;
    private final int count;
    private final double globalBand;

    /**
     * @param frame the floor frame of {@code plane}
     * @param plane the floor, camera frame, normal up
     * @param background the points on no object, camera frame, meters (a sample is enough)
     * @param options the floor slab, nearness and band thresholds
     */
    public FloorSupport(FloorFrame frame, Plane plane, PointCloud background, CleanupOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.plane = Objects.requireNonNull(plane, "plane");
        this.cameraToFloor = Objects.requireNonNull(frame, "frame").cameraToFloor();
        float[] p = background.xyz();
        int n = background.size();
        double[] pts = new double[3 * n];
        double[] heights = new double[n];
        int k = 0;
        org.joml.Vector3f q = new org.joml.Vector3f();
        for (int i = 0; i < n; i++) {
            double h = plane.signedDistance(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            if (Math.abs(h) <= options.floorSlabMeters()) {
                cameraToFloor.transformPosition(q.set(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
                pts[3 * k] = q.x;
                pts[3 * k + 1] = q.y;
                pts[3 * k + 2] = h;
                heights[k] = h;
                k++;
            }
        }
        this.floor = pts;
        this.count = k;
        this.globalBand = band(heights, k, 0);
    }

    /** The floor plane, camera frame, normal up. */
    public Plane plane() {
        return plane;
    }

    /** The floor band over the whole frame, meters. */
    public double globalBand() {
        return globalBand;
    }

    /**
     * The floor under {@code object} (raw points, camera frame): the plane moved to the median height of
     * the floor points near its footprint, with the band of their spread; the global plane and band when
     * fewer than {@link CleanupOptions#floorMinNearPoints()} floor points are near.
     */
    public SupportSurface near(PointCloud object) {
        float[] p = object.xyz();
        int n = object.size();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        org.joml.Vector3f q = new org.joml.Vector3f();
        int[] sample = PointCloud.strideIndices(n, 1024);
        for (int i : sample) {
            cameraToFloor.transformPosition(q.set(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
            minX = Math.min(minX, q.x);
            maxX = Math.max(maxX, q.x);
            minY = Math.min(minY, q.y);
            maxY = Math.max(maxY, q.y);
        }
        double[] heights = new double[count];
        int k = 0;
        for (int i = 0; i < count; i++) {
            double x = floor[3 * i];
            double y = floor[3 * i + 1];
            double dx = Math.max(0, Math.max(minX - x, x - maxX));
            double dy = Math.max(0, Math.max(minY - y, y - maxY));
            if (dx * dx + dy * dy <= options.floorNearMeters() * options.floorNearMeters()) {
                heights[k++] = floor[3 * i + 2];
            }
        }
        if (k < options.floorMinNearPoints()) {
            return new SupportSurface(plane, globalBand);
        }
        double level = RobustStats.median(heights, k);
        return new SupportSurface(new Plane(plane.nx(), plane.ny(), plane.nz(), plane.d() - level),
                band(heights, k, level));
    }

    private double band(double[] heights, int n, double center) {
        if (n < 10) {
            return options.floorMinBandMeters();
        }
        double sigma = RobustStats.MAD_TO_SIGMA * RobustStats.mad(heights, n, center);
        return Math.max(options.floorMinBandMeters(), options.floorBandSigmas() * sigma);
    }
}
