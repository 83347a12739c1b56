package io.github.spatialvlm4j.datagen.source.synthetic;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.Occlusion;
import io.github.spatialvlm4j.datagen.pipeline.FactsExtractor;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.joml.Matrix3d;
import org.joml.Matrix4fc;
import org.joml.Vector3d;
import org.joml.Vector3f;

/**
 * Synthetic RGB-D scenes with exact ground truth: the data engine's built-in source and the oracle of its
 * audit.
 *
 * <p><b>Scene.</b> World frame z up, floor {@code z = 0}, optionally a back wall and two side walls behind the
 * objects. {@code minObjects..maxObjects} objects: boxes turned about the vertical (45%), vertical cylinders
 * (30%) and balls (25%), sides 0.1-1.2 m (log-uniform), resting on the floor 2-6 m from the camera inside the
 * horizontal field of view, or, with {@code stackingProbability}, on the top of a box already placed (one
 * object per box top, its footprint inside the top). Objects keep at least {@value #MIN_SEPARATION} m from
 * each other (except from their support) and their centres project inside the image. Colours come from
 * {@link NamedColor}, mostly distinct; repeats (two "red box") happen on purpose. Camera: height 1.0-1.8 m,
 * pitch 10-35 degrees down, roll within 5 degrees, any yaw, horizontal field of view 55-75 degrees.
 *
 * <p><b>Rendering.</b> One ray per pixel centre; depth is the camera-frame z of the first hit (0 where the ray
 * hits nothing), labels the object id (0 for floor, walls and background), colour the palette colour times
 * Lambert shading under a fixed light. Objects with fewer than {@code minVisiblePixels} visible pixels are
 * removed from labels, captions and ground truth; the others are numbered 1..k in placement order. When fewer
 * than {@code minObjects} objects stay visible the scene is re-drawn, {@value #MAX_ATTEMPTS} times at most.
 *
 * <p><b>Ground truth</b> ({@link Frame#groundTruth()}), exact and noise-free, following the
 * {@link ObjectFacts} definitions: floor plane in the camera frame (normal up), {@code cameraToUp} from
 * {@link FloorFrame#fromFloorPlane}; per object the true geometric centre, gravity-aligned box sides, vertical
 * span (world z, which is the floor-frame z), visible pixel count and pixel extent; pairwise gaps from
 * {@link SolidGaps} (analytic).
 *
 * <p>Captions: {@code [size adjective] colour noun}, the adjective relative to the other visible objects (see
 * the package-private {@code Captions}); balls are called "ball" or "sphere" at random.
 *
 * <p>Deterministic: a seed gives identical arrays. Thread-safe: no mutable state. Cost O(pixels x objects):
 * 0.16 s per 640x480 frame with 12 objects, measured on a heavily shared 2-core machine.
 *
 * <p>Why one class of this size: drawing a scene, the placement rules it re-draws on, and
 * assembling the frame with its exact ground truth are one recipe whose parameters refer to one
 * another; ray casting, noise, captions and the exact gaps are already apart
 * ({@code SceneRenderer}, {@code NoiseInjection}, {@code Captions}, {@link SolidGaps}).
 */
public final class SyntheticSceneGenerator {
    /** Least distance between objects that do not support each other, meters. */
    public static final double MIN_SEPARATION = 0.03;
    /** Most scene draws per frame. */
    public static final int MAX_ATTEMPTS = 8;
    private static final int PLACEMENT_ATTEMPTS = 40;
    private static final double MIN_SIZE = 0.1;
    private static final double MAX_SIZE = 1.2;
    private static final double MIN_SUPPORT_SIDE = 0.3;
    /** Stacked footprints stay within this share of the support's half sides. */
    private static final double SUPPORT_MARGIN = 0.9;
    private static final double MIN_CAMERA_DISTANCE = 0.5;
    /** Projected centres keep this share of the image size from the border. */
    private static final double IMAGE_MARGIN = 0.04;
    /** Salt of the noise generator's seed, so noise never changes the scene. */
    private static final long NOISE_SALT = 0x6E6F697365L;

    private final SyntheticSceneOptions options;

    public SyntheticSceneGenerator(SyntheticSceneOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SyntheticSceneOptions options() {
        return options;
    }

    /**
     * The frame of seed {@code seed}: image, depth, intrinsics, labels, captions and ground truth.
     *
     * @param frameId the frame id (not used for randomness)
     * @param seed the scene seed; the noise generator is seeded from it too
     */
    public Frame generate(String frameId, long seed) {
        Objects.requireNonNull(frameId, "frameId");
        Drawn drawn = draw(seed);
        return assemble(frameId, drawn.scene(), drawn.result(), noiseSeed(seed));
    }

    /** The scene that {@link #generate generate(id, seed)} renders (world-frame solids, camera pose). */
    public SyntheticScene scene(long seed) {
        return draw(seed).scene();
    }

    /**
     * Renders a given scene (e.g. a hand-built test scene) with this generator's noise model and visibility
     * threshold; the image size is the scene's intrinsics'.
     *
     * @param noiseSeed seed of the noise generator (unused when the noise model is {@link NoiseModel#NONE})
     */
    public Frame render(String frameId, SyntheticScene scene, long noiseSeed) {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(scene, "scene");
        return assemble(frameId, scene, SceneRenderer.render(scene), noiseSeed);
    }

    /** The seed of the noise generator of scene seed {@code seed}. */
    static long noiseSeed(long seed) {
        return io.github.spatialvlm4j.datagen.Seeds.mix(seed ^ NOISE_SALT);
    }

    private record Drawn(SyntheticScene scene, SceneRenderer.Result result) {
    }

    private Drawn draw(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Drawn drawn = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            SyntheticScene scene = sampleScene(rng);
            SceneRenderer.Result result = SceneRenderer.render(scene);
            drawn = new Drawn(scene, result);
            if (visibleCount(result, scene.objects().size()) >= options.minObjects()) {
                break;
            }
        }
        return drawn;
    }

    private int[] pixelCounts(SceneRenderer.Result result, int n) {
        int[] counts = new int[n];
        for (int i : result.objectIndex()) {
            if (i != SceneRenderer.NO_OBJECT) {
                counts[i]++;
            }
        }
        return counts;
    }

    private int visibleCount(SceneRenderer.Result result, int n) {
        int visible = 0;
        for (int c : pixelCounts(result, n)) {
            if (c >= options.minVisiblePixels()) {
                visible++;
            }
        }
        return visible;
    }

    // ---------------------------------------------------------------- sampling

    private SyntheticScene sampleScene(SplittableRandom rng) {
        double hfov = Math.toRadians(uniform(rng, 55, 75));
        CameraIntrinsics k = CameraIntrinsics.fromHorizontalFov(hfov, options.width(), options.height());
        CameraPose pose = new CameraPose(uniform(rng, -2, 2), uniform(rng, -2, 2), uniform(rng, 1.0, 1.8),
                uniform(rng, 0, 2 * Math.PI), Math.toRadians(uniform(rng, 10, 35)), Math.toRadians(uniform(rng, -5, 5)));
        int n = rng.nextInt(options.minObjects(), options.maxObjects() + 1);
        List<NamedColor> palette = new ArrayList<>(Arrays.asList(NamedColor.values()));
        for (int i = palette.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            NamedColor t = palette.get(i);
            palette.set(i, palette.get(j));
            palette.set(j, t);
        }
        List<PlacedObject> placed = new ArrayList<>();
        List<Boolean> freeTop = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NamedColor colour = !placed.isEmpty() && rng.nextDouble() < 0.15
                    ? placed.get(rng.nextInt(placed.size())).color() : palette.get(i % palette.size());
            double shapeDraw = rng.nextDouble();
            int shape = shapeDraw < 0.45 ? 0 : shapeDraw < 0.75 ? 1 : 2;
            String noun = shape == 0 ? "box" : shape == 1 ? "cylinder" : rng.nextBoolean() ? "ball" : "sphere";
            int support = -1;
            if (rng.nextDouble() < options.stackingProbability()) {
                List<Integer> candidates = new ArrayList<>();
                for (int j = 0; j < placed.size(); j++) {
                    if (freeTop.get(j) && placed.get(j).solid() instanceof Solid.Box b
                            && Math.min(b.sizeX(), b.sizeY()) >= MIN_SUPPORT_SIDE) {
                        candidates.add(j);
                    }
                }
                if (!candidates.isEmpty()) {
                    support = candidates.get(rng.nextInt(candidates.size()));
                }
            }
            for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
                boolean stacked = support >= 0 && attempt < PLACEMENT_ATTEMPTS / 2;
                Solid s = stacked ? drawStacked(rng, shape, (Solid.Box) placed.get(support).solid())
                        : drawOnFloor(rng, shape, pose, hfov);
                if (acceptable(s, stacked ? support : -1, placed, pose, k)) {
                    placed.add(new PlacedObject(s, colour, noun));
                    freeTop.add(s instanceof Solid.Box);
                    if (stacked) {
                        freeTop.set(support, false);
                    }
                    break;
                }
            }
        }
        List<Plane> walls = options.walls() ? drawWalls(rng, pose, placed) : List.of();
        return new SyntheticScene(pose, k, placed, walls);
    }

    private static Solid drawOnFloor(SplittableRandom rng, int shape, CameraPose pose, double hfov) {
        double rho = uniform(rng, 2, 6);
        double heading = pose.yaw() + uniform(rng, -0.5 * hfov, 0.5 * hfov);
        double x = pose.x() + rho * Math.cos(heading);
        double y = pose.y() + rho * Math.sin(heading);
        return drawSolid(rng, shape, x, y, 0, MAX_SIZE, MAX_SIZE);
    }

    /** A solid of the given shape with its base at {@code z = base}, footprint sides at most {@code maxSide}. */
    private static Solid drawSolid(SplittableRandom rng, int shape, double x, double y, double base,
            double maxFootprint, double maxSide) {
        switch (shape) {
            case 0 -> {
                double sx = logUniform(rng, MIN_SIZE, maxFootprint);
                double sy = logUniform(rng, MIN_SIZE, maxFootprint);
                double sz = logUniform(rng, MIN_SIZE, maxSide);
                return new Solid.Box(x, y, base + 0.5 * sz, sx, sy, sz, uniform(rng, 0, Math.PI));
            }
            case 1 -> {
                double r = 0.5 * logUniform(rng, MIN_SIZE, maxFootprint);
                double len = logUniform(rng, MIN_SIZE, maxSide);
                return new Solid.Cylinder(x, y, base + 0.5 * len, r, len);
            }
            default -> {
                double r = 0.5 * logUniform(rng, MIN_SIZE, maxFootprint);
                return new Solid.Sphere(x, y, base + r, r);
            }
        }
    }

    private static Solid drawStacked(SplittableRandom rng, int shape, Solid.Box support) {
        double hx = 0.5 * support.sizeX();
        double hy = 0.5 * support.sizeY();
        double maxRadius = SUPPORT_MARGIN * Math.min(hx, hy);
        // A box footprint's enclosing radius is half its diagonal: sides up to sqrt(2) * maxRadius keep it inside.
        double maxFootprint = Math.min(MAX_SIZE, shape == 0 ? Math.sqrt(2) * maxRadius : 2 * maxRadius);
        Solid probe = drawSolid(rng, shape, 0, 0, 0, Math.max(MIN_SIZE, maxFootprint), MAX_SIZE);
        double r = probe.footprintRadius();
        double ox = uniform(rng, -1, 1) * Math.max(0, hx - r);
        double oy = uniform(rng, -1, 1) * Math.max(0, hy - r);
        double c = Math.cos(support.yaw());
        double s = Math.sin(support.yaw());
        double x = support.cx() + c * ox - s * oy;
        double y = support.cy() + s * ox + c * oy;
        double base = support.top();
        if (probe instanceof Solid.Box b) {
            return new Solid.Box(x, y, base + 0.5 * b.sizeZ(), b.sizeX(), b.sizeY(), b.sizeZ(), b.yaw());
        }
        if (probe instanceof Solid.Cylinder cyl) {
            return new Solid.Cylinder(x, y, base + 0.5 * cyl.length(), cyl.radius(), cyl.length());
        }
        return new Solid.Sphere(x, y, base + r, r);
    }

    private boolean acceptable(Solid s, int support, List<PlacedObject> placed, CameraPose pose, CameraIntrinsics k) {
        if (support >= 0) {
            Solid.Box b = (Solid.Box) placed.get(support).solid();
            if (s.footprintRadius() > SUPPORT_MARGIN * 0.5 * Math.min(b.sizeX(), b.sizeY())) {
                return false;
            }
        }
        Vector3d c = pose.worldToCamera(new Vector3d(s.cx(), s.cy(), s.cz()), new Vector3d());
        if (c.z < MIN_CAMERA_DISTANCE) {
            return false;
        }
        double u = k.fx() * c.x / c.z + k.cx();
        double v = k.fy() * c.y / c.z + k.cy();
        double mu = IMAGE_MARGIN * k.width();
        double mv = IMAGE_MARGIN * k.height();
        if (u < mu || u > k.width() - 1 - mu || v < mv || v > k.height() - 1 - mv) {
            return false;
        }
        if (s.distanceTo(pose.x(), pose.y(), pose.height()) < MIN_CAMERA_DISTANCE) {
            return false;
        }
        for (int j = 0; j < placed.size(); j++) {
            if (j != support && SolidGaps.gap(s, placed.get(j).solid()) < MIN_SEPARATION) {
                return false;
            }
        }
        return true;
    }

    /** Back and side walls 0.5-2.5 m behind the farthest objects, in a room turned up to 20 degrees from the view. */
    private static List<Plane> drawWalls(SplittableRandom rng, CameraPose pose, List<PlacedObject> placed) {
        double roomYaw = pose.yaw() + Math.toRadians(uniform(rng, -20, 20));
        double fx = Math.cos(roomYaw);
        double fy = Math.sin(roomYaw);
        double lx = -fy;
        double ly = fx;
        double maxF = 2.5;
        double maxL = 0.5;
        double minL = -0.5;
        for (PlacedObject o : placed) {
            Solid s = o.solid();
            double rx = s.cx() - pose.x();
            double ry = s.cy() - pose.y();
            double f = rx * fx + ry * fy;
            double l = rx * lx + ry * ly;
            double r = s.footprintRadius();
            maxF = Math.max(maxF, f + r);
            maxL = Math.max(maxL, l + r);
            minL = Math.min(minL, l - r);
        }
        double back = maxF + uniform(rng, 0.5, 2.5);
        double left = maxL + uniform(rng, 0.5, 2.5);
        double right = -minL + uniform(rng, 0.5, 2.5);
        return List.of(
                Plane.fromPointAndNormal(pose.x() + back * fx, pose.y() + back * fy, 0, -fx, -fy, 0),
                Plane.fromPointAndNormal(pose.x() + left * lx, pose.y() + left * ly, 0, -lx, -ly, 0),
                Plane.fromPointAndNormal(pose.x() - right * lx, pose.y() - right * ly, 0, lx, ly, 0));
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double logUniform(SplittableRandom rng, double lo, double hi) {
        return lo * Math.exp(Math.log(hi / lo) * rng.nextDouble());
    }

    // ---------------------------------------------------------------- frame and ground truth

    private Frame assemble(String frameId, SyntheticScene scene, SceneRenderer.Result result, long noiseSeed) {
        CameraIntrinsics k = scene.intrinsics();
        int w = k.width();
        int h = k.height();
        List<PlacedObject> objects = scene.objects();
        int n = objects.size();
        int[] counts = pixelCounts(result, n);
        int[] newId = new int[n];
        List<PlacedObject> visible = new ArrayList<>();
        List<Integer> visibleIndex = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (counts[i] >= options.minVisiblePixels()) {
                visible.add(objects.get(i));
                visibleIndex.add(i);
                newId[i] = visible.size();
            }
        }
        int[] labels = new int[w * h];
        int[] index = result.objectIndex();
        for (int p = 0; p < index.length; p++) {
            labels[p] = index[p] == SceneRenderer.NO_OBJECT ? LabelImage.NONE : newId[index[p]];
        }

        CameraPose pose = scene.camera();
        Matrix3d rot = pose.worldFromCamera(new Matrix3d());
        Vector3d up = rot.transformTranspose(new Vector3d(0, 0, 1));
        Vector3d floorPoint = pose.worldToCamera(new Vector3d(pose.x(), pose.y(), 0), new Vector3d());
        Plane floor = Plane.fromPointAndNormal(floorPoint.x, floorPoint.y, floorPoint.z, up.x, up.y, up.z);
        Matrix4fc cameraToUp = FloorFrame.fromFloorPlane(floor).cameraToFloor();

        // Measured on the noise-free render with the same rules as the pipeline.
        LabelImage truthLabels = new LabelImage(w, h, labels);
        Map<Integer, Float> occluded = Occlusion.occludedOutline(truthLabels, new DepthMap(w, h, result.depth()));
        Map<Integer, PixelBox> boxes = FactsExtractor.pixelBoxes(truthLabels);
        double[] nearest = nearestVisible(result.depth(), labels, k, visible.size());
        String[] captionOf = Captions.of(visible);
        Map<Integer, String> captions = new HashMap<>();
        List<ObjectFacts> facts = new ArrayList<>();
        for (int j = 0; j < visible.size(); j++) {
            int i = visibleIndex.get(j);
            Solid s = visible.get(j).solid();
            Vector3d c = pose.worldToCamera(new Vector3d(s.cx(), s.cy(), s.cz()), new Vector3d());
            Vector3f center = new Vector3f((float) c.x, (float) c.y, (float) c.z);
            Vector3f centerUp = cameraToUp.transformPosition(new Vector3f(center));
            facts.add(new ObjectFacts(j + 1, captionOf[j], center, centerUp, (float) s.footprintWidth(),
                    (float) s.footprintDepth(), (float) s.height(), (float) s.bottom(), (float) s.top(), counts[i],
                    boxes.get(j + 1), occluded.getOrDefault(j + 1, 0f), java.util.OptionalDouble.of(nearest[j + 1])));
            captions.put(j + 1, captionOf[j]);
        }
        int m = visible.size();
        float[] gaps = new float[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                float g = (float) SolidGaps.gap(visible.get(a).solid(), visible.get(b).solid());
                gaps[a * m + b] = g;
                gaps[b * m + a] = g;
            }
        }
        SceneFacts truth = new SceneFacts(frameId, w, h, facts, true, Optional.of(floor), cameraToUp, gaps);

        float[] depth = result.depth();
        DepthMap trueDepth = new DepthMap(w, h, depth);
        double depthScale = 1;
        NoiseModel noise = options.noise();
        if (!noise.isNone()) {
            SplittableRandom rng = new SplittableRandom(noiseSeed);
            NoiseInjection.Depth corrupted = NoiseInjection.corruptDepth(depth, w, h, noise, rng);
            depth = corrupted.depth();
            depthScale = corrupted.scale();
            labels = NoiseInjection.corruptLabels(labels, w, h, noise.masks(), rng);
        }
        return new Frame(frameId, new RgbImage(w, h, result.rgb()), Optional.of(new DepthMap(w, h, depth)),
                Optional.of(k), Optional.of(new LabelImage(w, h, labels)), captions,
                Optional.of(new GroundTruth(truth, true, depthScale, Optional.of(trueDepth))), Optional.empty(),
                GravityHint.NONE);
    }

    /**
     * Per label id 1..n, the distance from the camera centre to the nearest visible pixel's surface point,
     * meters, from the noise-free depth (rays as in {@link SceneRenderer}); index 0 unused.
     */
    private static double[] nearestVisible(float[] depth, int[] labels, CameraIntrinsics k, int n) {
        double[] out = new double[n + 1];
        java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);
        int w = k.width();
        for (int p = 0; p < labels.length; p++) {
            int id = labels[p];
            if (id == LabelImage.NONE || !(depth[p] > 0)) {
                continue;
            }
            double x = (p % w - k.cx()) / k.fx();
            double y = (p / w - k.cy()) / k.fy();
            out[id] = Math.min(out[id], depth[p] * Math.sqrt(x * x + y * y + 1));
        }
        return out;
    }
}
