package io.github.spatialvlm4j.datagen;

import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One input item of the pipeline, as a source delivers it. What a source does not know is
 * empty and is filled in by the perception stages (depth model, detector) when models are
 * configured.
 *
 * @param id a stable id, unique within the run; the per-frame random seed is derived from it
 * @param image the colour image
 * @param depth metric depth, same size as the image, when known (sensor or synthetic)
 * @param intrinsics pinhole intrinsics for the image, when known
 * @param labels instance labels, same size as the image, when known
 * @param captions a caption per instance id present in {@code labels}
 * @param groundTruth exact facts about the scene, when known (synthetic scenes): what the audit compares against
 * @param groundMask horizontal support surfaces (floor, ground, table tops), same size as the image,
 *     when segmented: a pixel is ground when its id is not {@link LabelImage#NONE}. Canonicalization
 *     fits the floor to these pixels first (SPEC stage 5).
 * @param maskSources where the mask of each captioned instance id came from; ids without an entry
 *     are unknown
 */
public record Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
        Optional<LabelImage> labels, Map<Integer, String> captions, Optional<SceneFacts> groundTruth,
        Optional<LabelImage> groundMask, Map<Integer, MaskSource> maskSources) {

    /** A frame without a ground mask whose labels, if any, were given ({@link MaskSource#LABELS}). */
    public Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions, Optional<SceneFacts> groundTruth) {
        this(id, image, depth, intrinsics, labels, captions, groundTruth, Optional.empty());
    }

    /** A frame whose labels, if any, were given ({@link MaskSource#LABELS}). */
    public Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions, Optional<SceneFacts> groundTruth,
            Optional<LabelImage> groundMask) {
        this(id, image, depth, intrinsics, labels, captions, groundTruth, groundMask,
                labels.isPresent() ? given(captions) : Map.of());
    }

    private static Map<Integer, MaskSource> given(Map<Integer, String> captions) {
        Map<Integer, MaskSource> out = new java.util.TreeMap<>();
        captions.keySet().forEach(k -> out.put(k, MaskSource.LABELS));
        return out;
    }

    public Frame {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(intrinsics, "intrinsics");
        Objects.requireNonNull(labels, "labels");
        captions = Map.copyOf(captions);
        Objects.requireNonNull(groundTruth, "groundTruth");
        depth.ifPresent(d -> {
            if (d.width() != image.width() || d.height() != image.height()) {
                throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Frame " + id + ": depth is "
                        + d.width() + "x" + d.height() + " but the image is " + image.width() + "x" + image.height());
            }
        });
        labels.ifPresent(l -> {
            if (l.width() != image.width() || l.height() != image.height()) {
                throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Frame " + id + ": labels are "
                        + l.width() + "x" + l.height() + " but the image is " + image.width() + "x" + image.height());
            }
        });
        intrinsics.ifPresent(k -> k.requireImageSize(image.width(), image.height(), "Frame " + id + " image"));
        Objects.requireNonNull(groundMask, "groundMask");
        maskSources = Map.copyOf(maskSources);
        groundMask.ifPresent(g -> {
            if (g.width() != image.width() || g.height() != image.height()) {
                throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Frame " + id + ": ground mask is "
                        + g.width() + "x" + g.height() + " but the image is " + image.width() + "x" + image.height());
            }
        });
    }

    /**
     * This frame with perception outputs: depth, intrinsics, labels with their captions and mask
     * sources, ground mask.
     */
    public Frame withPerception(Optional<DepthMap> newDepth, Optional<CameraIntrinsics> newIntrinsics,
            Optional<LabelImage> newLabels, Map<Integer, String> newCaptions, Optional<LabelImage> newGroundMask,
            Map<Integer, MaskSource> newMaskSources) {
        return new Frame(id, image, newDepth, newIntrinsics, newLabels, newCaptions, groundTruth, newGroundMask,
                newMaskSources);
    }
}
