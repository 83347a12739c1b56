/**
 * Frames from a folder of RGB-D data ({@link io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolderSource}):
 * {@code intrinsics.json} (pixels; {@code depth_scale} in units per metre), and per frame a colour image,
 * a 16-bit depth PNG or an organized PCD, optional instance labels with captions, a gravity hint
 * ({@link io.github.spatialvlm4j.datagen.source.rgbd.PoseFile}: {@code pose.json} or
 * {@code <id>.pose.json}) and, for the audit, ground truth ({@link
 * io.github.spatialvlm4j.datagen.source.rgbd.TruthFile}: {@code <id>.truth.json} with up, the floor and
 * oriented boxes in the camera frame, metres). The README documents the layout; a bad file is an
 * {@link java.io.IOException} naming it and the field, which the runners count as a skipped frame.
 */
package io.github.spatialvlm4j.datagen.source.rgbd;
