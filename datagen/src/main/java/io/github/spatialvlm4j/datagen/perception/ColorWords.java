package io.github.spatialvlm4j.datagen.perception;

import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import java.util.Optional;

/**
 * A colour word for an object, read from its pixels, so that a detector's class name becomes a
 * caption a person would say ("white cup"). Each pixel is named in HSV space (value below 0.2:
 * black; saturation below 0.15: white above value 0.8, else gray; otherwise by hue: red, orange,
 * or brown when dark, yellow, green, cyan, blue, purple, pink); the object gets the word that at
 * least {@value #MIN_SHARE} of its pixels share, and none when no word is that clear (a striped
 * shirt, a patterned mug). The names are the synthetic scenes' palette words. Stateless.
 */
public final class ColorWords {
    /** Share of an object's pixels that must agree on a colour word. */
    public static final double MIN_SHARE = 0.5;

    private static final String[] WORDS = {"black", "white", "gray", "red", "orange", "brown", "yellow", "green",
        "cyan", "blue", "purple", "pink"};

    private ColorWords() {
    }

    /** The colour word of one 8-bit sRGB colour {@code 0xRRGGBB}. */
    public static String name(int rgb) {
        return WORDS[index(rgb)];
    }

    private static int index(int rgb) {
        double r = ((rgb >>> 16) & 0xFF) / 255.0;
        double g = ((rgb >>> 8) & 0xFF) / 255.0;
        double b = (rgb & 0xFF) / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double v = max;
        double s = max == 0 ? 0 : (max - min) / max;
        if (v < 0.2) {
            return 0;
        }
        if (s < 0.15) {
            return v > 0.8 ? 1 : 2;
        }
        double d = max - min;
        double h;
        if (max == r) {
            h = 60 * (((g - b) / d) % 6);
        } else if (max == g) {
            h = 60 * ((b - r) / d + 2);
        } else {
            h = 60 * ((r - g) / d + 4);
        }
        if (h < 0) {
            h += 360;
        }
        if (h < 15 || h >= 345) {
            return 3;
        }
        if (h < 45) {
            return v < 0.6 ? 5 : 4;
        }
        if (h < 70) {
            return 6;
        }
        if (h < 165) {
            return 7;
        }
        if (h < 200) {
            return 8;
        }
        if (h < 260) {
            return 9;
        }
        if (h < 300) {
            return 10;
        }
        return 11;
    }

    /**
     * The colour word of the pixels of {@code labels} with id {@code id}, when at least
     * {@value #MIN_SHARE} of them share it; empty otherwise or when the object has no pixel.
     * O(pixels).
     *
     * @throws ShapeMismatchException when the image and labels differ in size
     */
    public static Optional<String> of(RgbImage image, LabelImage labels, int id) {
        if (image.width() != labels.width() || image.height() != labels.height()) {
            throw new ShapeMismatchException("Image is " + image.width() + "x" + image.height() + " but the labels are "
                    + labels.width() + "x" + labels.height());
        }
        int[] counts = new int[WORDS.length];
        int total = 0;
        int[] ids = labels.ids();
        int[] rgb = image.rgb();
        for (int p = 0; p < ids.length; p++) {
            if (ids[p] == id) {
                counts[index(rgb[p])]++;
                total++;
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return total > 0 && counts[best] >= MIN_SHARE * total ? Optional.of(WORDS[best]) : Optional.empty();
    }
}
