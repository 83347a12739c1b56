package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.kernels.Kernels;
import java.util.Optional;

/**
 * Canonicalize: up and the floor of the frame ({@link Canonicalizer}), from its lifted depth, its ground
 * mask, its object masks and the data set's gravity. Runs for a frame without object masks too, so that
 * the audit can check its floor.
 */
final class CanonicalizeStage implements FrameStage {
    private final Canonicalizer canonicalizer;

    CanonicalizeStage(Kernels kernels, CanonicalizeOptions options) {
        this.canonicalizer = new Canonicalizer(kernels, options);
    }

    @Override
    public void run(FrameState s) {
        s.orientation = Optional.of(canonicalizer.canonicalize(s.depth, s.intrinsics, s.frame.groundMask(),
                s.frame.labels(), s.frame.gravity(), s.frameSeed));
    }
}
