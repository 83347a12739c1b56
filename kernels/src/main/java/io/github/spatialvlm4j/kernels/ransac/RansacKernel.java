package io.github.spatialvlm4j.kernels.ransac;

import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PlaneFit;
import io.github.spatialvlm4j.geometry.Planes;
import io.github.spatialvlm4j.kernels.search.CloudArrays;
import java.util.SplittableRandom;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * The host side of RANSAC plane fitting: samples drawn before any parallel work, hypotheses built
 * and scored on the backend in blocks of points, the exact shortcuts (block boxes, bail-out
 * rounds, spatial order) and the optional least-squares refinement. Arguments are trusted: the
 * facade ({@code io.github.spatialvlm4j.kernels.Kernels#ransacPlane}) checks them before any launch.
 */
public final class RansacKernel {
    /**
     * Points per block in RANSAC scoring (3 floats each: 6 KiB, stays in L1 for all hypotheses);
     * small so that a block's box is tight and many (hypothesis, block) pairs need no point read.
     */
    private static final int RANSAC_BLOCK = 512;
    /** Fewest hypotheses (without early exit) for which RANSAC scores the points in spatial order. */
    private static final int RANSAC_SORT_MIN_HYPOTHESES = 200;
    /** Fewest point tests (points x hypotheses of a batch) per RANSAC bail-out round. */
    private static final long RANSAC_MIN_ROUND_TESTS = 4_000_000L;
    /** Most rounds of point blocks in RANSAC scoring, between which hypotheses that cannot win are dropped. */
    private static final int RANSAC_ROUNDS = 8;

    private RansacKernel() {
    }

    /** Which exact RANSAC shortcuts run (the tests compare them with none). */
    public enum Shortcuts {
        /** Every point tested against every hypothesis, in input order: the reference. */
        NONE,
        /** Block boxes always; bail-out rounds and the spatial order where the fit is large enough to pay. */
        BY_SIZE,
        /** Every shortcut whatever the size (up to eight rounds, spatial order): the tests' fast path. */
        ALL
    }

    /**
     * RANSAC plane fit: every 3-point hypothesis is drawn from {@code SplittableRandom(seed)} before
     * any parallel work (distinct indices), planes are built and scored in parallel (points in
     * cache-sized blocks), and the best hypothesis is the one with the most inliers, ties to the
     * lowest hypothesis index, so a seed gives the same plane on every backend and thread count.
     * Hypotheses whose samples are collinear are skipped; with a normal prior, hypotheses whose
     * normal is farther than the max angle from the axis (either sign) are skipped. With
     * refinement, the plane is refit by least squares on the inliers ({@link Planes#fitLeastSquares})
     * and the inliers recomputed. O(iterations * n).
     *
     * <p>Exact shortcuts, which change no result (plane, inliers, {@code hypothesesEvaluated}) and
     * no tie: (1) the points are scored in a spatial order (Morton order of a 32^3 grid over the
     * cloud) in blocks of 512, and a block whose bounding box lies wholly outside or inside the
     * threshold slab of a plane, with a margin for float rounding
     * ({@link RansacBodies#ransacBoxSide}), is counted without reading its points; (2) bail-out:
     * the blocks are scored in up to eight rounds (each round a spread of blocks over the whole
     * cloud, at least four million point tests each, so small fits run in one),
     * and between rounds the host drops every hypothesis that can no longer win: one whose inliers
     * so far plus the points not yet scored are fewer than the most inliers another hypothesis
     * already has (or not more than the best count of an earlier early-exit batch). A dropped
     * hypothesis is strictly worse than the winner, and the decisions use complete round counts
     * only, so they are the same on every backend and thread count. On a 640x480 room frame with
     * 1000 hypotheses they skip most of the point tests (the box test alone about 70%). The
     * spatial order costs O(n) time and two more int arrays of n; it is used without early exit
     * and from 200 hypotheses on (the floor search's early exit stops after a few dozen, where the
     * sort would cost more than it saves).
     *
     * @return FOUND with the plane and ascending inlier indices, or a status: TOO_FEW_POINTS below
     *     3 points, DEGENERATE when every evaluated hypothesis was collinear, NOT_FOUND when the
     *     prior rejected every usable one; with {@code pruned}, the number of hypotheses the
     *     bail-out dropped is added to {@code pruned[0]}
     */
    public static RansacResult fit(RansacBackend backend, float[] xyz, RansacOptions options, Shortcuts shortcutsUsed,
            int[] pruned) {
        int n = xyz.length / 3;
        if (n < 3) {
            return new RansacResult(PlaneFit.Status.TOO_FEW_POINTS, null, new int[0], 0);
        }
        int hyps = options.iterations();
        int[] samples = drawSamples(n, hyps, options.seed());
        Vector3fc prior = options.normalPriorAxis();
        Vector3f axis = prior == null ? new Vector3f() : new Vector3f(prior).normalize();
        float priorCos = prior == null ? 0f : (float) Math.cos(options.normalPriorMaxAngleRadians());
        float[] planes = new float[4 * hyps];
        int[] status = new int[hyps];
        backend.ransacHypotheses(xyz, samples, hyps, prior == null ? 0 : 1, axis.x, axis.y, axis.z, priorCos, planes,
                status);
        int blocks = (n + RANSAC_BLOCK - 1) / RANSAC_BLOCK;
        double p = options.earlyExitProbability();
        int batch = p > 0 ? RansacOptions.EARLY_EXIT_BATCH : hyps;
        boolean shortcuts = shortcutsUsed != Shortcuts.NONE;
        boolean all = shortcutsUsed == Shortcuts.ALL;
        // Each round is one launch on the backend: enough point tests per round to pay for it.
        long testsPerBatch = (long) n * Math.min(batch, hyps);
        int rounds = !shortcuts ? 1 : (int) Math.max(1, Math.min(Math.min(RANSAC_ROUNDS, blocks),
                all ? Long.MAX_VALUE : testsPerBatch / RANSAC_MIN_ROUND_TESTS));
        // The spatial sort pays for itself only over many hypotheses: not with early exit, which
        // typically stops after a few dozen.
        boolean spatialOrder = all || shortcuts && p == 0 && hyps >= RANSAC_SORT_MIN_HYPOTHESES;
        float[][] soa = ransacPoints(xyz, n, rounds, shortcuts, spatialOrder);
        float[] x = soa[0];
        float[] y = soa[1];
        float[] z = soa[2];
        float[] boxes = soa[3];
        int[] partial = new int[blocks * hyps];
        int[] counts = new int[hyps];
        float[] scratch = new float[n];
        float t = options.distanceThreshold();
        int best = -1;
        int bestCount = -1;
        int evaluated = 0;
        int dropped = 0;
        while (evaluated < hyps) {
            int from = evaluated;
            int to = Math.min(hyps, from + batch);
            // Inliers a hypothesis of this batch must reach to win: more than an earlier batch's
            // best, and at least as many as any hypothesis of this batch has so far.
            int lead = bestCount + 1;
            for (int r = 0; r < rounds; r++) {
                int blockFrom = (int) ((long) blocks * r / rounds);
                int blockTo = (int) ((long) blocks * (r + 1) / rounds);
                backend.ransacCount(from, to, blockFrom, blockTo, RANSAC_BLOCK, n, x, y, z, boxes, planes, status, t,
                        hyps, scratch, partial);
                // Skipped hypotheses have 0 in their partial slots.
                for (int b = blockFrom; b < blockTo; b++) {
                    for (int h = from; h < to; h++) {
                        counts[h] += partial[b * hyps + h];
                    }
                }
                int live = 0;
                for (int h = from; h < to; h++) {
                    if (status[h] == 0) {
                        lead = Math.max(lead, counts[h]);
                        live++;
                    }
                }
                int unscored = n - Math.min(n, blockTo * RANSAC_BLOCK);
                if (unscored == 0 || live == 0) {
                    break;
                }
                for (int h = from; h < to; h++) {
                    if (status[h] == 0 && counts[h] + unscored < lead) {
                        status[h] = RansacBodies.RANSAC_PRUNED;
                        dropped++;
                    }
                }
            }
            for (int h = from; h < to; h++) {
                if (status[h] == 0 && counts[h] > bestCount) {
                    bestCount = counts[h];
                    best = h;
                }
            }
            evaluated = to;
            if (p > 0 && best >= 0) {
                double w = (double) bestCount / n;
                double needed = w >= 1 ? 0 : Math.log(1 - p) / Math.log(1 - w * w * w);
                if (evaluated >= needed) {
                    break;
                }
            }
        }
        if (pruned != null) {
            pruned[0] += dropped;
        }
        if (best < 0) {
            boolean anyRejected = false;
            for (int h = 0; h < evaluated; h++) {
                anyRejected |= status[h] == 2;
            }
            return new RansacResult(anyRejected ? PlaneFit.Status.NOT_FOUND : PlaneFit.Status.DEGENERATE, null,
                    new int[0], evaluated);
        }
        // Inliers of the float plane that was scored, so their count is the hypothesis's score.
        int[] flags = new int[n];
        int[] inliers = planeInliers(backend, xyz, planes[4 * best], planes[4 * best + 1], planes[4 * best + 2],
                planes[4 * best + 3], t, flags);
        Plane plane = new Plane(planes[4 * best], planes[4 * best + 1], planes[4 * best + 2], planes[4 * best + 3]);
        if (options.refine()) {
            PlaneFit fit = Planes.fitLeastSquares(xyz, inliers);
            if (fit.isFound()) {
                plane = fit.plane();
                inliers = planeInliers(backend, xyz, (float) plane.nx(), (float) plane.ny(), (float) plane.nz(),
                        (float) plane.d(), t, flags);
            }
        }
        if (prior != null) {
            plane = plane.orientedTowards(axis.x, axis.y, axis.z);
        }
        return new RansacResult(PlaneFit.Status.FOUND, plane, inliers, evaluated);
    }

    /**
     * The points in RANSAC scoring order as structure of arrays {x, y, z} and the bounding box of
     * every block of {@link #RANSAC_BLOCK} points ({minX, minY, minZ, maxX, maxY, maxZ} per block).
     * With {@code spatialOrder}: points sorted by the Morton order of a 32^3 grid over the cloud's box
     * (stable, so deterministic), so a block is a compact patch of the scene whose box a plane
     * often clears (without it, the input order: pixel rows of a lifted frame are compact too, less
     * so). With {@code shortcuts}: whole blocks interleaved over the {@code rounds} rounds (block j of the
     * sorted points in the turn (j mod rounds, j / rounds); the partial last block stays last), so
     * each round of contiguous blocks samples the whole scene and the bail-out can judge early.
     * Without: the input order and boxes of +-{@code Float.MAX_VALUE} (every block read). Inlier
     * counts do not depend on the order of the points.
     */
    private static float[][] ransacPoints(float[] xyz, int n, int rounds, boolean shortcuts, boolean spatialOrder) {
        int[] order = spatialOrder ? mortonOrder(xyz, n) : null;
        float[] x = new float[n];
        float[] y = new float[n];
        float[] z = new float[n];
        int blocks = (n + RANSAC_BLOCK - 1) / RANSAC_BLOCK;
        float[] boxes = new float[6 * blocks];
        int full = n / RANSAC_BLOCK;
        int to = 0;
        for (int r = 0; r < rounds; r++) {
            for (int j = r; j < full; j += rounds) {
                copyBlock(xyz, order, j * RANSAC_BLOCK, RANSAC_BLOCK, to, x, y, z, boxes, shortcuts);
                to += RANSAC_BLOCK;
            }
        }
        if (to < n) {
            copyBlock(xyz, order, to, n - to, to, x, y, z, boxes, shortcuts);
        }
        return new float[][] {x, y, z, boxes};
    }

    /** Copies {@code count} points from sorted place {@code from} to {@code to}, and the box of that block. */
    private static void copyBlock(float[] xyz, int[] order, int from, int count, int to, float[] x, float[] y,
            float[] z, float[] boxes, boolean shortcuts) {
        // A block is never empty: its box starts at its first point.
        int first = order == null ? from : order[from];
        float lx = xyz[3 * first];
        float ly = xyz[3 * first + 1];
        float lz = xyz[3 * first + 2];
        float ux = lx;
        float uy = ly;
        float uz = lz;
        for (int i = 0; i < count; i++) {
            int src = order == null ? from + i : order[from + i];
            float px = xyz[3 * src];
            float py = xyz[3 * src + 1];
            float pz = xyz[3 * src + 2];
            x[to + i] = px;
            y[to + i] = py;
            z[to + i] = pz;
            lx = Math.min(lx, px);
            ly = Math.min(ly, py);
            lz = Math.min(lz, pz);
            ux = Math.max(ux, px);
            uy = Math.max(uy, py);
            uz = Math.max(uz, pz);
        }
        int b = 6 * (to / RANSAC_BLOCK);
        if (!shortcuts) {
            lx = ly = lz = -Float.MAX_VALUE;
            ux = uy = uz = Float.MAX_VALUE;
        }
        boxes[b] = lx;
        boxes[b + 1] = ly;
        boxes[b + 2] = lz;
        boxes[b + 3] = ux;
        boxes[b + 4] = uy;
        boxes[b + 5] = uz;
    }

    /**
     * Point indices sorted (stably, by counting sort) by the Morton code of their cell in a 32^3
     * grid over the cloud's box. Any order gives the same counts; this one makes blocks compact.
     */
    private static int[] mortonOrder(float[] xyz, int n) {
        float[] box = CloudArrays.bounds(xyz);
        float lx = box[0];
        float ly = box[1];
        float lz = box[2];
        float ux = box[3];
        float uy = box[4];
        float uz = box[5];
        int side = 32;
        int[] spread = new int[side];
        for (int q = 0; q < side; q++) {
            for (int bit = 0; bit < 5; bit++) {
                spread[q] |= ((q >> bit) & 1) << (3 * bit);
            }
        }
        // Cells per meter; (int) of a non-negative float truncates, min() keeps the top edge in.
        float sx = ux > lx ? side / (ux - lx) : 0f;
        float sy = uy > ly ? side / (uy - ly) : 0f;
        float sz = uz > lz ? side / (uz - lz) : 0f;
        int[] code = new int[n];
        int[] start = new int[side * side * side + 1];
        for (int i = 0; i < n; i++) {
            int c = spread[Math.min(side - 1, (int) ((xyz[3 * i] - lx) * sx))]
                    | spread[Math.min(side - 1, (int) ((xyz[3 * i + 1] - ly) * sy))] << 1
                    | spread[Math.min(side - 1, (int) ((xyz[3 * i + 2] - lz) * sz))] << 2;
            code[i] = c;
            start[c + 1]++;
        }
        for (int c = 0; c < side * side * side; c++) {
            start[c + 1] += start[c];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[start[code[i]]++] = i;
        }
        return order;
    }

    /**
     * The hypothesis samples: for each hypothesis three distinct point indices drawn uniformly
     * from {@code SplittableRandom(seed)}, {@code samples[3h..3h+2]}. Public so that another
     * backend or a benchmark can reproduce them.
     */
    public static int[] drawSamples(int n, int hypotheses, long seed) {
        if (n < 3) {
            throw new IllegalArgumentException("Invalid point count: " + n + " (a plane hypothesis needs >= 3 points)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] samples = new int[3 * hypotheses];
        for (int h = 0; h < hypotheses; h++) {
            int a = rng.nextInt(n);
            int b = rng.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            int c = rng.nextInt(n - 2);
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            if (c >= lo) {
                c++;
            }
            if (c >= hi) {
                c++;
            }
            samples[3 * h] = a;
            samples[3 * h + 1] = b;
            samples[3 * h + 2] = c;
        }
        return samples;
    }

    private static int[] planeInliers(RansacBackend backend, float[] xyz, float nx, float ny, float nz, float d,
            float threshold, int[] flags) {
        int n = flags.length;
        backend.planeInlierFlags(xyz, n, nx, ny, nz, d, threshold, flags);
        int count = 0;
        for (int f : flags) {
            count += f;
        }
        int[] out = new int[count];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (flags[i] != 0) {
                out[j++] = i;
            }
        }
        return out;
    }
}
