/**
 * Small runnable programs that show the API, each seeded and self-contained (a synthetic frame
 * stands in for data, so none needs a download), in the order a newcomer would read them:
 * <ol>
 *   <li>{@link BackProjectAndClean}: depth to points in the camera frame, then per-object
 *       cleaning;</li>
 *   <li>{@link FitFloor}: the floor plane and the transform from the camera frame to the floor
 *       frame;</li>
 *   <li>{@link GenerateQa}: question/answer pairs for one frame;</li>
 *   <li>{@link TornadoKernels}: the kernels on TornadoVM when present, checked against the JVM
 *       backend;</li>
 *   <li>{@link ChainOfThought}: a multi-hop question answered from single spatial facts;</li>
 *   <li>{@link RoboticsReward}: a metric distance as a dense reward over a frame sequence.</li>
 * </ol>
 *
 * <p>Units and frames as everywhere: metres; camera frame x right, y down, z forward; floor frame z
 * up; pixels row-major. See docs/ARCHITECTURE.md, "Data flow". Each class's Javadoc says how to run
 * it. Depends on geometry, kernels, vlm and datagen; nothing depends on it. Examples print, since
 * printing is what they are for.
 */
package io.github.spatialvlm4j.examples;
