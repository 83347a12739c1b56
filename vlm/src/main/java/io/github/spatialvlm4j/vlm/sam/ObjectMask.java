package io.github.spatialvlm4j.vlm.sam;

import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;

import java.util.List;

/**
 * A binary object mask at image resolution: {@code inside[v * width + u]} for column
 * {@code u}, row {@code v}, with the model's confidence in it.
 *
 * @param score the model's predicted mask quality (SAM's IoU estimate), higher is better
 */
public record ObjectMask(int width, int height, boolean[] inside, double score) {
    public ObjectMask {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Invalid mask size: " + width + "x" + height + " (pixels, must be > 0)");
        }
        if (inside.length != (long) width * height) {
            throw new ShapeMismatchException("Mask has " + inside.length + " pixels but is " + width + "x" + height);
        }
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("Mask score is NaN");
        }
    }

    /** Number of pixels inside. O(pixels). */
    public int area() {
        int n = 0;
        for (boolean b : inside) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /**
     * Instance labels from masks of one image: mask {@code i} gets id {@code i + 1}; a pixel in
     * several masks goes to the one with the highest score (the earlier one on ties).
     * O(masks x pixels).
     *
     * @throws ShapeMismatchException when the masks differ in size
     */
    public static LabelImage toLabels(List<ObjectMask> masks, int width, int height) {
        int[] ids = new int[width * height];
        double[] best = new double[width * height];
        for (int i = 0; i < masks.size(); i++) {
            ObjectMask m = masks.get(i);
            if (m.width != width || m.height != height) {
                throw new ShapeMismatchException("Mask " + i + " is " + m.width + "x" + m.height + " but the image is "
                        + width + "x" + height);
            }
            for (int p = 0; p < ids.length; p++) {
                if (m.inside[p] && (ids[p] == LabelImage.NONE || m.score > best[p])) {
                    ids[p] = i + 1;
                    best[p] = m.score;
                }
            }
        }
        return new LabelImage(width, height, ids);
    }
}
