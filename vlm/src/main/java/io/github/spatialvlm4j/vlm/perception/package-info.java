/**
 * Perception built from several models. {@link GroundSegmenter} finds the horizontal surfaces of an
 * image: Florence-2 grounds each surface phrase ("the floor", "a table top") to boxes, SAM turns
 * each box into a mask, and the union is the ground mask the canonicalize stage fits the floor
 * plane to when its share of the image is large enough.
 *
 * <p>Masks are at image resolution, in pixels, row-major. See docs/ARCHITECTURE.md, "Stages".
 * Depends on {@code vlm.florence}, {@code vlm.sam} and geometry.
 */
package io.github.spatialvlm4j.vlm.perception;
