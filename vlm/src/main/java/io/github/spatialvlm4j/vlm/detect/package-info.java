/**
 * Single-stage object detectors with a fixed class list (YOLOX, Ultralytics YOLO; COCO classes): an
 * alternative region source to Florence-2 when free-form captions are not needed.
 *
 * <p>{@link ObjectDetector} is the entry point: it reads a detector export and its
 * {@code config.json} ({@link DetectorConfig}, {@link DetectorFamily}), letterboxes the image
 * ({@link Letterbox}), decodes the prediction tensor ({@link YoloDecoding}) and applies class-aware
 * non-maximum suppression ({@link Nms}). The result is a list of {@link Detection}s: a box in
 * source image pixels (edge coordinates, x right, y down), a class name and a score, plus an
 * instance mask for segmentation exports. Boxes without masks can be turned into masks with SAM
 * ({@code vlm.sam}) or from depth ({@code geometry.BoxDepthMasks}).
 *
 * <p>See docs/ARCHITECTURE.md, "Models". Depends on geometry, {@code vlm.model}, {@code vlm.image}
 * and {@code vlm.florence.RegionBox}.
 */
package io.github.spatialvlm4j.vlm.detect;
