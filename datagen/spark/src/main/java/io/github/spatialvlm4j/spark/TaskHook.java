package io.github.spatialvlm4j.spark;

import java.io.Serializable;

/**
 * A test seam inside a shard task: called at fixed points so that a test can make an attempt fail
 * where a real executor could die (before its shard is committed, or after), or the driver where it
 * could die (after committing a shard). Production runs use
 * {@link #NONE}.
 */
@FunctionalInterface
interface TaskHook extends Serializable {

    /** Where in a task the hook is called. */
    enum Point {
        /** The shard's records are computed and its counter file written; no shard file yet. */
        BEFORE_COMMIT,
        /**
         * The shard is committed (all files and the marker written); the task has not returned. On cluster
         * storage: the attempt's files are uploaded to its attempt path, which the driver has not committed.
         */
        AFTER_COMMIT,
        /** On the driver, cluster storage only: the driver has just committed the shard of this attempt. */
        DRIVER_COMMITTED
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
