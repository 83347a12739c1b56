package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link FrameStage}s of {@link FramePipeline} know about one frame so far, filled in stage by
 * stage in the order of the pipeline's list (the field comments name the stage that sets each field).
 * Clouds are in the camera frame (x right, y down, z forward), meters. One instance per frame, used by
 * one thread at a time.
 */
final class FrameState {

    /**
     * One object that survived cleaning.
     *
     * @param id its instance id in the frame's labels
     * @param cloud its cleaned points, re-lifted from smoothed depth (camera frame, meters)
     * @param pointNoise per point, the standard deviation of its depth error along its ray, meters
     * @param floor the floor under it, when the frame has a floor
     */
    record CleanObject(int id, PointCloud cloud, float[] pointNoise, Optional<SupportSurface> floor) {
    }

    /** The frame as loaded (and perceived). */
    final Frame frame;
    /** The frame's seed ({@link io.github.spatialvlm4j.datagen.Seeds#frameSeed}). */
    final long frameSeed;
    /** The scratch planes of the worker that runs the frame; nothing in the result may hold one. */
    final FrameBuffers buffers;

    /** Lift: the depth with flying pixels, speckles and smeared edges resolved, meters. */
    DepthMap depth;
    /**
     * Lift: on a frame whose edges were smeared ({@link Ramps}), which pixels took their object's surface
     * continued from inside (row-major over the image); empty on sharp frames.
     */
    Optional<boolean[]> continued = Optional.empty();
    /**
     * Lift: on a frame whose edges were smeared ({@link Ramps}), its depth as given, before any cleaning, meters;
     * empty on sharp frames.
     */
    Optional<DepthMap> smeared = Optional.empty();
    /** Lift: the camera. */
    CameraIntrinsics intrinsics;
    /** Lift: the pixels in the lifted depth range, by label; empty for a frame without object masks. */
    Optional<LabelledPixels> lifted = Optional.empty();
    /** Canonicalize: up and the floor. */
    Optional<Canonicalizer.Result> orientation = Optional.empty();
    /** Clean: the cleaned objects, in label order. */
    final List<CleanObject> cleaned = new ArrayList<>();
    /** Facts: the measured scene, before ambiguity removal; its objects are {@link #cleaned}'s, same order. */
    Optional<SceneFacts> measured = Optional.empty();
    /** Disambiguate: the scene after ambiguity removal, and the cloud of each of its objects, same order. */
    Optional<SceneFacts> facts = Optional.empty();
    /** Disambiguate: see {@link #facts}. */
    List<PointCloud> clouds = List.of();
    /** Synthesize: the question/answer pairs. */
    List<QaPair> qa = List.of();

    private Optional<SkipReason> skip = Optional.empty();
    private String detail = "";

    FrameState(Frame frame, long frameSeed, FrameBuffers buffers) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.frameSeed = frameSeed;
        this.buffers = Objects.requireNonNull(buffers, "buffers");
    }

    /** Ends the frame: no later stage runs, and the frame gives no record. */
    void skip(SkipReason reason, String why) {
        skip = Optional.of(reason);
        detail = why;
    }

    boolean skipped() {
        return skip.isPresent();
    }

    /** What the pipeline gives for the frame once its stages have run (or one of them skipped it). */
    FramePipeline.Result result(StageTimes times) {
        String note = skip.isPresent() ? detail : orientation.map(Canonicalizer.Result::detail).orElse("");
        if (skip.isPresent()) {
            return new FramePipeline.Result(frame.id(), Optional.empty(), List.of(), skip, note, List.of(),
                    orientation, times);
        }
        if (facts.isPresent()) {
            return new FramePipeline.Result(frame.id(), facts, qa, skip, note, clouds, orientation, times);
        }
        List<PointCloud> measuredClouds = cleaned.stream().map(CleanObject::cloud).toList();
        return new FramePipeline.Result(frame.id(), measured, qa, skip, note, measuredClouds, orientation, times);
    }
}
