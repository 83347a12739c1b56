/**
 * The hot path of the pipeline as data-parallel kernels, one package per algorithm family:
 * {@code backproject} (depth to camera-frame points), {@code outliers} (statistical outlier
 * removal), {@code dbscan} (clustering), {@code ransac} (plane fitting) and {@code gap} (pairwise
 * facts and closest-surface gaps), over the shared search structures of {@code search} (uniform
 * grid, k-d tree) and the host loops of {@code parallel}. See docs/ARCHITECTURE.md, "Kernels".
 *
 * <p><b>Entry point.</b> {@link io.github.spatialvlm4j.kernels.Kernels} validates inputs and routes
 * each call to its family's host operation ({@code BackProjectionKernel}, {@code OutlierKernel},
 * {@code DbscanKernel}, {@code RansacKernel}, {@code GapKernel}), which allocates outputs and
 * launches the family's bodies on one {@link io.github.spatialvlm4j.kernels.KernelBackend}, chosen
 * once ({@code -Dspatialvlm4j.backend=auto|jvm|tornadovm}). Backends are found with
 * {@link java.util.ServiceLoader} through {@link io.github.spatialvlm4j.kernels.KernelBackendProvider};
 * {@link io.github.spatialvlm4j.kernels.JvmBackend} is always present.
 *
 * <p><b>A family</b> is a package holding three things: its host operation ({@code *Kernel}), its
 * bodies ({@code *Bodies}) and its backend interface ({@code *Backend}), whose default methods are
 * the JVM launches of the bodies over {@link io.github.spatialvlm4j.kernels.parallel.ParallelLoops}.
 * {@link io.github.spatialvlm4j.kernels.KernelBackend} extends every family's backend interface; a
 * device backend (the TornadoVM module) overrides the launches it compiles.
 *
 * <p><b>The kernel subset.</b> Every method of a {@code *Bodies} class is written in the subset of
 * Java that TornadoVM compiles, so that a {@code @Parallel} loop in another module can call it
 * unchanged:
 * <ul>
 *   <li>{@code public static} methods; arguments are primitive scalars and primitive arrays only
 *       ({@code float[]}, {@code int[]}, {@code long[]}); outputs are written into arrays passed in;</li>
 *   <li>no allocation ({@code new}), no objects, no strings, no boxing, no lambdas;</li>
 *   <li>no exceptions thrown or caught: every check happens in the facade before launch, so a
 *       body may assume valid sizes and finite coordinates;</li>
 *   <li>no recursion (tree traversals use explicit stacks in caller-provided scratch arrays);</li>
 *   <li>only {@code Math.sqrt}, {@code Math.abs}, {@code Math.min}, {@code Math.max},
 *       {@code Math.floor}; float results of {@code Math.sqrt} are cast back to float (a device
 *       backend may prefer its float square root); one body,
 *       {@link io.github.spatialvlm4j.kernels.ransac.RansacBodies#ransacCountBlock}, reads a sign bit
 *       with {@code Float.floatToRawIntBits} because C2 vectorises that and not a comparison; a
 *       backend that cannot compile it counts with
 *       {@link io.github.spatialvlm4j.kernels.ransac.RansacBodies#planeInlier}, the identical test;</li>
 *   <li>one call computes one element (a pixel row, a point, a grid cell, a hypothesis) given its
 *       index; distinct elements write disjoint output slots, so no atomics are needed.</li>
 * </ul>
 * Scratch memory a body needs (a k-nearest buffer, a traversal stack) is passed in with an offset,
 * so the JVM backend hands each worker its own small buffer while a device launch can give each
 * work item a slice of one large array.
 *
 * <p><b>Determinism.</b> Results are identical for every backend and every parallelism: random
 * samples are drawn before any parallel work, bodies write disjoint slots, and reductions run in
 * a fixed order.
 */
package io.github.spatialvlm4j.kernels;
