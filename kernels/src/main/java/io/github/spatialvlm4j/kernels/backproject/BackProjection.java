package io.github.spatialvlm4j.kernels.backproject;

import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Arrays;

/**
 * The result of back-projecting a depth map: the full cloud of valid pixels and, from the same
 * pass, the points of every instance label.
 *
 * <p>Points are in the camera frame (x right, y down, z forward), meters, in row-major pixel
 * order. {@link #pixelIndex()} maps point {@code i} back to its pixel {@code v * width + u}.
 * Immutable; arrays returned by accessors are copies unless stated otherwise.
 */
public final class BackProjection {
    private final PointCloud cloud;
    private final int[] pixelIndex;
    private final int[] labelIds;
    private final int[] labelStart;
    private final int[] labelPoints;

    /**
     * @param cloud the valid points, camera frame, meters
     * @param pixelIndex point to pixel {@code v * width + u}, length {@code cloud.size()}
     * @param labelIds ascending non-zero ids with at least one point
     * @param labelStart {@code labelPoints[labelStart[k] .. labelStart[k+1])} are the points of
     *     {@code labelIds[k]}, length {@code labelIds.length + 1}
     * @param labelPoints ascending point indices grouped by label
     */
    BackProjection(PointCloud cloud, int[] pixelIndex, int[] labelIds, int[] labelStart, int[] labelPoints) {
        this.cloud = cloud;
        this.pixelIndex = pixelIndex;
        this.labelIds = labelIds;
        this.labelStart = labelStart;
        this.labelPoints = labelPoints;
    }

    /** The valid points in row-major pixel order, camera frame, meters (shared, not copied). */
    public PointCloud cloud() {
        return cloud;
    }

    /** Point {@code i} came from pixel {@code pixelIndex()[i] = v * width + u} (a copy). */
    public int[] pixelIndex() {
        return pixelIndex.clone();
    }

    /** The ascending non-zero label ids that have at least one valid point (a copy). */
    public int[] labelIds() {
        return labelIds.clone();
    }

    /**
     * The ascending indices into {@link #cloud()} of the points labelled {@code id}.
     *
     * @throws IllegalArgumentException when {@code id} has no point (see {@link #labelIds()})
     */
    public int[] pointsOfLabel(int id) {
        int k = slot(id);
        return Arrays.copyOfRange(labelPoints, labelStart[k], labelStart[k + 1]);
    }

    /**
     * The points labelled {@code id} as a new cloud (camera frame, meters), in row-major pixel order.
     *
     * @throws IllegalArgumentException when {@code id} has no point
     */
    public PointCloud objectCloud(int id) {
        return cloud.subset(pointsOfLabel(id));
    }

    private int slot(int id) {
        int k = Arrays.binarySearch(labelIds, id);
        if (k < 0) {
            throw new IllegalArgumentException("Invalid label id: " + id + " (has no valid point; ids present: "
                    + Arrays.toString(labelIds) + ")");
        }
        return k;
    }

    @Override
    public String toString() {
        return "BackProjection[" + cloud.size() + " points, " + labelIds.length + " labels]";
    }
}
