package io.github.spatialvlm4j.vlm.florence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Florence-2's location tokens (Xiao et al. 2024): a coordinate is one of {@value #BINS} bins
 * written {@code <loc_0>} .. {@code <loc_999>}; a box is four of them (x0, y0, x1, y1). A bin
 * {@code b} on an axis of {@code n} pixels covers [b n / 1000, (b + 1) n / 1000) and is read
 * back as its centre, {@code (b + 0.5) n / 1000}, as the reference post-processing does.
 *
 * <p>Generated text for detection, dense region captions and phrase grounding is a sequence
 * of phrases, each followed by one or more boxes:
 * {@code "chair<loc_10><loc_20><loc_300><loc_400>red cup<loc_..>x4<loc_..>x4"}. A phrase
 * followed by several boxes (grounding) gives one {@link RegionBox} per box. Stateless.
 */
public final class LocationTokens {
    /** Bins per axis. */
    public static final int BINS = 1000;

    private static final Pattern TOKEN = Pattern.compile("<loc_(\\d{1,4})>");
    private static final Pattern SPECIAL = Pattern.compile("</?s>|<pad>|<unk>|<(?!loc_)[A-Z_]+>");

    private LocationTokens() {
    }

    /** The pixel coordinate (edge convention) of bin {@code bin} on an axis of {@code size} pixels. */
    public static double dequantize(int bin, int size) {
        if (bin < 0 || bin >= BINS) {
            throw new IllegalArgumentException("Invalid location bin: " + bin + " (must be in [0, " + BINS + "))");
        }
        requireSize(size);
        return (bin + 0.5) * size / BINS;
    }

    /** The bin of pixel coordinate {@code coord} (edge convention) on an axis of {@code size} pixels, clamped to [0, 999]. */
    public static int quantize(double coord, int size) {
        requireSize(size);
        if (!Double.isFinite(coord)) {
            throw new IllegalArgumentException("Invalid coordinate: " + coord + " (pixels, must be finite)");
        }
        int b = (int) Math.floor(coord * BINS / size);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    /** The location token of bin {@code bin}, e.g. {@code <loc_42>}. */
    public static String token(int bin) {
        if (bin < 0 || bin >= BINS) {
            throw new IllegalArgumentException("Invalid location bin: " + bin + " (must be in [0, " + BINS + "))");
        }
        return "<loc_" + bin + ">";
    }

    /**
     * Boxes parsed from generated text, plus how many location runs were malformed (a count not
     * divisible by four, or a bin outside [0, 999]) and were skipped.
     */
    public record Parsed(List<RegionBox> boxes, int skippedRuns) {
        public Parsed {
            boxes = List.copyOf(boxes);
        }
    }

    /**
     * Parses phrase + box groups from Florence-2 output text for an image of
     * {@code width x height} pixels. Special tokens ({@code <s>}, {@code </s>}, {@code <pad>},
     * task tokens such as {@code <OD>}) are removed first. Swapped corners are put in order.
     * O(length of text).
     */
    public static Parsed parse(String text, int width, int height) {
        requireSize(width);
        requireSize(height);
        if (text == null) {
            throw new IllegalArgumentException("Text is null");
        }
        String clean = SPECIAL.matcher(text).replaceAll("");
        List<RegionBox> boxes = new ArrayList<>();
        int skipped = 0;
        Matcher m = TOKEN.matcher(clean);
        int textStart = 0;
        int pos = 0;
        List<Integer> run = new ArrayList<>();
        String label = "";
        boolean overflow = false;
        while (m.find()) {
            if (m.start() != pos && !clean.substring(pos, m.start()).isBlank()) {
                // Text between runs (not just the spaces some decoders put between tokens):
                // close the current run and start a new phrase.
                if (!run.isEmpty() || overflow) {
                    skipped += emit(label, run, overflow, width, height, boxes);
                    run.clear();
                    overflow = false;
                }
                label = clean.substring(textStart, m.start()).trim();
            }
            int bin = Integer.parseInt(m.group(1));
            if (bin >= BINS) {
                overflow = true;
            }
            run.add(bin);
            pos = m.end();
            textStart = m.end();
        }
        if (!run.isEmpty() || overflow) {
            skipped += emit(label, run, overflow, width, height, boxes);
        }
        return new Parsed(boxes, skipped);
    }

    private static int emit(String label, List<Integer> run, boolean overflow, int w, int h, List<RegionBox> out) {
        if (overflow || run.size() % 4 != 0) {
            return 1;
        }
        for (int i = 0; i < run.size(); i += 4) {
            double ax = dequantize(run.get(i), w);
            double ay = dequantize(run.get(i + 1), h);
            double bx = dequantize(run.get(i + 2), w);
            double by = dequantize(run.get(i + 3), h);
            out.add(new RegionBox(label, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)));
        }
        return 0;
    }

    private static void requireSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("Invalid image size: " + size + " (pixels, must be > 0)");
        }
    }
}
