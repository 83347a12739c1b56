/**
 * The value types of 3D geometry and the small stateless operations on them; everything above
 * (kernels, models, the data engine) builds on these.
 *
 * <p><b>Types.</b> Images are flat row-major arrays, pixel {@code (u, v)} = (column, row) at index
 * {@code v * width + u}: {@link DepthMap} (z in metres, 0 = no measurement), {@link LabelImage}
 * (instance ids, 0 = no object), {@link RgbImage} ({@code 0xRRGGBB}). Point clouds are
 * {@code float[] xyz} of length 3n: {@link PointCloud} and {@link OrganizedPointCloud} (NaN = no
 * return). Shapes: {@link Plane}, {@link AxisAlignedBox}, {@link OrientedBox},
 * {@link GravityAlignedBox}.
 *
 * <p><b>Frames and units.</b> Lengths are metres, image coordinates pixels. The camera frame is x
 * right, y down, z forward; {@link CameraIntrinsics} (in pixels) maps between it and the image.
 * {@link FloorFrame} is the floor frame: z up (height above the floor), x forward along the floor,
 * origin under the camera. A type that may hold either says so. See docs/ARCHITECTURE.md, "Frames
 * and units".
 *
 * <p><b>Operations.</b> {@link Boxes} (PCA and upright boxes), {@link Planes}, {@link VoxelGrid},
 * {@link RobustStats}, {@link BoxDepthMasks} (object masks from boxes and depth). Size
 * disagreements throw {@link ShapeMismatchException}; a fit that finds nothing returns a status
 * ({@link PlaneFit}).
 *
 * <p><b>Depends on</b> JOML (vectors and matrices) and EJML (eigen decomposition) only.
 */
package io.github.spatialvlm4j.geometry;
