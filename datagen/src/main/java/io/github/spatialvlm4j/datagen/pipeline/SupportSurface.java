package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Objects;

/**
 * A horizontal surface that objects stand on (the floor), in the camera frame, and the band above it in
 * which an object's points are taken to be the surface itself. Masks bleed onto the surface around an
 * object's base (seen at a grazing angle, one pixel of floor is several centimetres of depth), so the
 * object's footprint would grow towards the camera by as much; those points lie on the surface, the
 * object's own points above it. The object's lowest visible centimetres go with them; the floor-contact
 * rule of {@link FactsExtractor} restores its base. Immutable.
 *
 * @param plane the surface, camera frame, normal pointing up (signed distance = height above it)
 * @param band points less than this high above the surface (or below it) belong to it, meters, &gt; 0
 */
public record SupportSurface(Plane plane, double band) {
    public SupportSurface {
        Objects.requireNonNull(plane, "plane");
        if (!(band > 0) || !Double.isFinite(band)) {
            throw new IllegalArgumentException("Invalid support band: " + band + " m (must be finite and > 0)");
        }
    }

    /**
     * The ascending indices of the points of {@code object} at least {@link #band()} above the surface;
     * every index when fewer than {@code minKeptShare} of its points are (a flat object lying on the
     * surface keeps its points; {@link CleanupOptions#supportMinKeptShare()}). O(n).
     */
    public int[] pointsAbove(PointCloud object, double minKeptShare) {
        float[] p = object.xyz();
        int n = object.size();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (!inBand(p, i)) {
                kept++;
            }
        }
        boolean all = kept == n || kept < minKeptShare * n;
        int[] keep = new int[all ? n : kept];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (all || !inBand(p, i)) {
                keep[k++] = i;
            }
        }
        return keep;
    }

    /**
     * Whether point {@code i} of the interleaved camera-frame coordinates {@code xyz} belongs to the surface:
     * less than {@link #band()} above it, or below it.
     */
    public boolean inBand(float[] xyz, int i) {
        return plane.signedDistance(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]) < band;
    }
}
