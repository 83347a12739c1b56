/**
 * Reading and writing the files geometry lives in: point clouds as PLY ({@link PlyFormat}) and PCD
 * ({@link PcdFormat}, with PCL's LZF compression), depth maps as 16-bit PNG ({@link DepthPng},
 * {@code metres = raw / depthScale}), instance labels as 8/16-bit PNG ({@link LabelPng}) and colour
 * images ({@link ColorImages}).
 *
 * <p>Readers are strict: a truncated file, a bad CRC, a header that disagrees with its body or an
 * image over the pixel limit ({@link ImageTooLargeException}, checked from the header before any
 * pixel is allocated) is an error naming the file and the bad value, never a partly filled result.
 * Common PNG layouts take a fast decoder ({@link PngDecoder}); everything else goes through
 * javax.imageio ({@link StrictImages}).
 *
 * <p>Writers are deterministic (the same data gives the same bytes) and whole-file atomic
 * ({@link AtomicFiles}, used by every writer of the project). {@link FileErrors} turns I/O
 * exceptions into one-line messages.
 *
 * <p>Pixels are row-major, {@code (u, v)} = (column, row); coordinates are stored as given (metres
 * in whatever frame the producer states). Depends on the geometry types and the JDK only.
 */
package io.github.spatialvlm4j.geometry.io;
