/**
 * The host loops under every kernel family's JVM launches: a parallel for over an index range and
 * a minimum over chunks ({@link io.github.spatialvlm4j.kernels.parallel.ParallelLoops}). A backend
 * implements them once; the families' backend interfaces build their launches on them. Nothing
 * here knows about points or frames.
 */
package io.github.spatialvlm4j.kernels.parallel;
