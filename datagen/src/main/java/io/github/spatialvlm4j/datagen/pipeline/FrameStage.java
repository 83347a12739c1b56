package io.github.spatialvlm4j.datagen.pipeline;

/**
 * One step of the per-frame path of {@link FramePipeline}: it reads what the earlier steps left in the
 * frame's {@link FrameState}, adds its own result there, or ends the frame with a skip
 * ({@link FrameState#skip}). The pipeline runs the steps in its list, times each under its {@link Stage},
 * and stops at the first skip. A step holds only its options and shared, thread-safe helpers (the
 * kernels), never per-frame state: one instance serves every thread.
 */
@FunctionalInterface
interface FrameStage {

    /** Runs this step on one frame. */
    void run(FrameState state);
}
