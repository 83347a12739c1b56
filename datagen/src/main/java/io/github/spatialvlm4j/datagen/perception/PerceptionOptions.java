package io.github.spatialvlm4j.datagen.perception;

import io.github.spatialvlm4j.geometry.BoxDepthMasks;
import io.github.spatialvlm4j.vlm.clip.FilterPrompts;
import io.github.spatialvlm4j.vlm.florence.Florence2;
import java.util.Objects;

/**
 * How the perception models are used (filter, regions and captions, masks, depth, and the ground
 * mask; docs/ARCHITECTURE.md, "Data flow").
 *
 * @param filterPrompts the semantic filter's prompts (used when a CLIP/SigLIP model is present)
 * @param regionTask the Florence-2 task that proposes regions: {@link Florence2.Task#DENSE_REGION_CAPTION}
 *     (free-form captions, the default) or {@link Florence2.Task#OBJECT_DETECTION} (category names)
 * @param nmsIou boxes overlapping an earlier box by at least this IoU are dropped, in (0, 1] (0.7)
 * @param maxCaptionWords captions are cut to at most this many words, >= 1 (6)
 * @param maxObjects at most this many regions per image are masked, in generation order, >= 1 (32)
 * @param defaultHorizontalFovDegrees horizontal field of view assumed when neither the frame nor the
 *     depth model gives intrinsics, degrees in (0, 180) (60: the field of view of Hypersim, Depth
 *     Anything V2 Metric indoor's training data, and close to a phone's main camera, about 65-70)
 * @param groundMask whether to segment horizontal surfaces (Florence-2 grounding + SAM) for floor fitting
 * @param minGroundShare a ground mask is attached to the frame only when at least this share of the
 *     image's pixels is ground, in [0, 1] (0.05)
 * @param colorWords whether a detector's class names get a colour word read from the object's pixels
 *     ("white cup", see {@link ColorWords}) (true)
 * @param boxMasks the box-and-depth mask rule, used when boxes come without masks and no SAM is present
 */
public record PerceptionOptions(FilterPrompts filterPrompts, Florence2.Task regionTask, double nmsIou,
        int maxCaptionWords, int maxObjects, double defaultHorizontalFovDegrees, boolean groundMask,
        double minGroundShare, boolean colorWords, BoxDepthMasks.Options boxMasks) {

    public PerceptionOptions {
        Objects.requireNonNull(filterPrompts, "filterPrompts");
        if (regionTask != Florence2.Task.DENSE_REGION_CAPTION && regionTask != Florence2.Task.OBJECT_DETECTION) {
            throw new IllegalArgumentException("Invalid region task: " + regionTask
                    + " (expected DENSE_REGION_CAPTION or OBJECT_DETECTION)");
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("Invalid nmsIou: " + nmsIou + " (must be in (0, 1])");
        }
        if (maxCaptionWords < 1) {
            throw new IllegalArgumentException("Invalid maxCaptionWords: " + maxCaptionWords + " (must be >= 1)");
        }
        if (maxObjects < 1) {
            throw new IllegalArgumentException("Invalid maxObjects: " + maxObjects + " (must be >= 1)");
        }
        if (!(defaultHorizontalFovDegrees > 0 && defaultHorizontalFovDegrees < 180)) {
            throw new IllegalArgumentException("Invalid defaultHorizontalFovDegrees: " + defaultHorizontalFovDegrees
                    + " (degrees, must be in (0, 180))");
        }
        if (!(minGroundShare >= 0 && minGroundShare <= 1)) {
            throw new IllegalArgumentException("Invalid minGroundShare: " + minGroundShare + " (must be in [0, 1])");
        }
        Objects.requireNonNull(boxMasks, "boxMasks");
    }

    /** The defaults listed on the record. */
    public static PerceptionOptions defaults() {
        return new PerceptionOptions(FilterPrompts.spatialVlm(), Florence2.Task.DENSE_REGION_CAPTION, 0.7, 6, 32, 60,
                true, 0.05, true, BoxDepthMasks.Options.defaults());
    }

    /** These options with the ground mask on or off. */
    public PerceptionOptions withGroundMask(boolean on) {
        return new PerceptionOptions(filterPrompts, regionTask, nmsIou, maxCaptionWords, maxObjects,
                defaultHorizontalFovDegrees, on, minGroundShare, colorWords, boxMasks);
    }

    /** These options with another region task. */
    public PerceptionOptions withRegionTask(Florence2.Task task) {
        return new PerceptionOptions(filterPrompts, task, nmsIou, maxCaptionWords, maxObjects,
                defaultHorizontalFovDegrees, groundMask, minGroundShare, colorWords, boxMasks);
    }

    /** These options with other filter prompts. */
    public PerceptionOptions withFilterPrompts(FilterPrompts prompts) {
        return new PerceptionOptions(prompts, regionTask, nmsIou, maxCaptionWords, maxObjects,
                defaultHorizontalFovDegrees, groundMask, minGroundShare, colorWords, boxMasks);
    }

    /** These options with colour words on or off. */
    public PerceptionOptions withColorWords(boolean on) {
        return new PerceptionOptions(filterPrompts, regionTask, nmsIou, maxCaptionWords, maxObjects,
                defaultHorizontalFovDegrees, groundMask, minGroundShare, on, boxMasks);
    }
}
