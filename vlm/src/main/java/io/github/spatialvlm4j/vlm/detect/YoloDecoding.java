package io.github.spatialvlm4j.vlm.detect;

import io.github.spatialvlm4j.vlm.florence.RegionBox;
import io.github.spatialvlm4j.vlm.image.ImageTensor;
import io.github.spatialvlm4j.vlm.model.FloatTensor;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.sam.ObjectMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decoding of single-stage detector outputs into scored boxes in source pixels, before NMS
 * (see {@link DetectorFamily} for the layouts). Each anchor gives at most one candidate, its
 * best-scoring class (what Ultralytics does by default; the YOLOX reference script does the same
 * in its class-agnostic mode). Stateless; O(anchors x classes).
 *
 * <p>YOLOX anchors run over the stride levels in order, each level's grid row-major
 * ({@code index = offset(level) + gy * (W / s) + gx}); an anchor's raw {@code (tx, ty, tw, th)}
 * decodes to the centre {@code ((tx + gx) s, (ty + gy) s)} and size {@code (e^tw s, e^th s)}
 * in input pixels, as in Ge et al. 2021 and the exported model's reference post-processing.
 */
public final class YoloDecoding {
    /** Scores may exceed [0, 1] by this much through float rounding of a sigmoid. */
    private static final double SCORE_SLACK = 1e-4;

    private YoloDecoding() {
    }

    /**
     * One decoded anchor.
     *
     * @param box          the box in source pixels, clipped to the image, labelled with the class name
     * @param coefficients mask coefficients of a segment export, else empty
     */
    public record Candidate(RegionBox box, int classId, double score, float[] coefficients) implements Nms.Scored {
    }

    /**
     * Candidates of a YOLOX output {@code [1, N, 5 + C]} with {@code N = }{@link DetectorConfig#gridAnchors()}.
     *
     * @param t where the image lies in the input (for mapping boxes back)
     * @throws ModelException when the shape does not match the configuration or a score is outside [0, 1]
     */
    public static List<Candidate> yolox(FloatTensor out, DetectorConfig config, ImageTensor t) {
        int n = config.gridAnchors();
        int c = config.classCount();
        if (out.rank() != 3 || out.dim(0) != 1 || out.dim(1) != n || out.dim(2) != 5 + c) {
            throw new ModelException("YOLOX output has shape " + Arrays.toString(out.shape()) + "; expected [1, " + n
                    + ", " + (5 + c) + "] for input " + config.inputWidth() + "x" + config.inputHeight() + ", strides "
                    + Arrays.toString(config.strides()) + " and " + c + " classes");
        }
        float[] d = out.data();
        int row = 5 + c;
        List<Candidate> found = new ArrayList<>();
        int anchor = 0;
        for (int s : config.strides()) {
            int gw = config.inputWidth() / s;
            int gh = config.inputHeight() / s;
            for (int gy = 0; gy < gh; gy++) {
                for (int gx = 0; gx < gw; gx++, anchor++) {
                    int base = anchor * row;
                    double objectness = score(d[base + 4], anchor, "objectness");
                    int best = bestClass(d, base + 5, c);
                    double sc = objectness * score(d[base + 5 + best], anchor, "class score");
                    if (sc < config.scoreThreshold()) {
                        continue;
                    }
                    double cx = (d[base] + gx) * s;
                    double cy = (d[base + 1] + gy) * s;
                    double w = Math.exp(d[base + 2]) * s;
                    double h = Math.exp(d[base + 3]) * s;
                    candidate(cx, cy, w, h, best, sc, new float[0], config, t).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /**
     * Candidates of an Ultralytics output {@code [1, 4 + C + M, N]} (M = 0 for detect exports,
     * the prototype count for segment exports).
     *
     * @param prototypes the number M of mask coefficients per anchor (0 for detect exports)
     * @throws ModelException when the shape does not match the configuration or a score is outside [0, 1]
     */
    public static List<Candidate> ultralytics(FloatTensor out, int prototypes, DetectorConfig config, ImageTensor t) {
        int c = config.classCount();
        int rows = 4 + c + prototypes;
        if (out.rank() != 3 || out.dim(0) != 1 || out.dim(1) != rows) {
            throw new ModelException("Ultralytics output has shape " + Arrays.toString(out.shape()) + "; expected [1, "
                    + rows + ", N] for " + c + " classes and " + prototypes + " mask coefficients");
        }
        int n = out.dim(2);
        float[] d = out.data();
        List<Candidate> found = new ArrayList<>();
        float[] scores = new float[c];
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < c; k++) {
                scores[k] = d[(4 + k) * n + a];
            }
            int best = bestClass(scores, 0, c);
            double sc = score(scores[best], a, "class score");
            if (sc < config.scoreThreshold()) {
                continue;
            }
            float[] coefficients = new float[prototypes];
            for (int k = 0; k < prototypes; k++) {
                coefficients[k] = d[(4 + c + k) * n + a];
            }
            candidate(d[a], d[n + a], d[2 * n + a], d[3 * n + a], best, sc, coefficients, config, t)
                    .ifPresent(found::add);
        }
        return found;
    }

    /**
     * The instance mask of a segment export's candidate, as Ultralytics' post-processing computes it:
     * the logits {@code coefficients . prototypes} at the prototypes' resolution, zero outside the
     * candidate's box, resized bilinearly to the input, mapped back to the source
     * ({@link ImageTensor#planeToSource}); a source pixel is inside when its logit is above 0 (a
     * probability above 0.5) and its centre lies in the box.
     *
     * @param prototypes {@code [1, M, h, w]}
     */
    public static ObjectMask mask(Candidate candidate, FloatTensor prototypes, ImageTensor t) {
        int m = prototypes.dim(1);
        int ph = prototypes.dim(2);
        int pw = prototypes.dim(3);
        if (candidate.coefficients().length != m) {
            throw new ModelException("Candidate has " + candidate.coefficients().length + " mask coefficients but the "
                    + "prototypes are " + Arrays.toString(prototypes.shape()));
        }
        // The box in prototype pixels: source -> input pixels -> prototype grid.
        RegionBox b = candidate.box();
        double rx = (double) t.resizedWidth() / t.sourceWidth();
        double ry = (double) t.resizedHeight() / t.sourceHeight();
        double sx = (double) pw / t.width();
        double sy = (double) ph / t.height();
        double x0 = (b.x0() * rx + t.offsetX()) * sx;
        double x1 = (b.x1() * rx + t.offsetX()) * sx;
        double y0 = (b.y0() * ry + t.offsetY()) * sy;
        double y1 = (b.y1() * ry + t.offsetY()) * sy;
        float[] p = prototypes.data();
        float[] logits = new float[ph * pw];
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                // A prototype pixel counts when its index lies in [x0, x1) x [y0, y1), as Ultralytics crops.
                if (x < x0 || x >= x1 || y < y0 || y >= y1) {
                    continue;
                }
                double logit = 0;
                for (int k = 0; k < m; k++) {
                    logit += candidate.coefficients()[k] * p[(k * ph + y) * pw + x];
                }
                logits[y * pw + x] = (float) logit;
            }
        }
        float[] src = t.planeToSource(logits, pw, ph);
        int w = t.sourceWidth();
        boolean[] inside = new boolean[src.length];
        for (int i = 0; i < src.length; i++) {
            double cu = i % w + 0.5;
            double cv = i / w + 0.5;
            inside[i] = src[i] > 0f && cu >= b.x0() && cu < b.x1() && cv >= b.y0() && cv < b.y1();
        }
        return new ObjectMask(w, t.sourceHeight(), inside, candidate.score());
    }

    private static Optional<Candidate> candidate(double cx, double cy, double w, double h, int classId, double score,
                                                 float[] coefficients, DetectorConfig config, ImageTensor t) {
        if (!Double.isFinite(cx + cy + w + h) || w < 0 || h < 0) {
            throw new ModelException("Invalid box (cx " + cx + ", cy " + cy + ", w " + w + ", h " + h
                    + ") in the detector's output (input pixels; sizes must be finite and >= 0)");
        }
        double x0 = clamp(t.toSourceX(cx - w / 2), t.sourceWidth());
        double x1 = clamp(t.toSourceX(cx + w / 2), t.sourceWidth());
        double y0 = clamp(t.toSourceY(cy - h / 2), t.sourceHeight());
        double y1 = clamp(t.toSourceY(cy + h / 2), t.sourceHeight());
        if (!(x1 > x0) || !(y1 > y0)) {
            return Optional.empty();
        }
        RegionBox box = new RegionBox(config.classes().get(classId), x0, y0, x1, y1);
        return Optional.of(new Candidate(box, classId, Math.min(1.0, Math.max(0.0, score)), coefficients));
    }

    private static double clamp(double v, int size) {
        return Math.max(0, Math.min(size, v));
    }

    private static int bestClass(float[] d, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (d[from + k] > d[from + best]) {
                best = k;
            }
        }
        return best;
    }

    private static double score(float v, int anchor, String what) {
        if (!(v >= -SCORE_SLACK && v <= 1 + SCORE_SLACK)) {
            throw new ModelException("Anchor " + anchor + " has " + what + " " + v + "; expected a probability in [0, 1]"
                    + " (an export with the sigmoid applied)");
        }
        return v;
    }
}
