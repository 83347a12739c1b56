package io.github.spatialvlm4j.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Object masks from boxes and depth, without a segmentation model: inside each box the object is
 * the dominant connected depth surface. What makes box-only region sources (a COCO detector,
 * Florence-2 detection without SAM, user-given boxes) usable on frames with depth. Boxes are in
 * image pixels; points are back-projected with the intrinsics (camera frame, meters).
 *
 * <ol>
 * <li><b>Supports.</b> What an object stands on (floor, table top, the box under a stacked object)
 *     shows in a strip just below its box ({@link Options#ringShare()} of its height deep), or,
 *     when the box reaches the image's bottom edge, beside the lower half of the box. The strip's
 *     up-facing pixels (normal within {@value #SUPPORT_MAX_TILT_DEGREES} degrees of camera up), in
 *     its largest depth-connected part, are fitted with a plane (least squares, refitted to the points
 *     within 2.5 robust sigmas), which is then grown over the connected pixels on it beyond the strip
 *     and refitted ({@value #GROW_ROUNDS} rounds), since a thin strip tilts with the noise. It is a
 *     support when {@link Options#minRingInliers()} of the strip lies on it, the box's edge touches
 *     the strip (at least {@value #MIN_CONTACT_SHARE} of the pixel pairs across it are
 *     depth-continuous: the top of a nearer object hiding this one's base is not its support), and
 *     most of the box's pixels off the plane lie on the camera's side of it. A pixel lies on a support
 *     when it is within {@code max(supportTolerance, 3 x RMS)} of the plane and its local normal
 *     within {@link Options#supportNormalDegrees()} of the plane's: the object's own base reaches the
 *     plane but does not face the same way. The RMS distance of the supports also measures the depth
 *     noise, which sets how far apart the pixels spanning a normal are.</li>
 * <li><b>Surfaces in a box.</b> Pixels on this box's support, or on another box's support that could
 *     carry this object too, are dropped, except supports of objects whose boxes lie inside this one
 *     (a table top carries cups). The rest are joined to their 4-neighbours when their depths differ
 *     by at most {@code max(minJump, relativeJump x z)}: a depth edge separates the object from the
 *     background behind it and from a nearer occluder.</li>
 * <li><b>Ownership.</b> Each component is scored by its pixels weighted with a tent, 1 at the box
 *     centre and {@value #EDGE_WEIGHT} at its border (a box is centred on its object), times the share
 *     of its connected surface that lies in the box: followed beyond the box across smooth ground
 *     (neighbour normals within {@value #CREASE_DEGREES} degrees) and off every support plane, an
 *     occluder, a wall or the floor runs on, the object ends at its box. Components with less than
 *     {@value #MIN_OWN_SHARE} of their surface in the box are not the box's object. A pixel is claimed
 *     by the box whose component owns the largest share of it, so an occluder stays the object of its
 *     own box.</li>
 * <li><b>The mask</b> is the box's best component that another box does not claim over most of its
 *     pixels, with the box's other such components at the same depth (a chair's seat, back and base
 *     come apart where a thin stem loses depth), when it has {@link Options#minPixels()} pixels.
 *     Where masks overlap, the one owning more of its surface wins, then the smaller box.</li>
 * </ol>
 * Local normals use one-sided differences on the smoother side of each axis (edge-aware),
 * {@value #NORMAL_STEP} pixels apart on noise-free depth and up to {@value #MAX_NORMAL_STEP} on
 * noisy depth.
 *
 * <p>Measured with the audit on synthetic scenes given each object's exact pixel box (200 scenes,
 * seed 7, noise-free): 96.2% of metric answers within 10% of the truth, against 98.1% with the true
 * masks. Limits: a structure attached to the object without a depth edge (a partition on a desk's
 * back edge, the wall a cabinet stands against) joins its surface, and the object is then dropped or
 * measured with it; surfaces seen at grazing angles break into rows; two touching objects whose
 * faces are flush and at the same depth cannot be told apart. Cost: about O(box pixels) per box,
 * plus the surfaces followed beyond it (at most {@value #EXTENT_CAP} box areas) and the support
 * growth ({@value #GROW_CAP} box areas). Stateless and thread-safe.
 *
 * <p>Why one class of this size: it is one algorithm whose four steps share the per-box state (the
 * box's pixels, its support plane, local normals at the frame's noise level) held by the nested
 * worker, and whose thresholds were tuned together against the audit figure above; split across
 * files, that tuning would be hard to follow.
 */
public final class BoxDepthMasks {
    /** Shortest pixel distance of the neighbours that span a local surface normal (noise-free depth). */
    public static final int NORMAL_STEP = 2;
    /** Longest such distance (noisy sensors). */
    public static final int MAX_NORMAL_STEP = 12;
    /** Baseline of a normal's neighbours over the depth noise. */
    static final double NORMAL_SNR = 5;
    /** Largest angle, degrees, between the normals of neighbouring pixels on one smooth surface. */
    static final double CREASE_DEGREES = 45;
    /**
     * Largest angle, degrees, between a support plane's camera-facing normal and camera up
     * ({@code -y}): floors and table tops seen by a camera pitched up to this much; walls and the
     * faces of neighbouring objects are not supports.
     */
    static final double SUPPORT_MAX_TILT_DEGREES = 60;
    /** Least share of a strip's pixels that must face up for a support plane. */
    static final double MIN_UP_SHARE = 0.1;
    /** Fewest measured pixels in a strip for a support plane. */
    static final int MIN_RING_PIXELS = 10;
    /** Least share of depth-continuous pixel pairs across a box edge for the strip beyond it to be a support. */
    static final double MIN_CONTACT_SHARE = 0.25;
    /** Rounds of growing a support plane beyond its strip and refitting it. */
    static final int GROW_ROUNDS = 3;
    /** A support plane grows over at most this many box areas. */
    static final int GROW_CAP = 8;
    /**
     * Outside a box, support planes are barriers this many pixel footprints thick at least, so that a
     * surface flush with the face below its support (a cylinder at the front edge of a box) cannot
     * slip across the one-pixel edge between them.
     */
    static final double BARRIER_PIXELS = 2.5;
    /** Weight of a pixel on the box border in a component's centre-weighted score (1 at the centre). */
    static final double EDGE_WEIGHT = 0.25;
    /** Components scoring at least this share of the best centre-weighted score are candidates ... */
    static final double CANDIDATE_SHARE = 0.1;
    /** ... at most this many. */
    static final int MAX_CANDIDATES = 5;
    /** Least share of a component's connected surface that must lie in the box for it to be the box's object. */
    static final double MIN_OWN_SHARE = 0.5;
    /** A surface is followed beyond its box for at most this many box areas. */
    static final int EXTENT_CAP = 4;
    /** Own shares closer than this are a tie. */
    static final double OWN_MARGIN = 1e-9;

    private BoxDepthMasks() {
    }

    /**
     * Tuning of the rule.
     *
     * @param minJumpMeters          smallest depth difference, meters, that separates two neighbouring pixels (&gt; 0)
     * @param relativeJump           ... or this share of their depth, whichever is larger (&gt;= 0)
     * @param supportToleranceMeters smallest distance, meters, within which a pixel lies on the support plane (&gt; 0)
     * @param supportNormalDegrees   largest angle between a support pixel's normal and the plane's, degrees in (0, 90)
     * @param ringShare              depth of the strip below the box, as a share of the box height, in (0, 1]
     * @param minRingInliers         share of the strip's valid pixels that must lie on its plane, in (0, 1]
     * @param minPixels              smallest mask, pixels, &gt;= 1
     */
    public record Options(double minJumpMeters, double relativeJump, double supportToleranceMeters,
                          double supportNormalDegrees, double ringShare, double minRingInliers, int minPixels) {
        public Options {
            if (!(minJumpMeters > 0) || !Double.isFinite(minJumpMeters)) {
                throw new IllegalArgumentException("Invalid minJumpMeters: " + minJumpMeters + " (meters, must be > 0)");
            }
            if (!(relativeJump >= 0) || !Double.isFinite(relativeJump)) {
                throw new IllegalArgumentException("Invalid relativeJump: " + relativeJump + " (must be >= 0)");
            }
            if (!(supportToleranceMeters > 0) || !Double.isFinite(supportToleranceMeters)) {
                throw new IllegalArgumentException("Invalid supportToleranceMeters: " + supportToleranceMeters
                        + " (meters, must be > 0)");
            }
            if (!(supportNormalDegrees > 0 && supportNormalDegrees < 90)) {
                throw new IllegalArgumentException("Invalid supportNormalDegrees: " + supportNormalDegrees
                        + " (degrees, must be in (0, 90))");
            }
            if (!(ringShare > 0 && ringShare <= 1)) {
                throw new IllegalArgumentException("Invalid ringShare: " + ringShare + " (must be in (0, 1])");
            }
            if (!(minRingInliers > 0 && minRingInliers <= 1)) {
                throw new IllegalArgumentException("Invalid minRingInliers: " + minRingInliers + " (must be in (0, 1])");
            }
            if (minPixels < 1) {
                throw new IllegalArgumentException("Invalid minPixels: " + minPixels + " (must be >= 1)");
            }
        }

        /**
         * Jumps of 3 cm or 2% of the depth (a Kinect-class sensor's noise at 3 m is about 1 cm), support
         * within 1 cm (or three times the strip's own RMS), normals within 30 degrees, a strip 10% of the
         * box height deep with 60% of it on the plane, masks of 20 pixels at least.
         */
        public static Options defaults() {
            return new Options(0.03, 0.02, 0.01, 30, 0.1, 0.6, 20);
        }
    }

    /**
     * The masks of a set of boxes.
     *
     * @param labels         box {@code i}'s mask as id {@code i + 1} ({@link LabelImage#NONE} elsewhere)
     * @param areas          pixels of each box's mask, 0 when the box got none (no depth, or too small)
     * @param supportPlanes  the support plane removed from each box, camera frame, when one was found
     */
    public record Result(LabelImage labels, int[] areas, Optional<Plane>[] supportPlanes) {
    }

    /**
     * Masks of {@code boxes} in {@code depth}.
     *
     * @param boxes {@code boxes[4i .. 4i+3] = x0, y0, x1, y1} of box {@code i}: image pixels, edge
     *              coordinates (pixel {@code u} spans [u, u + 1)), {@code x0 <= x1}, {@code y0 <= y1};
     *              a pixel belongs to the box when its centre lies inside; parts outside the image are ignored
     * @throws ShapeMismatchException when the intrinsics are for another image size or the array is not 4n long
     */
    @SuppressWarnings("unchecked")
    public static Result segment(DepthMap depth, CameraIntrinsics intrinsics, double[] boxes, Options options) {
        if (depth == null || intrinsics == null || boxes == null || options == null) {
            throw new IllegalArgumentException("depth, intrinsics, boxes and options must not be null");
        }
        intrinsics.requireImageSize(depth.width(), depth.height(), "Depth map");
        if (boxes.length % 4 != 0) {
            throw new ShapeMismatchException("Boxes array has " + boxes.length + " values, not a multiple of 4 (x0, y0, x1, y1)");
        }
        int n = boxes.length / 4;
        int w = depth.width();
        int h = depth.height();
        int[][] ranges = new int[n][];
        long[] areaOrder = new long[n];
        for (int i = 0; i < n; i++) {
            double x0 = boxes[4 * i];
            double y0 = boxes[4 * i + 1];
            double x1 = boxes[4 * i + 2];
            double y1 = boxes[4 * i + 3];
            if (!Double.isFinite(x0 + y0 + x1 + y1) || !(x0 <= x1 && y0 <= y1)) {
                throw new IllegalArgumentException("Invalid box " + i + ": [" + x0 + ", " + y0 + ", " + x1 + ", " + y1
                        + "] (pixels, needs finite x0 <= x1, y0 <= y1)");
            }
            int u0 = Math.max(0, (int) Math.ceil(x0 - 0.5));
            int u1 = Math.min(w, (int) Math.ceil(x1 - 0.5));
            int v0 = Math.max(0, (int) Math.ceil(y0 - 0.5));
            int v1 = Math.min(h, (int) Math.ceil(y1 - 0.5));
            ranges[i] = new int[] {u0, v0, Math.max(u0, u1), Math.max(v0, v1)};
            areaOrder[i] = (long) (ranges[i][2] - u0) * (ranges[i][3] - v0) * n + i;
        }
        Arrays.sort(areaOrder);
        int[] ids = new int[w * h];
        int[] areas = new int[n];
        Optional<Plane>[] planes = new Optional[n];
        Arrays.fill(planes, Optional.empty());
        int step = normalStep(depth, intrinsics);
        Box[] work = new Box[n];
        List<Box> supported = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] r = ranges[i];
            if (r[2] > r[0] && r[3] > r[1]) {
                work[i] = new Box(depth, intrinsics, r[0], r[1], r[2], r[3], options, step);
                planes[i] = work[i].support.map(Support::plane);
                if (work[i].support.isPresent()) {
                    supported.add(work[i]);
                }
            }
        }
        // The supports' residuals measure the depth noise on flat ground (quantized sensors included):
        // normals for the masks span a baseline long enough for it.
        double[] noise = supported.stream().mapToDouble(b -> b.support.orElseThrow().relativeRms()).sorted().toArray();
        if (noise.length > 0) {
            int noisy = stepFor(noise[noise.length / 2], intrinsics);
            for (Box b : work) {
                if (b != null) {
                    b.normalStep = Math.max(b.normalStep, noisy);
                }
            }
        }
        List<List<Candidate>> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            candidates.add(work[i] == null ? List.of() : work[i].candidates(supported));
        }
        List<List<Candidate>> chosen = choose(candidates, w * h, options);
        // Overlapping masks: the pixel goes to the mask owning more of its surface, ties to the smaller box.
        double[] owner = new double[w * h];
        for (long key : areaOrder) {
            int i = (int) (key % n);
            for (Candidate c : chosen.get(i)) {
                for (int p : c.pixels()) {
                    if (ids[p] == i + 1) {
                        continue;
                    }
                    if (ids[p] == LabelImage.NONE || c.own() > owner[p] + OWN_MARGIN) {
                        if (ids[p] != LabelImage.NONE) {
                            areas[ids[p] - 1]--;
                        }
                        ids[p] = i + 1;
                        owner[p] = c.own();
                        areas[i]++;
                    }
                }
            }
        }
        return new Result(new LabelImage(w, h, ids), areas, planes);
    }

    /**
     * Each box's mask as a list of its candidates: a pixel is claimed by the candidate owning the
     * largest share of its surface (the box it fits best); a box's mask is its best candidate that
     * another box does not own better over most of its pixels (an occluder is the object of its own
     * box, not of the one it hides), with the other such candidates at the same depth (the seat, back
     * and base of a chair come apart where a thin stem loses depth); empty when that best candidate is
     * smaller than {@link Options#minPixels()}.
     *
     * @param candidates each box's candidates
     * @param pixels     the image's pixel count
     */
    private static List<List<Candidate>> choose(List<List<Candidate>> candidates, int pixels, Options options) {
        double[] claim = new double[pixels];
        int[] claimant = new int[pixels];
        for (int i = 0; i < candidates.size(); i++) {
            for (Candidate c : candidates.get(i)) {
                for (int p : c.pixels()) {
                    if (c.own() > claim[p]) {
                        claim[p] = c.own();
                        claimant[p] = i;
                    }
                }
            }
        }
        List<List<Candidate>> chosen = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            List<Candidate> kept = new ArrayList<>();
            for (Candidate c : candidates.get(i)) {
                int outclaimed = 0;
                for (int p : c.pixels()) {
                    if (claimant[p] != i && claim[p] > c.own() + OWN_MARGIN) {
                        outclaimed++;
                    }
                }
                if (2 * outclaimed <= c.pixels().length) {
                    kept.add(c);
                }
            }
            kept.sort((a, b) -> Double.compare(b.score(), a.score()));
            List<Candidate> mask = new ArrayList<>();
            if (!kept.isEmpty() && kept.get(0).pixels().length >= options.minPixels()) {
                Candidate main = kept.get(0);
                double slack = Math.max(options.minJumpMeters(), options.relativeJump() * main.zMax());
                for (Candidate c : kept) {
                    if (c == main || c.zMin() <= main.zMax() + slack && c.zMax() >= main.zMin() - slack) {
                        mask.add(c);
                    }
                }
            }
            chosen.add(mask);
        }
        return chosen;
    }

    /**
     * A box's support surface.
     *
     * @param plane       the plane, camera frame, its normal toward the camera
     * @param tolerance   distance, meters, within which a pixel lies on it
     * @param relativeRms the RMS distance of its fitted pixels over their mean depth: the depth noise
     */
    private record Support(Plane plane, double tolerance, double relativeRms) {
    }

    /**
     * A connected surface in a box.
     *
     * @param pixels its pixels in the box, image indices {@code v * width + u}
     * @param score  its centre-weighted pixel count times {@code own}
     * @param own    the share of its connected surface that lies in the box, in (0, 1]
     * @param zMin   its nearest depth, meters
     * @param zMax   its farthest depth, meters
     */
    private record Candidate(int[] pixels, double score, double own, float zMin, float zMax) {
    }

    /**
     * The pixel distance of the neighbours that span a local normal in {@code depth}: long enough that
     * the depth noise tilts a normal by at most about {@code atan(1 / NORMAL_SNR)}, between
     * {@link #NORMAL_STEP} and {@link #MAX_NORMAL_STEP}. The noise is read from the frame itself: the
     * median second difference of depth along every other row, relative to depth (planar surfaces have
     * none, a sensor's noise does; the median ignores depth edges). Noise-free depth gets the shortest
     * step; a quantizing sensor, whose second differences are mostly 0, is caught later by the residuals
     * of its support planes.
     */
    static int normalStep(DepthMap depth, CameraIntrinsics k) {
        int w = depth.width();
        float[] z = depth.meters();
        float[] second = new float[(depth.height() + 1) / 2 * Math.max(0, w - 2)];
        int count = 0;
        for (int v = 0; v < depth.height(); v += 2) {
            for (int u = 1; u + 1 < w; u++) {
                int i = v * w + u;
                float a = z[i - 1];
                float b = z[i];
                float c = z[i + 1];
                if (a > DepthMap.INVALID && b > DepthMap.INVALID && c > DepthMap.INVALID) {
                    second[count++] = (float) (Math.abs(a - 2.0 * b + c) / b);
                }
            }
        }
        if (count == 0) {
            return NORMAL_STEP;
        }
        Arrays.sort(second, 0, count);
        // For Gaussian noise: median |second difference| = 0.6745 x sigma x sqrt(6).
        return stepFor(second[count / 2] / (0.6745 * Math.sqrt(6)), k);
    }

    /** The normal step for depth noise {@code sigma} relative to depth (see {@link #normalStep}). */
    private static int stepFor(double sigma, CameraIntrinsics k) {
        double f = Math.min(k.fx(), k.fy());
        return (int) Math.max(NORMAL_STEP, Math.min(MAX_NORMAL_STEP, Math.ceil(NORMAL_SNR * sigma * f)));
    }

    /** The work on one box: its pixels [u0, u1) x [v0, v1). */
    private static final class Box {
        private final DepthMap depth;
        private final float[] z;
        private final CameraIntrinsics k;
        private final int u0;
        private final int v0;
        private final int bw;
        private final int bh;
        private final Options o;
        /** Pixel distance of the neighbours spanning a normal; set again once the frame's noise is known. */
        private int normalStep;
        final Optional<Support> support;

        Box(DepthMap depth, CameraIntrinsics k, int u0, int v0, int u1, int v1, Options o, int normalStep) {
            this.depth = depth;
            this.normalStep = normalStep;
            this.z = depth.meters();
            this.k = k;
            this.u0 = u0;
            this.v0 = v0;
            this.bw = u1 - u0;
            this.bh = v1 - v0;
            this.o = o;
            this.support = supportPlane();
        }

        /** The camera-frame x, meters, of column {@code u} at depth {@code d}. */
        private double cameraX(int u, float d) {
            return (u - k.cx()) * d / k.fx();
        }

        /** The camera-frame y, meters, of row {@code v} at depth {@code d}. */
        private double cameraY(int v, float d) {
            return (v - k.cy()) * d / k.fy();
        }

        private double jump(float a, float b) {
            return Math.max(o.minJumpMeters(), o.relativeJump() * Math.min(a, b));
        }

        /**
         * The union-find forest of the depth-connected components of the {@code cw x ch} window at
         * ({@code cu0}, {@code cv0}) over its {@code usable} pixels (window-local, row-major).
         */
        private int[] components(int cu0, int cv0, int cw, int ch, boolean[] usable) {
            int w = depth.width();
            int[] parent = new int[cw * ch];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    int i = y * cw + x;
                    if (!usable[i]) {
                        continue;
                    }
                    float zi = z[(cv0 + y) * w + cu0 + x];
                    if (x + 1 < cw && usable[i + 1]) {
                        float zr = z[(cv0 + y) * w + cu0 + x + 1];
                        if (Math.abs(zi - zr) <= jump(zi, zr)) {
                            union(parent, i, i + 1);
                        }
                    }
                    if (y + 1 < ch && usable[i + cw]) {
                        float zb = z[(cv0 + y + 1) * w + cu0 + x];
                        if (Math.abs(zi - zb) <= jump(zi, zb)) {
                            union(parent, i, i + cw);
                        }
                    }
                }
            }
            return parent;
        }

        /**
         * The support: that of the strip below the box, or, when that strip is off the image or holds no
         * plane, of the strip beside the lower half of the box (left, else right) where the floor shows
         * beside an object cut by the image's bottom edge.
         */
        private Optional<Support> supportPlane() {
            int rows = Math.max(2, (int) Math.ceil(o.ringShare() * bh));
            int r0 = v0 + bh;
            int bottom = v0 + bh - 1;
            if (touches(u0, bottom, 1, 0, bw, 0, 1)) {
                Optional<Support> below = stripPlane(u0, r0, bw, Math.min(depth.height(), r0 + rows) - r0);
                if (below.isPresent()) {
                    return below;
                }
            }
            int cols = Math.max(2, (int) Math.ceil(o.ringShare() * bw));
            int half = v0 + bh / 2;
            int left = Math.max(0, u0 - cols);
            if (touches(u0, half, 0, 1, v0 + bh - half, -1, 0)) {
                Optional<Support> side = stripPlane(left, half, u0 - left, v0 + bh - half);
                if (side.isPresent()) {
                    return side;
                }
            }
            int right = Math.min(depth.width(), u0 + bw + cols);
            if (!touches(u0 + bw - 1, half, 0, 1, v0 + bh - half, 1, 0)) {
                return Optional.empty();
            }
            return stripPlane(u0 + bw, half, right - u0 - bw, v0 + bh - half);
        }

        /**
         * Whether the box's edge and the strip beyond it meet: at least {@link #MIN_CONTACT_SHARE} of the
         * measured pixel pairs across the edge are depth-continuous. An object touches what it stands on;
         * the top of a nearer object that hides the object's lower part does not.
         *
         * @param u the first edge pixel, column; advancing by ({@code su}, {@code sv}) for {@code n} pixels
         * @param du the step across the edge, out of the box
         */
        private boolean touches(int u, int v, int su, int sv, int n, int du, int dv) {
            int w = depth.width();
            int pairs = 0;
            int continuous = 0;
            for (int i = 0; i < n; i++) {
                int a = u + i * su;
                int b = v + i * sv;
                int c = a + du;
                int d = b + dv;
                if (c < 0 || c >= w || d < 0 || d >= depth.height()) {
                    continue;
                }
                float za = z[b * w + a];
                float zc = z[d * w + c];
                if (za > DepthMap.INVALID && zc > DepthMap.INVALID) {
                    pairs++;
                    continuous += Math.abs(za - zc) <= jump(za, zc) ? 1 : 0;
                }
            }
            return pairs > 0 && continuous >= MIN_CONTACT_SHARE * pairs;
        }

        /**
         * The support plane of the {@code cw x ch} strip at ({@code su0}, {@code sv0}): fitted to the up-facing
         * pixels of the strip's largest depth-connected part (a strip can cross a neighbouring object),
         * refitted to the points within 2.5 robust sigmas, then grown beyond the strip; empty when the
         * strip is too small, mostly unmeasured, not planar, not facing up, or cuts the box's object.
         */
        private Optional<Support> stripPlane(int su0, int sv0, int cw, int ch) {
            int w = depth.width();
            if (cw < 2 || ch < 2) {
                return Optional.empty();
            }
            // The strip's pixels that face up (a support does); a strip below a stacked object also shows
            // the front face of the object under it.
            double cosTilt = Math.cos(Math.toRadians(SUPPORT_MAX_TILT_DEGREES));
            boolean[] measured = new boolean[cw * ch];
            int valid = 0;
            for (int i = 0; i < measured.length; i++) {
                int u = su0 + i % cw;
                int v = sv0 + i / cw;
                float d = z[v * w + u];
                if (d > DepthMap.INVALID) {
                    double[] n = normal(u, v, d);
                    measured[i] = n == null || upness(n, u, v, d) >= cosTilt;
                    valid += measured[i] ? 1 : 0;
                }
            }
            // Too few such pixels (holes, walls, the image border): no plane to tell.
            if (valid < MIN_RING_PIXELS || valid < MIN_UP_SHARE * measured.length) {
                return Optional.empty();
            }
            int[] parent = components(su0, sv0, cw, ch, measured);
            int[] size = new int[parent.length];
            int largest = -1;
            for (int i = 0; i < parent.length; i++) {
                if (measured[i]) {
                    int root = find(parent, i);
                    if (++size[root] > (largest < 0 ? 0 : size[largest])) {
                        largest = root;
                    }
                }
            }
            int count = size[largest];
            if (count < MIN_RING_PIXELS) {
                return Optional.empty();
            }
            float[] pts = new float[3 * count];
            int[] seeds = new int[count];
            int m = 0;
            for (int i = 0; i < parent.length; i++) {
                if (measured[i] && find(parent, i) == largest) {
                    int u = su0 + i % cw;
                    int v = sv0 + i / cw;
                    float d = z[v * w + u];
                    pts[3 * m] = (float) cameraX(u, d);
                    pts[3 * m + 1] = (float) cameraY(v, d);
                    pts[3 * m + 2] = d;
                    seeds[m] = v * w + u;
                    m++;
                }
            }
            PlaneFit first = Planes.fitLeastSquares(pts, null);
            if (!first.isFound()) {
                return Optional.empty();
            }
            double[] abs = new double[count];
            for (int i = 0; i < count; i++) {
                abs[i] = first.plane().distance(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]);
            }
            double[] sorted = abs.clone();
            Arrays.sort(sorted);
            double keep = Math.max(2.5 * 1.4826 * sorted[count / 2], 0.5 * o.supportToleranceMeters());
            int[] inliers = new int[count];
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (abs[i] <= keep) {
                    inliers[n++] = i;
                }
            }
            PlaneFit refit = n < 3 ? first : Planes.fitLeastSquares(pts, Arrays.copyOf(inliers, n));
            if (!refit.isFound()) {
                return Optional.empty();
            }
            // Oriented toward the camera (its origin on the positive side): a support seen from above faces up.
            Plane plane = refit.plane().d() < 0 ? refit.plane().flipped() : refit.plane();
            if (-plane.ny() < Math.cos(Math.toRadians(SUPPORT_MAX_TILT_DEGREES))) {
                return Optional.empty();
            }
            double limit = Math.max(o.supportToleranceMeters(), 3 * refit.rmsDistance());
            int on = 0;
            for (int i = 0; i < count; i++) {
                if (plane.distance(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]) <= limit) {
                    on++;
                }
            }
            if (on < o.minRingInliers() * count) {
                return Optional.empty();
            }
            // A strip is thin: its plane tilts by the noise over a short baseline. Grow it over the
            // connected pixels on it beyond the strip and refit, a few times.
            double rms = refit.rmsDistance();
            for (int round = 0; round < GROW_ROUNDS; round++) {
                PlaneFit grown = grow(plane, limit, seeds);
                if (!grown.isFound()) {
                    break;
                }
                plane = grown.plane().d() < 0 ? grown.plane().flipped() : grown.plane();
                rms = grown.rmsDistance();
                limit = Math.max(o.supportToleranceMeters(), 3 * rms);
            }
            if (-plane.ny() < Math.cos(Math.toRadians(SUPPORT_MAX_TILT_DEGREES)) || !supportsBox(plane, limit)) {
                return Optional.empty();
            }
            double meanDepth = 0;
            for (int i = 0; i < count; i++) {
                meanDepth += pts[3 * i + 2];
            }
            return Optional.of(new Support(plane, limit, rms / (meanDepth / count)));
        }

        /**
         * The least-squares plane of the pixels within {@code limit} of {@code plane} that are connected
         * to {@code seeds} (image indices) through such pixels outside the box, at most
         * {@link #GROW_CAP} box areas of them.
         */
        private PlaneFit grow(Plane plane, double limit, int[] seeds) {
            int w = depth.width();
            int h = depth.height();
            int cap = seeds.length + GROW_CAP * bw * bh;
            java.util.BitSet seen = new java.util.BitSet(w * h);
            int[] queue = new int[cap];
            int tail = 0;
            for (int p : seeds) {
                if (!seen.get(p) && tail < cap) {
                    seen.set(p);
                    queue[tail++] = p;
                }
            }
            for (int head = 0; head < tail && tail < cap; head++) {
                int p = queue[head];
                int u = p % w;
                int v = p / w;
                for (int d = 0; d < 4 && tail < cap; d++) {
                    int uu = u + (d == 0 ? 1 : d == 1 ? -1 : 0);
                    int vv = v + (d == 2 ? 1 : d == 3 ? -1 : 0);
                    if (uu < 0 || uu >= w || vv < 0 || vv >= h || inBox(uu, vv)) {
                        continue;
                    }
                    int q = vv * w + uu;
                    float zq = z[q];
                    if (seen.get(q) || !(zq > DepthMap.INVALID) || Math.abs(zq - z[p]) > jump(z[p], zq)) {
                        continue;
                    }
                    double x = cameraX(uu, zq);
                    double y = cameraY(vv, zq);
                    if (plane.distance(x, y, zq) <= limit) {
                        seen.set(q);
                        queue[tail++] = q;
                    }
                }
            }
            float[] xyz = new float[3 * tail];
            for (int i = 0; i < tail; i++) {
                int p = queue[i];
                float d = z[p];
                xyz[3 * i] = (float) cameraX(p % w, d);
                xyz[3 * i + 1] = (float) cameraY(p / w, d);
                xyz[3 * i + 2] = d;
            }
            return Planes.fitLeastSquares(xyz, null);
        }

        /**
         * Whether {@code plane} (oriented toward the camera) can carry what the box shows: most of the
         * box's measured pixels off the plane lie on the camera's side of it (an object rests on its
         * support on the side the camera sees it from; a plane fitted to an occluder cuts through it).
         */
        private boolean supportsBox(Plane plane, double limit) {
            int w = depth.width();
            double camera = Math.signum(plane.d()); // signed distance of the camera origin
            int same = 0;
            int opposite = 0;
            for (int v = v0; v < v0 + bh; v++) {
                for (int u = u0; u < u0 + bw; u++) {
                    float d = z[v * w + u];
                    if (d > DepthMap.INVALID) {
                        double s = plane.signedDistance(cameraX(u, d), cameraY(v, d), d);
                        if (Math.abs(s) > limit) {
                            if (Math.signum(s) == camera) {
                                same++;
                            } else {
                                opposite++;
                            }
                        }
                    }
                }
            }
            return camera != 0 && same >= opposite;
        }

        /**
         * The candidate surfaces of the box (see the class notes), best first.
         *
         * @param supports the boxes of the frame with a support plane: outside this box, surfaces are
         *     followed only off every one of their planes (the floor under an occluded object shows
         *     only beside other objects)
         */
        List<Candidate> candidates(List<Box> supports) {
            int w = depth.width();
            int n = bw * bh;
            boolean[] usable = new boolean[n];
            double cosMax = Math.cos(Math.toRadians(o.supportNormalDegrees()));
            // This box's support, and those of other objects that can carry this one too (the floor under
            // an occluder shows beside the object it hides), unless their box lies inside this one: the
            // support of an object inside this box may be this object's own surface (a table top carries
            // cups), and a plane this object lies below (the top of a box, the support of what stands on
            // it) is not its support.
            List<Box> removed = new ArrayList<>();
            for (Box b : supports) {
                Support sp = b.support.orElseThrow();
                if (b == this || !contains(b) && supportsBox(sp.plane(), sp.tolerance())) {
                    removed.add(b);
                }
            }
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    int u = u0 + x;
                    int v = v0 + y;
                    float d = z[v * w + u];
                    boolean support = false;
                    for (int k = 0; k < removed.size() && !support && d > DepthMap.INVALID; k++) {
                        support = removed.get(k).onSupport(u, v, d, cosMax);
                    }
                    usable[y * bw + x] = d > DepthMap.INVALID && !support;
                }
            }
            int[] parent = components(u0, v0, bw, bh, usable);
            double[] score = new double[n];
            int[] size = new int[n];
            double cx = 0.5 * bw;
            double cy = 0.5 * bh;
            for (int y = 0; y < bh; y++) {
                double ty = 1 - Math.abs(y + 0.5 - cy) / cy;
                for (int x = 0; x < bw; x++) {
                    int i = y * bw + x;
                    if (usable[i]) {
                        int root = find(parent, i);
                        double tent = (1 - Math.abs(x + 0.5 - cx) / cx) * ty;
                        score[root] += EDGE_WEIGHT + (1 - EDGE_WEIGHT) * tent;
                        size[root]++;
                    }
                }
            }
            // Candidates: the components within CANDIDATE_SHARE of the best centre-weighted score, best
            // first; each is weighed by the share of its surface that lies in the box, and one whose
            // surface lies mostly outside (an occluder, a wall) is not the box's object.
            Integer[] roots = java.util.stream.IntStream.range(0, n).filter(i -> size[i] > 0).boxed()
                    .sorted((a, b) -> Double.compare(score[b], score[a])).limit(MAX_CANDIDATES).toArray(Integer[]::new);
            List<Candidate> out = new ArrayList<>();
            for (Integer root : roots) {
                if (score[root] < CANDIDATE_SHARE * score[roots[0]]) {
                    break;
                }
                double own = (double) size[root] / extent(parent, usable, root, size[root], supports);
                if (own < MIN_OWN_SHARE) {
                    continue;
                }
                int[] pixels = new int[size[root]];
                int m = 0;
                float zMin = Float.POSITIVE_INFINITY;
                float zMax = 0;
                for (int i = 0; i < n; i++) {
                    if (usable[i] && find(parent, i) == root) {
                        int p = (v0 + i / bw) * w + u0 + i % bw;
                        pixels[m++] = p;
                        zMin = Math.min(zMin, z[p]);
                        zMax = Math.max(zMax, z[p]);
                    }
                }
                out.add(new Candidate(pixels, score[root] * own, own, zMin, zMax));
            }
            return out;
        }

        /**
         * The number of pixels of the connected surface that component {@code root} (of {@code inside}
         * pixels in the box) belongs to when it is followed beyond the box, up to
         * {@code inside + EXTENT_CAP x box area}: an object ends at its box, the surfaces of an occluder,
         * a wall or an unremoved support run on.
         */
        private int extent(int[] parent, boolean[] usable, int root, int inside, List<Box> supports) {
            int w = depth.width();
            int h = depth.height();
            int cap = inside + EXTENT_CAP * bw * bh;
            java.util.BitSet seen = new java.util.BitSet(w * h);
            int[] queue = new int[Math.min(w * h, cap + 4)];
            int head = 0;
            int tail = 0;
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    int i = y * bw + x;
                    if (usable[i] && find(parent, i) == root) {
                        int p = (v0 + y) * w + u0 + x;
                        seen.set(p);
                        queue[tail++] = p;
                    }
                }
            }
            int count = tail;
            while (head < tail && count < cap) {
                int p = queue[head++];
                int u = p % w;
                int v = p / w;
                float zp = z[p];
                for (int k = 0; k < 4 && count < cap; k++) {
                    int uu = u + (k == 0 ? 1 : k == 1 ? -1 : 0);
                    int vv = v + (k == 2 ? 1 : k == 3 ? -1 : 0);
                    if (uu < 0 || uu >= w || vv < 0 || vv >= h) {
                        continue;
                    }
                    int q = vv * w + uu;
                    if (seen.get(q)) {
                        continue;
                    }
                    float zq = z[q];
                    if (!(zq > DepthMap.INVALID) || Math.abs(zq - zp) > jump(zp, zq)) {
                        continue;
                    }
                    if (!smooth(u, v, zp, uu, vv, zq)) {
                        continue;
                    }
                    seen.set(q);
                    // Box pixels were counted by their own components. Outside the box, every pixel near
                    // a support plane is support, whatever its normal: the crease at another object's
                    // base or at the support's own edge must not join surfaces.
                    if (inBox(uu, vv) || nearAnySupport(supports, uu, vv, zq)) {
                        continue;
                    }
                    queue[tail++] = q;
                    count++;
                }
            }
            return count;
        }

        /** Whether {@code other}'s box lies inside this one. */
        private boolean contains(Box other) {
            return other.u0 >= u0 && other.v0 >= v0 && other.u0 + other.bw <= u0 + bw && other.v0 + other.bh <= v0 + bh;
        }

        private boolean inBox(int u, int v) {
            return u >= u0 && u < u0 + bw && v >= v0 && v < v0 + bh;
        }

        private static boolean nearAnySupport(List<Box> supports, int u, int v, float d) {
            for (Box b : supports) {
                if (b.nearSupport(u, v, d, BARRIER_PIXELS)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether pixel (u, v) of depth {@code d} lies within the tolerance of the support plane, or
         * within {@code pixels} pixel footprints ({@code d / f}) of it when that is more.
         */
        private boolean nearSupport(int u, int v, float d, double pixels) {
            double x = cameraX(u, d);
            double y = cameraY(v, d);
            Support sp = support.orElseThrow();
            double band = Math.max(sp.tolerance(), pixels * d / Math.min(k.fx(), k.fy()));
            return sp.plane().distance(x, y, d) <= band;
        }

        /**
         * Whether the surface runs on smoothly from pixel (u, v) to its neighbour: their normals within
         * {@link #CREASE_DEGREES} (or either unknown). Outside the box a surface is followed only across
         * smooth ground, so an object's base does not lead into the floor through the crease where they meet.
         */
        private boolean smooth(int u, int v, float d, int uu, int vv, float dd) {
            double[] a = normal(u, v, d);
            double[] b = normal(uu, vv, dd);
            return a == null || b == null
                    || a[0] * b[0] + a[1] * b[1] + a[2] * b[2] >= Math.cos(Math.toRadians(CREASE_DEGREES));
        }

        /**
         * How much normal {@code n} at pixel (u, v) of depth {@code d} faces camera up once turned toward
         * the camera: the cosine of its angle to {@code -y}.
         */
        private double upness(double[] n, int u, int v, float d) {
            double x = cameraX(u, d);
            double y = cameraY(v, d);
            double toward = -(n[0] * x + n[1] * y + n[2] * d) >= 0 ? 1 : -1;
            return -toward * n[1];
        }

        /** The unit surface normal at pixel (u, v) of depth {@code d}, null when it cannot be told. */
        private double[] normal(int u, int v, float d) {
            double[] du = tangent(u, v, d, 1, 0);
            double[] dv = tangent(u, v, d, 0, 1);
            if (du == null || dv == null) {
                return null;
            }
            double nx = du[1] * dv[2] - du[2] * dv[1];
            double ny = du[2] * dv[0] - du[0] * dv[2];
            double nz = du[0] * dv[1] - du[1] * dv[0];
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            return len > 0 ? new double[] {nx / len, ny / len, nz / len} : null;
        }

        /** Whether pixel (u, v) of depth {@code d} lies on the support plane and faces the same way. */
        private boolean onSupport(int u, int v, float d, double cosMax) {
            Plane p = support.orElseThrow().plane();
            if (!nearSupport(u, v, d, 0)) {
                return false;
            }
            double[] n = normal(u, v, d);
            // No normal to tell: on the plane is enough.
            return n == null || Math.abs(n[0] * p.nx() + n[1] * p.ny() + n[2] * p.nz()) >= cosMax;
        }

        /**
         * The 3D step to the neighbour {@code normalStep} pixels along (su, sv), taken on the side
         * whose depth is closer (null when neither side is measured), signed to point along +axis.
         */
        private double[] tangent(int u, int v, float d, int su, int sv) {
            int w = depth.width();
            double[] best = null;
            double bestDz = Double.POSITIVE_INFINITY;
            for (int sign = -1; sign <= 1; sign += 2) {
                int uu = u + sign * su * normalStep;
                int vv = v + sign * sv * normalStep;
                if (uu < 0 || uu >= w || vv < 0 || vv >= depth.height()) {
                    continue;
                }
                float dn = z[vv * w + uu];
                if (!(dn > DepthMap.INVALID) || Math.abs(dn - d) >= bestDz) {
                    continue;
                }
                bestDz = Math.abs(dn - d);
                double x0 = cameraX(u, d);
                double y0 = cameraY(v, d);
                double x1 = cameraX(uu, dn);
                double y1 = cameraY(vv, dn);
                best = new double[] {sign * (x1 - x0), sign * (y1 - y0), sign * (dn - d)};
            }
            return best;
        }

        private static int find(int[] parent, int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        private static void union(int[] parent, int a, int b) {
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
    }
}
