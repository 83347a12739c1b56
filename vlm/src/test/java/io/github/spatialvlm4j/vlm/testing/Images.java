package io.github.spatialvlm4j.vlm.testing;

import io.github.spatialvlm4j.geometry.RgbImage;

/** Test images. */
public final class Images {
    private Images() {
    }

    /** A {@code w x h} image of one colour {@code 0xRRGGBB}. */
    public static RgbImage solid(int w, int h, int rgb) {
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, rgb);
        return new RgbImage(w, h, px);
    }
}
