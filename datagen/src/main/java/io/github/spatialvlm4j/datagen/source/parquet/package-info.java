/**
 * Frames from Parquet tables in the Hugging Face image-dataset layout (an {@code image} struct of PNG
 * or JPEG bytes, optionally 16-bit depth PNGs with their scale, intrinsics in pixels, instance labels
 * and captions), so that image corpora and RGB-D data can travel as Parquet. Reading needs Hadoop on
 * the class path, so only the Spark runner reads them.
 */
package io.github.spatialvlm4j.datagen.source.parquet;
