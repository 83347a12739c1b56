package io.github.spatialvlm4j.datagen.runner;

/** Receives progress of a run, from the runner's coordinating thread. */
public interface ProgressListener {

    /** Called after each finished frame and at the end: {@code done} of {@code total} frames (resumed ones included). */
    void progress(long done, long total, long skipped, long qa, double framesPerSecond);

    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, skipped, qa, fps) -> { };
}
