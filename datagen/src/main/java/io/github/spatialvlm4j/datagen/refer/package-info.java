/**
 * How questions point at objects in the image rather than by caption: Set-of-Marks numbers drawn on
 * each object ({@code --refer marks}), lettered points for point-depth questions, and each object's
 * mask in COCO's run-length encoding in the output records (as SpatialRGPT's files hold them).
 *
 * <p>{@link MarkAnchors} picks where a mark goes (the mask pixel farthest from the mask's border);
 * {@link MarkedImage} draws the marks on a copy of the frame's image; {@link CocoRle} encodes and
 * decodes masks as {@code pycocotools} does (column-major runs). All positions are pixels,
 * {@code (u, v)} = (column, row), on the frame's label image.
 *
 * <p>Depends on geometry and {@code qa.ImagePoint} (and Java2D for drawing).
 */
package io.github.spatialvlm4j.datagen.refer;
