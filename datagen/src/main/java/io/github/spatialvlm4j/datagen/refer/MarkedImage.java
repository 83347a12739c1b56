package io.github.spatialvlm4j.datagen.refer;

import io.github.spatialvlm4j.datagen.qa.ImagePoint;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Draws the marks that questions refer to on a copy of a frame's image: Set-of-Marks numbers on objects
 * ({@code --refer marks}) and lettered points (point depth questions, as BLINK marks them).
 *
 * <p>An object mark is the object's mask outline in a colour of a fixed palette, and its number in white
 * on a black box centred on the object's {@linkplain MarkAnchors anchor}. A point is a red dot with a
 * white ring on the pixel, and its letter in white on a black box just above and to the right of it (or
 * wherever it fits inside the image). Glyphs come from a 5x7 bitmap font of digits and capitals drawn at
 * a scale of {@code max(1, min(width, height) / 240)} pixels per font pixel; no system font is used, so
 * the same marks give the same pixels on every machine. O(pixels).
 */
public final class MarkedImage {

    private static final int[] PALETTE = {0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0,
        0xF032E6, 0xBCF60C, 0x008080, 0x9A6324, 0x800000};
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;
    private static final int RED = 0xFF0000;

    /** 5x7 glyphs, one 5-bit row per entry, most significant bit left: '0'-'9', then 'A'-'Z'. */
    private static final String[] GLYPHS = {
        "01110100011001110101110011000101110", "00100011000010000100001000010001110",
        "01110100010000100010001000100011111", "11110000010000101110000010000111110",
        "00010001100101010010111110001000010", "11111100001111000001000011000101110",
        "00110010001000011110100011000101110", "11111000010001000100010000100001000",
        "01110100011000101110100011000101110", "01110100011000101111000010001001100",
        "01110100011000111111100011000110001", "11110100011000111110100011000111110",
        "01110100011000010000100001000101110", "11100100101000110001100011001011100",
        "11111100001000011110100001000011111", "11111100001000011110100001000010000",
        "01110100011000010111100011000101111", "10001100011000111111100011000110001",
        "01110001000010000100001000010001110", "00111000100001000010000101001001100",
        "10001100101010011000101001001010001", "10000100001000010000100001000011111",
        "10001110111010110101100011000110001", "10001100011100110101100111000110001",
        "01110100011000110001100011000101110", "11110100011000111110100001000010000",
        "01110100011000110001101011001001101", "11110100011000111110101001001010001",
        "01111100001000001110000010000111110", "11111001000010000100001000010000100",
        "10001100011000110001100011000101110", "10001100011000110001100010101000100",
        "10001100011000110101101011010101010", "10001100010101000100010101000110001",
        "10001100010101000100001000010000100", "11111000010001000100010001000011111"};

    private MarkedImage() {
    }

    /**
     * A copy of {@code image} with the marks drawn.
     *
     * @param image the frame's image (not modified)
     * @param labels the object masks, same size (used for object marks only)
     * @param marks the number to draw on each object, by id (empty for none)
     * @param points the points to draw
     */
    public static RgbImage draw(RgbImage image, LabelImage labels, Map<Integer, Integer> marks, List<ImagePoint> points) {
        return draw(image, labels, marks, points, null, null);
    }

    /**
     * As {@link #draw(RgbImage, LabelImage, Map, List)}, the copy made in {@code dest} and the masks' inside
     * distances in {@code insideScratch} (reused planes): the image returned wraps {@code dest}.
     *
     * @param dest one {@code 0xRRGGBB} value per pixel, not the image's own array; null to allocate one
     * @param insideScratch one value per pixel ({@link MarkAnchors#insideDistance(LabelImage, int[])}); null
     *     to allocate one
     * @throws IllegalArgumentException when {@code dest} has another length or is the image's array
     */
    public static RgbImage draw(RgbImage image, LabelImage labels, Map<Integer, Integer> marks, List<ImagePoint> points,
            int[] dest, int[] insideScratch) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(marks, "marks");
        Objects.requireNonNull(points, "points");
        int w = image.width();
        int h = image.height();
        if (labels.width() != w || labels.height() != h) {
            throw new io.github.spatialvlm4j.geometry.ShapeMismatchException("Labels are " + labels.width() + "x"
                    + labels.height() + " but the image is " + w + "x" + h);
        }
        int[] rgb = image.rgb();
        if (dest == rgb || dest != null && dest.length != rgb.length) {
            throw new IllegalArgumentException("Marked image into " + (dest == rgb ? "the image's own array"
                    : dest.length + " values") + " for a " + w + "x" + h + " image");
        }
        int[] out = dest == null ? rgb.clone() : dest;
        if (dest != null) {
            System.arraycopy(rgb, 0, out, 0, rgb.length);
        }
        int scale = Math.max(1, Math.min(w, h) / 240);
        if (!marks.isEmpty()) {
            int[] ids = labels.ids();
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int id = ids[v * w + u];
                    Integer mark = id == LabelImage.NONE ? null : marks.get(id);
                    if (mark != null && isOutline(ids, w, h, u, v, id)) {
                        out[v * w + u] = PALETTE[(mark - 1) % PALETTE.length];
                    }
                }
            }
            Map<Integer, Integer> anchors = MarkAnchors.anchors(labels, MarkAnchors.insideDistance(labels, insideScratch));
            for (Map.Entry<Integer, Integer> e : marks.entrySet()) {
                Integer anchor = anchors.get(e.getKey());
                if (anchor != null) {
                    String text = Integer.toString(e.getValue());
                    int bw = textWidth(text, scale) + 4 * scale;
                    int bh = 7 * scale + 4 * scale;
                    label(out, w, h, anchor % w - bw / 2, anchor / w - bh / 2, text, scale);
                }
            }
        }
        for (ImagePoint p : points) {
            if (p.u() >= w || p.v() >= h) {
                throw new IllegalArgumentException("Point " + p + " lies outside the " + w + "x" + h + " image");
            }
            int r = 3 * scale;
            disc(out, w, h, p.u(), p.v(), r + scale, WHITE);
            disc(out, w, h, p.u(), p.v(), r, RED);
            int bh = 11 * scale;
            label(out, w, h, p.u() + r + 2 * scale, p.v() - r - bh, p.label(), scale);
        }
        return new RgbImage(w, h, out);
    }

    private static boolean isOutline(int[] ids, int w, int h, int u, int v, int id) {
        return u == 0 || v == 0 || u == w - 1 || v == h - 1 || ids[v * w + u - 1] != id || ids[v * w + u + 1] != id
                || ids[(v - 1) * w + u] != id || ids[(v + 1) * w + u] != id;
    }

    private static int textWidth(String text, int scale) {
        return text.length() * 6 * scale - scale;
    }

    /** White text on a black box whose top-left corner is near (x, y), moved inside the image. */
    private static void label(int[] out, int w, int h, int x, int y, String text, int scale) {
        int bw = textWidth(text, scale) + 4 * scale;
        int bh = 11 * scale;
        x = Math.max(0, Math.min(w - bw, x));
        y = Math.max(0, Math.min(h - bh, y));
        fill(out, w, h, x, y, bw, bh, BLACK);
        int cx = x + 2 * scale;
        for (int i = 0; i < text.length(); i++) {
            glyph(out, w, h, cx, y + 2 * scale, text.charAt(i), scale);
            cx += 6 * scale;
        }
    }

    private static void glyph(int[] out, int w, int h, int x, int y, char ch, int scale) {
        int index = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'A' && ch <= 'Z' ? 10 + ch - 'A' : -1;
        if (index < 0) {
            throw new IllegalArgumentException("No glyph for '" + ch + "' (digits and capitals only)");
        }
        String bits = GLYPHS[index];
        for (int row = 0; row < 7; row++) {
            for (int col = 0; col < 5; col++) {
                if (bits.charAt(row * 5 + col) == '1') {
                    fill(out, w, h, x + col * scale, y + row * scale, scale, scale, WHITE);
                }
            }
        }
    }

    private static void fill(int[] out, int w, int h, int x, int y, int bw, int bh, int colour) {
        for (int v = Math.max(0, y); v < Math.min(h, y + bh); v++) {
            for (int u = Math.max(0, x); u < Math.min(w, x + bw); u++) {
                out[v * w + u] = colour;
            }
        }
    }

    private static void disc(int[] out, int w, int h, int cu, int cv, int r, int colour) {
        for (int v = Math.max(0, cv - r); v <= Math.min(h - 1, cv + r); v++) {
            for (int u = Math.max(0, cu - r); u <= Math.min(w - 1, cu + r); u++) {
                if ((u - cu) * (u - cu) + (v - cv) * (v - cv) <= r * r) {
                    out[v * w + u] = colour;
                }
            }
        }
    }
}
