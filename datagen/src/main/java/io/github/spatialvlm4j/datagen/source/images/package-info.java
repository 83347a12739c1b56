/**
 * Frames from a folder of plain photos ({@link io.github.spatialvlm4j.datagen.source.images.ImageFolderSource}):
 * colour only, so every photo needs perception (a depth model, and regions and masks) before the
 * per-frame path can measure it. Decoding is strict and bounded in pixels; an 8-bit RGB PNG keeps its
 * bytes for the output. See docs/ARCHITECTURE.md, "Data flow".
 */
package io.github.spatialvlm4j.datagen.source.images;
