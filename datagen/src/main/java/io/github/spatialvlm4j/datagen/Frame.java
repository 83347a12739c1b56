package io.github.spatialvlm4j.datagen;

import io.github.spatialvlm4j.datagen.facts.GroundTruth;
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
 * @param truth what is known exactly about the scene, when known (synthetic scenes, RGB-D folders with
 *     ground truth): what the audit compares against
 * @param groundMask horizontal support surfaces (floor, ground, table tops), same size as the image,
 *     when segmented: a pixel is ground when its id is not {@link LabelImage#NONE}; canonicalization
 *     counts these pixels as horizontal
 * @param gravity what the data set says about gravity ({@link GravityHint#NONE} when nothing)
 * @param maskSources where the mask of each captioned instance id came from; ids without an entry
 *     are unknown
 * @param imagePng the image as the bytes of a PNG file that holds exactly its pixels (as a source read
 *     them, {@link io.github.spatialvlm4j.geometry.io.ColorImages.Decoded#png()}), which the sinks write
 *     instead of encoding the image again; empty when unknown
 */
public record Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
        Optional<LabelImage> labels, Map<Integer, String> captions, Optional<GroundTruth> truth,
        Optional<LabelImage> groundMask, GravityHint gravity, Map<Integer, MaskSource> maskSources,
        Optional<byte[]> imagePng) {

    /** A frame without the image's PNG bytes. */
    public Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions, Optional<GroundTruth> truth,
            Optional<LabelImage> groundMask, GravityHint gravity, Map<Integer, MaskSource> maskSources) {
        this(id, image, depth, intrinsics, labels, captions, truth, groundMask, gravity, maskSources, Optional.empty());
    }

    /** A frame without ground truth, ground mask or gravity, whose labels, if any, were given. */
    public Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions) {
        this(id, image, depth, intrinsics, labels, captions, Optional.empty(), Optional.empty(), GravityHint.NONE);
    }

    /**
     * A frame with exact facts of its own measured depth ({@link GroundTruth#of}), without ground mask or
     * gravity, whose labels, if any, were given ({@link MaskSource#LABELS}).
     */
    public Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions, Optional<SceneFacts> groundTruth) {
        this(id, image, depth, intrinsics, labels, captions, groundTruth, Optional.empty());
    }

    /** As the constructor above, with a ground mask. */
    public Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions, Optional<SceneFacts> groundTruth,
            Optional<LabelImage> groundMask) {
        this(id, image, depth, intrinsics, labels, captions, groundTruth.map(GroundTruth::of), groundMask,
                GravityHint.NONE);
    }

    /** A frame whose labels, if any, were given ({@link MaskSource#LABELS}). */
    public Frame(String id, RgbImage image, Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions, Optional<GroundTruth> truth,
            Optional<LabelImage> groundMask, GravityHint gravity) {
        this(id, image, depth, intrinsics, labels, captions, truth, groundMask, gravity,
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
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(gravity, "gravity");
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
        Objects.requireNonNull(imagePng, "imagePng");
        groundMask.ifPresent(g -> {
            if (g.width() != image.width() || g.height() != image.height()) {
                throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Frame " + id + ": ground mask is "
                        + g.width() + "x" + g.height() + " but the image is " + image.width() + "x" + image.height());
            }
        });
    }

    /** The true facts, when known ({@code truth().facts()}). */
    public Optional<SceneFacts> groundTruth() {
        return truth.map(GroundTruth::facts);
    }

    /**
     * This frame with perception outputs: depth, intrinsics, labels with their captions and mask
     * sources, ground mask.
     */
    public Frame withPerception(Optional<DepthMap> newDepth, Optional<CameraIntrinsics> newIntrinsics,
            Optional<LabelImage> newLabels, Map<Integer, String> newCaptions, Optional<LabelImage> newGroundMask,
            Map<Integer, MaskSource> newMaskSources) {
        return new Frame(id, image, newDepth, newIntrinsics, newLabels, newCaptions, truth, newGroundMask, gravity,
                newMaskSources, imagePng);
    }

    /** This frame with the image's PNG bytes ({@link #imagePng()}; the rest kept). */
    public Frame withImagePng(Optional<byte[]> png) {
        return new Frame(id, image, depth, intrinsics, labels, captions, truth, groundMask, gravity, maskSources, png);
    }

    /** This frame with other labels, captions and mask sources (the rest kept). */
    public Frame withLabels(Optional<LabelImage> newLabels, Map<Integer, String> newCaptions,
            Map<Integer, MaskSource> newMaskSources) {
        return new Frame(id, image, depth, intrinsics, newLabels, newCaptions, truth, groundMask, gravity,
                newMaskSources, imagePng);
    }
}
