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
 */
public final class FactsExtractor {
    private FactsExtractor() {
    }

    /**
     * @param cleaned the object's cleaned points, camera frame, meters, not empty
     * @param frame the up frame (floor frame, or camera-up frame when no floor was found)
     * @param occludedOutline see {@link ObjectFacts#occludedOutline()}
     */
    public static ObjectFacts objectFacts(int id, String caption, PointCloud cleaned, FloorFrame frame,
            PixelBox imageBox, float occludedOutline) {
        GravityAlignedBox box = Boxes.gravityAligned(cleaned, frame.cameraToFloor());
        Vector3f centerUp = box.center(new Vector3f());
        Vector3f center = frame.floorToCamera().transformPosition(new Vector3f(centerUp));
        return new ObjectFacts(id, caption, center, centerUp, (float) box.majorExtent(), (float) box.minorExtent(),
                (float) box.height(), (float) box.zMin(), (float) box.zMax(), cleaned.size(), imageBox, occludedOutline);
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
