package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.geometry.DepthMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Lift: the frame's depth made fit to measure (flying pixels and speckles removed, the ramps that depth
 * networks smear across object outlines resolved), and its pixels in the depth range grouped by label
 * ({@link LabelledPixels}; the clean stage lifts the ones it needs). A frame without depth or intrinsics is
 * skipped here.
 */
final class LiftStage implements FrameStage {
    private final LiftOptions options;
    private final Ramps ramps;

    LiftStage(LiftOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.ramps = new Ramps(options);
    }

    @Override
    public void run(FrameState s) {
        if (s.frame.depth().isEmpty()) {
            s.skip(SkipReason.NO_DEPTH, "frame " + s.frame.id()
                    + " has no depth; a metric depth model is needed (--models)");
            return;
        }
        if (s.frame.intrinsics().isEmpty()) {
            s.skip(SkipReason.NO_INTRINSICS, "frame " + s.frame.id() + " has no intrinsics");
            return;
        }
        s.intrinsics = s.frame.intrinsics().get();
        DepthMap raw = s.frame.depth().get();
        int n = raw.meters().length;
        DepthMap depth = Speckles.remove(FlyingPixels.remove(raw, options,
                s.buffers.floats(FrameBuffers.Plane.FLYING_PIXELS, n)), options,
                s.buffers.floats(FrameBuffers.Plane.SPECKLES, n));
        // Depth from a network smears every edge into a ramp: each object's outline is resolved first.
        if (s.frame.labels().isPresent() && ramps.smeared(depth, s.frame.labels().get())) {
            boolean[] continued = new boolean[n];
            s.smeared = Optional.of(raw);
            depth = ramps.resolveAll(raw, depth, s.frame.labels().get(), continued);
            s.continued = Optional.of(continued);
        }
        s.depth = depth;
        if (s.frame.labels().isPresent()) {
            s.lifted = Optional.of(LabelledPixels.of(depth, s.frame.labels().get(), options.minDepth(),
                    options.maxDepth()));
        }
    }
}
