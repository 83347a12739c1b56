/**
 * Where frames come from. A {@link io.github.spatialvlm4j.datagen.source.FrameSource} is a finite,
 * indexable, lazily loaded collection of frames, thread-safe; loading a frame is where bad input is
 * found (an {@code IOException} naming the file). A {@link io.github.spatialvlm4j.datagen.source.SourceSpec}
 * is the serializable recipe of a source, one record per input kind (synthetic scenes, RGB-D folders,
 * photo folders, Parquet tables), which every runner opens the same way and records the same way in
 * the manifest. The kinds live in the sub-packages. Images are RGB, pixels; depth is meters along the
 * camera's z axis (camera frame: x right, y down, z forward); see docs/ARCHITECTURE.md, "Frames and units".
 */
package io.github.spatialvlm4j.datagen.source;
