package io.github.spatialvlm4j.spark;

import java.io.Serializable;

/**
 * A test seam inside a shard task: called at fixed points so that a test can make an attempt fail
 * where a real executor could die (before its shard is committed, or after). Production runs use
 * {@link #NONE}.
 */
@FunctionalInterface
interface TaskHook extends Serializable {

    /** Where in a task the hook is called. */
    enum Point {
        /** The shard's records are computed and its counter file written; no shard file yet. */
        BEFORE_COMMIT,
        /** The shard is committed (all files and the marker written); the task has not returned. */
        AFTER_COMMIT
    }

    /** Does nothing. */
    TaskHook NONE = (point, shard, attempt) -> { };

    /**
     * @param point where the task is
     * @param shard the task's shard
     * @param attempt the Spark attempt number (0 for the first)
     */
    void at(Point point, int shard, int attempt);
}
