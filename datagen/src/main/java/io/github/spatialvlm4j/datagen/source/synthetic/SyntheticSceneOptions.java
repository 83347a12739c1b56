package io.github.spatialvlm4j.datagen.source.synthetic;

import java.util.Objects;

/**
 * How {@link SyntheticSceneGenerator} draws scenes.
 *
 * @param width image width, pixels, in [16, 8192]
 * @param height image height, pixels, in [16, 8192]
 * @param minObjects fewest objects placed, in [1, maxObjects]; the generator re-draws a scene (a few times at
 *     most) when fewer than this many stay visible
 * @param maxObjects most objects placed, in [minObjects, {@value #MAX_OBJECTS}]
 * @param noise sensor noise applied to depth and labels (never to ground truth)
 * @param walls whether the room has a back wall and two side walls behind the objects
 * @param stackingProbability probability that an object is placed on top of a box already in the scene
 *     (when one with a large enough top is free), in [0, 1]
 * @param minVisiblePixels objects with fewer visible pixels are removed from labels, captions and ground
 *     truth, pixels, &gt;= 1
 */
public record SyntheticSceneOptions(int width, int height, int minObjects, int maxObjects, NoiseModel noise,
        boolean walls, double stackingProbability, int minVisiblePixels) {

    /** Largest accepted {@link #maxObjects}. */
    public static final int MAX_OBJECTS = 24;
    /** Smallest accepted image side, pixels. */
    public static final int MIN_SIDE = 16;
    /** Largest accepted image side, pixels. */
    public static final int MAX_SIDE = 8192;

    public SyntheticSceneOptions {
        if (width < MIN_SIDE || width > MAX_SIDE) {
            throw new IllegalArgumentException("Invalid width: " + width + " (pixels, must be in [" + MIN_SIDE + ", "
                    + MAX_SIDE + "])");
        }
        if (height < MIN_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("Invalid height: " + height + " (pixels, must be in [" + MIN_SIDE + ", "
                    + MAX_SIDE + "])");
        }
        if (maxObjects < 1 || maxObjects > MAX_OBJECTS) {
            throw new IllegalArgumentException("Invalid maxObjects: " + maxObjects + " (must be in [1, " + MAX_OBJECTS
                    + "])");
        }
        if (minObjects < 1 || minObjects > maxObjects) {
            throw new IllegalArgumentException("Invalid minObjects: " + minObjects + " (must be in [1, maxObjects = "
                    + maxObjects + "])");
        }
        Objects.requireNonNull(noise, "noise");
        if (!(stackingProbability >= 0 && stackingProbability <= 1)) {
            throw new IllegalArgumentException("Invalid stackingProbability: " + stackingProbability
                    + " (must be in [0, 1])");
        }
        if (minVisiblePixels < 1) {
            throw new IllegalArgumentException("Invalid minVisiblePixels: " + minVisiblePixels
                    + " (pixels, must be >= 1)");
        }
    }

    /** 640x480, 2-12 objects, no noise, walls on, stacking probability 0.25, 150 visible pixels at least. */
    public static SyntheticSceneOptions defaults() {
        return new SyntheticSceneOptions(640, 480, 2, 12, NoiseModel.NONE, true, 0.25, 150);
    }

    /** The same options with another image size. */
    public SyntheticSceneOptions withSize(int newWidth, int newHeight) {
        return new SyntheticSceneOptions(newWidth, newHeight, minObjects, maxObjects, noise, walls,
                stackingProbability, minVisiblePixels);
    }

    /** The same options with another object count range. */
    public SyntheticSceneOptions withObjects(int newMin, int newMax) {
        return new SyntheticSceneOptions(width, height, newMin, newMax, noise, walls, stackingProbability,
                minVisiblePixels);
    }

    /** The same options with another noise model. */
    public SyntheticSceneOptions withNoise(NoiseModel newNoise) {
        return new SyntheticSceneOptions(width, height, minObjects, maxObjects, newNoise, walls, stackingProbability,
                minVisiblePixels);
    }

    /** The same options with walls on or off. */
    public SyntheticSceneOptions withWalls(boolean newWalls) {
        return new SyntheticSceneOptions(width, height, minObjects, maxObjects, noise, newWalls, stackingProbability,
                minVisiblePixels);
    }

    /** The same options with another stacking probability. */
    public SyntheticSceneOptions withStackingProbability(double p) {
        return new SyntheticSceneOptions(width, height, minObjects, maxObjects, noise, walls, p, minVisiblePixels);
    }

    /** The same options with another visibility threshold. */
    public SyntheticSceneOptions withMinVisiblePixels(int pixels) {
        return new SyntheticSceneOptions(width, height, minObjects, maxObjects, noise, walls, stackingProbability,
                pixels);
    }
}
