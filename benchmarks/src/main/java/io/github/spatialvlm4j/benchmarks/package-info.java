/**
 * JMH benchmarks of the hot path: back-projection, statistical outlier removal, DBSCAN, RANSAC
 * floor fitting and the gap between two objects, each kernel against a naive single-threaded
 * reference ({@code benchmarks.naive}) and, where one exists, a library peer
 * ({@code benchmarks.peers}, Smile), in the same run so that results read as ratios; plus
 * {@link FramePathBenchmark}, the whole per-frame path without models, in frames per second.
 *
 * <p>Inputs are seeded synthetic rooms ({@link BenchmarkScenes}: a floor, a back wall and boxes
 * seen by a pinhole camera, 640x480 or 1280x720 pixels, metres, camera frame x right, y down, z
 * forward), with sizes and seeds in one place ({@link BenchmarkInputs}). {@link MedianReport} runs
 * JMH and prints the median of each benchmark's iterations as a Markdown table. See
 * docs/ARCHITECTURE.md, "Kernels".
 *
 * <p>Depends on kernels, datagen, JMH and Smile; never used by the library modules.
 */
package io.github.spatialvlm4j.benchmarks;
