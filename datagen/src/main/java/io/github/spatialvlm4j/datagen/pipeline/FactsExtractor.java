package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.geometry.Boxes;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.GravityAlignedBox;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.Map;
import java.util.TreeMap;
import org.joml.Vector3f;

/**
 * SPEC stage 7: the facts of one object from its cleaned cloud, following the definitions of
 * {@link ObjectFacts} (gravity-aligned box in the up frame). Stateless.
 *
 * <p>Floor contact: in a canonicalized scene, an object whose lowest visible point is within
 * {@link #FLOOR_CONTACT_MAX_METERS} of the floor and within {@link #FLOOR_CONTACT_MAX_SHARE} of its
 * visible height is taken to stand on the floor, and its base is set to the floor. Objects do not
 * float, and a single view rarely sees where they touch down: a ball seen from above hides the
 * lowest 3-10 cm under its own bulge, and the audit showed its height, elevation and vertical
 * distances off by that much without this rule.
 */
public final class FactsExtractor {
    /** Largest gap between an object's lowest visible point and the floor taken as contact, meters. */
    public static final double FLOOR_CONTACT_MAX_METERS = 0.12;
    /** ... and at most this share of the object's visible height. */
    public static final double FLOOR_CONTACT_MAX_SHARE = 0.35;

    private FactsExtractor() {
    }

    /**
     * @param cleaned the object's cleaned points, camera frame, meters, not empty
     * @param frame the up frame (floor frame, or camera-up frame when no floor was found)
     * @param onFloorFrame whether {@code frame} is a real floor frame (the scene is canonicalized), so
     *     that floor contact can be inferred
     * @param occludedOutline see {@link ObjectFacts#occludedOutline()}
     */
    public static ObjectFacts objectFacts(int id, String caption, PointCloud cleaned, FloorFrame frame,
            boolean onFloorFrame, PixelBox imageBox, float occludedOutline) {
        GravityAlignedBox box = Boxes.gravityAligned(cleaned, frame.cameraToFloor());
        double bottom = box.zMin();
        double top = box.zMax();
        if (onFloorFrame && standsOnFloor(bottom, top)) {
            bottom = 0;
        }
        Vector3f centerUp = box.center(new Vector3f());
        centerUp.z = (float) (0.5 * (bottom + top));
        Vector3f center = frame.floorToCamera().transformPosition(new Vector3f(centerUp));
        return new ObjectFacts(id, caption, center, centerUp, (float) box.majorExtent(), (float) box.minorExtent(),
                (float) (top - bottom), (float) bottom, (float) top, cleaned.size(), imageBox, occludedOutline);
    }

    /** The floor-contact rule (see the class notes), heights in the floor frame, meters. */
    static boolean standsOnFloor(double bottom, double top) {
        double gap = bottom;
        return gap > 0 && gap <= FLOOR_CONTACT_MAX_METERS && gap <= FLOOR_CONTACT_MAX_SHARE * (top - bottom);
    }

    /** The pixel extent of every non-zero id of {@code labels}, in id order. One pass over the pixels. */
    public static Map<Integer, PixelBox> pixelBoxes(LabelImage labels) {
        int w = labels.width();
        int[] ids = labels.ids();
        int[] distinct = labels.distinctIds();
        Map<Integer, PixelBox> out = new TreeMap<>();
        if (distinct.length == 0) {
            return out;
        }
        // Dense slots by id rank: ranks via binary search only when ids are sparse and large.
        int maxId = distinct[distinct.length - 1];
        boolean dense = maxId <= 4 * distinct.length + 1024;
        int[] slotOfId = dense ? new int[maxId + 1] : null;
        if (dense) {
            for (int s = 0; s < distinct.length; s++) {
                slotOfId[distinct[s]] = s;
            }
        }
        int[] ext = new int[4 * distinct.length];
        for (int s = 0; s < distinct.length; s++) {
            ext[4 * s] = Integer.MAX_VALUE;
            ext[4 * s + 1] = Integer.MAX_VALUE;
        }
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id == LabelImage.NONE) {
                continue;
            }
            int s = dense ? slotOfId[id] : java.util.Arrays.binarySearch(distinct, id);
            int u = i % w;
            int v = i / w;
            int b = 4 * s;
            ext[b] = Math.min(ext[b], u);
            ext[b + 1] = Math.min(ext[b + 1], v);
            ext[b + 2] = Math.max(ext[b + 2], u + 1);
            ext[b + 3] = Math.max(ext[b + 3], v + 1);
        }
        for (int s = 0; s < distinct.length; s++) {
            out.put(distinct[s], new PixelBox(ext[4 * s], ext[4 * s + 1], ext[4 * s + 2], ext[4 * s + 3]));
        }
        return out;
    }
}
