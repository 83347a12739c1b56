/**
 * The kernels on TornadoVM: {@link io.github.spatialvlm4j.kernels.tornado.TornadoBackend} runs the
 * kernel families' bodies on a GPU or any OpenCL / PTX / SPIR-V device. The sub-packages mirror the
 * kernels module's families ({@code backproject}, {@code search}, {@code outliers}, {@code dbscan},
 * {@code ransac}, {@code gap}); each holds the family's {@code @Parallel} loops ({@code *Loops}) and
 * its device launches ({@code Tornado*}, an interface overriding the family's JVM launches). See
 * docs/ARCHITECTURE.md, "Kernels".
 *
 * <p>Conventions of the loops, because TornadoVM bakes a task's scalar arguments into its task
 * graph: a scalar that is part of the shape (image size, point count, cell count, k) is a plain
 * parameter and a new value means a new task graph; a scalar that changes from call to call with
 * the same shape (depth range, intrinsics, eps, thresholds, phase flags) travels in a small
 * parameter array ({@code fp} floats, {@code ip} ints, {@code dp} doubles, {@code lp} longs) copied
 * to the device on every execution.
 *
 * <p>Device-friendly decompositions where one work item per element is too coarse or would race:
 * grid rows by binary search (one work item per row x cell), RANSAC scoring as hypothesis x
 * point-block work items (partial counts reduced on the host), and k-d tree queries and the grid
 * k-nearest-neighbour search as grid-stride loops over a fixed number of slots, each slot owning
 * its slice of the search scratch (no allocation inside a kernel: {@code new float[k]} would
 * become shared local memory).
 */
package io.github.spatialvlm4j.kernels.tornado;
