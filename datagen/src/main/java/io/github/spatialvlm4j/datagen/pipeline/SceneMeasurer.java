package io.github.spatialvlm4j.datagen.pipeline;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.Occlusion;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.PointCloud;
import io.github.spatialvlm4j.geometry.ShapeMismatchException;
import io.github.spatialvlm4j.kernels.KernelBodies;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * SPEC stages 3-5 and 7 for a frame that has depth, intrinsics and object masks: lift every
 * object's pixels, clean each object, find the floor among the non-object points, and measure
 * the facts. Thread-safe when the kernels are; holds no per-frame state.
 */
public final class SceneMeasurer {

    /**
     * What measuring one frame gave.
     *
     * @param facts the scene facts, empty when the frame was skipped
     * @param skip why the frame was skipped, empty otherwise
     * @param detail a human-readable note (skip detail, or how canonicalization went)
     * @param objectsIn objects with a mask and a caption
     * @param objectsDropped objects dropped by cleaning (too few points, no cluster)
     * @param objectClouds the cleaned object clouds (camera frame), in the order of {@code facts.objects()}
     * @param orientation up and the floor, when the frame had depth and intrinsics (also for a frame skipped
     *     afterwards, e.g. one without object masks)
     */
    public record Measurement(Optional<SceneFacts> facts, Optional<SkipReason> skip, String detail, int objectsIn,
            int objectsDropped, List<PointCloud> objectClouds, Optional<Canonicalizer.Result> orientation) {
        static Measurement skipped(SkipReason reason, String detail, Optional<Canonicalizer.Result> orientation) {
            return new Measurement(Optional.empty(), Optional.of(reason), detail, 0, 0, List.of(), orientation);
        }
    }

    private final Kernels kernels;
    private final MeasureOptions options;
    private final ObjectCleaner cleaner;
    private final Canonicalizer canonicalizer;

    public SceneMeasurer(Kernels kernels, MeasureOptions options) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.options = Objects.requireNonNull(options, "options");
        this.cleaner = new ObjectCleaner(kernels, options.cleanup());
        this.canonicalizer = new Canonicalizer(kernels, options.canonicalize());
    }

    /**
     * Measures {@code frame}. Timings are added to {@code times}.
     *
     * @param frameSeed the frame's seed (see {@link io.github.spatialvlm4j.datagen.Seeds#frameSeed})
     */
    public Measurement measure(Frame frame, long frameSeed, StageTimes times) {
        if (frame.depth().isEmpty()) {
            return Measurement.skipped(SkipReason.NO_DEPTH, "frame " + frame.id()
                    + " has no depth; a metric depth model is needed (--models)", Optional.empty());
        }
        if (frame.intrinsics().isEmpty()) {
            return Measurement.skipped(SkipReason.NO_INTRINSICS, "frame " + frame.id() + " has no intrinsics",
                    Optional.empty());
        }
        CameraIntrinsics intrinsics = frame.intrinsics().get();
        long t0 = System.nanoTime();
        DepthMap depth = Speckles.remove(FlyingPixels.remove(frame.depth().get()));
        // Depth from a network smears every edge into a ramp: each object's outline is resolved first.
        if (frame.labels().isPresent() && Ramps.smeared(depth)) {
            depth = Ramps.resolveAll(depth, frame.labels().get(), intrinsics);
        }
        long t1 = System.nanoTime();
        times.add(Stage.LIFT, t1 - t0);

        Canonicalizer.Result canon = canonicalizer.canonicalize(depth, intrinsics, frame.groundMask(), frame.labels(),
                frame.gravity(), frameSeed);
        long t2 = System.nanoTime();
        times.add(Stage.CANONICALIZE, t2 - t1);
        if (frame.labels().isEmpty()) {
            return Measurement.skipped(SkipReason.NO_OBJECT_MASKS, "frame " + frame.id()
                    + " has no object masks; a detector and segmenter are needed (--models)", Optional.of(canon));
        }
        LabelImage labels = frame.labels().get();
        // Only the objects' pixels and a sample of the others are lifted, not the whole frame.
        PixelsByLabel lifted = PixelsByLabel.of(depth, labels, options.minDepth(), options.maxDepth());
        DepthMap measured = depth;
        Optional<PointCloud> background = canon.floor().map(f -> kernels.backProjectPixels(measured, intrinsics,
                lifted.backgroundSample(labels, options.canonicalize().samplePixels())));
        long t2b = System.nanoTime();
        times.add(Stage.LIFT, t2b - t2);
        t2 = t2b;

        Optional<FloorSupport> floor = canon.floor().map(f -> new FloorSupport(canon.frame(), f, background.get()));
        Map<Integer, PixelBox> boxes = FactsExtractor.pixelBoxes(labels);
        Map<Integer, Float> occluded = Occlusion.occludedOutline(labels, depth);
        List<Integer> ids = new ArrayList<>();
        List<PointCloud> clouds = new ArrayList<>();
        List<float[]> noise = new ArrayList<>();
        List<Optional<SupportSurface>> floors = new ArrayList<>();
        int objectsIn = 0;
        int dropped = 0;
        for (int k = 0; k < lifted.ids().length; k++) {
            int id = lifted.ids()[k];
            String caption = frame.captions().get(id);
            if (caption == null || caption.isBlank()) {
                continue;
            }
            objectsIn++;
            int[] pixelOf = lifted.pixels()[k];
            PointCloud raw = kernels.backProjectPixels(depth, intrinsics, pixelOf);
            Optional<SupportSurface> under = floor.map(f -> f.near(raw));
            ObjectCleaner.Result cleaned = cleaner.clean(raw, under.map(List::of).orElse(List.of()));
            if (cleaned.kept()) {
                int[] kept = cleaned.keptIndices();
                int[] pixels = new int[kept.length];
                for (int i = 0; i < kept.length; i++) {
                    pixels[i] = pixelOf[kept[i]];
                }
                ids.add(id);
                SurfaceSmoothing.Smoothed smoothed = SurfaceSmoothing.relift(depth, intrinsics, pixels);
                clouds.add(smoothed.cloud());
                noise.add(smoothed.pointNoise());
                floors.add(under);
            } else {
                dropped++;
            }
        }
        long t3 = System.nanoTime();
        times.add(Stage.CLEAN, t3 - t2);

        if (ids.isEmpty()) {
            return new Measurement(Optional.empty(), Optional.of(SkipReason.NO_OBJECTS), "frame " + frame.id()
                    + ": no object left after cleaning (" + objectsIn + " in, " + dropped + " dropped)", objectsIn,
                    dropped, List.of(), Optional.of(canon));
        }
        List<ObjectFacts> objects = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            objects.add(FactsExtractor.objectFacts(id, frame.captions().get(id), clouds.get(i), noise.get(i),
                    canon.frame(), floors.get(i), boxes.get(id), occluded.get(id)));
        }
        // Two things cannot stand on the floor in the same place: an object set on the floor inside another's
        // footprint stands on that one (a ball on a low box looks, to the floor-contact rule, like a ball on the
        // floor), and its base is that one's top.
        for (int i = 0; i < objects.size(); i++) {
            OptionalDouble support = supportUnder(objects, i);
            if (support.isPresent()) {
                int id = ids.get(i);
                objects.set(i, FactsExtractor.objectFacts(id, frame.captions().get(id), clouds.get(i), noise.get(i),
                        canon.frame(), floors.get(i), support, boxes.get(id), occluded.get(id)));
            }
        }
        float[] gaps = ObjectGaps.matrix(kernels, clouds);
        SceneFacts facts = new SceneFacts(frame.id(), depth.width(), depth.height(), objects, canon.state(),
                canon.floor(), canon.frame().cameraToFloor(), gaps, canon.detail());
        times.add(Stage.FACTS, System.nanoTime() - t3);
        return new Measurement(Optional.of(facts), Optional.empty(), canon.detail(), objectsIn, dropped,
                List.copyOf(clouds), Optional.of(canon));
    }

    /** Lowest height above the floor of a support's top, meters: below it the band decides. */
    static final double MIN_SUPPORT_TOP = 0.04;

    /**
     * The top of the object that object {@code i} stands on, when it was set on the floor (base 0) although
     * its footprint centre lies within another object's footprint (the disc inscribed in it) below its own
     * top; empty otherwise.
     */
    static OptionalDouble supportUnder(List<ObjectFacts> objects, int i) {
        ObjectFacts a = objects.get(i);
        if (a.bottom() != 0) {
            return OptionalDouble.empty();
        }
        double best = -1;
        for (int j = 0; j < objects.size(); j++) {
            ObjectFacts b = objects.get(j);
            if (j == i || b.bottom() > a.bottom() || b.top() < MIN_SUPPORT_TOP || b.top() >= a.top()) {
                continue;
            }
            double dx = a.centerUp().x() - b.centerUp().x();
            double dy = a.centerUp().y() - b.centerUp().y();
            double r = 0.5 * Math.min(b.width(), b.depth());
            if (dx * dx + dy * dy <= r * r && b.top() > best) {
                best = b.top();
            }
        }
        return best < 0 ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    /**
     * The pixels {@link Kernels#backProject} lifts (depth in {@code (minDepth, maxDepth]}) by label, in the order
     * of its points: the ascending non-zero ids that have one, each id's pixels in row-major order, and the
     * number of unlabelled ones.
     */
    private record PixelsByLabel(int[] ids, int[][] pixels, int background, float minDepth, float maxDepth,
            float[] depth) {

        static PixelsByLabel of(DepthMap depth, LabelImage labels, float minDepth, float maxDepth) {
            if (labels.width() != depth.width() || labels.height() != depth.height()) {
                throw new ShapeMismatchException("Label image is " + labels.width() + "x" + labels.height()
                        + " but the depth map is " + depth.width() + "x" + depth.height());
            }
            float[] z = depth.meters();
            int[] label = labels.ids();
            // Pixels of one object come in runs along the rows: its counter is looked up per run.
            Map<Integer, int[]> counts = new TreeMap<>();
            int background = 0;
            int runId = LabelImage.NONE;
            int[] run = null;
            for (int p = 0; p < z.length; p++) {
                if (!KernelBodies.depthInRange(z[p], minDepth, maxDepth)) {
                    continue;
                }
                int id = label[p];
                if (id == LabelImage.NONE) {
                    background++;
                    continue;
                }
                if (id != runId) {
                    runId = id;
                    run = counts.computeIfAbsent(id, k -> new int[2]);
                }
                run[0]++;
            }
            int[] ids = new int[counts.size()];
            int[][] pixels = new int[ids.length][];
            int k = 0;
            for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
                ids[k] = e.getKey();
                pixels[k] = new int[e.getValue()[0]];
                e.getValue()[1] = k++;
            }
            runId = LabelImage.NONE;
            int[] fill = null;
            int[] filled = new int[ids.length];
            int slot = 0;
            for (int p = 0; p < z.length; p++) {
                int id = label[p];
                if (id == LabelImage.NONE || !KernelBodies.depthInRange(z[p], minDepth, maxDepth)) {
                    continue;
                }
                if (id != runId) {
                    runId = id;
                    slot = counts.get(id)[1];
                    fill = pixels[slot];
                }
                fill[filled[slot]++] = p;
            }
            return new PixelsByLabel(ids, pixels, background, minDepth, maxDepth, z);
        }

        /**
         * The unlabelled pixels stride-sampled to about as many as the canonicalizer samples
         * ({@link PointCloud#strideIndices}), in row-major order.
         */
        int[] backgroundSample(LabelImage labels, int max) {
            int[] sampled = PointCloud.strideIndices(background, max);
            int stride = sampled.length > 1 ? sampled[1] : 1;
            int[] label = labels.ids();
            int j = 0;
            int k = 0;
            for (int p = 0; p < depth.length && k < sampled.length; p++) {
                if (label[p] != LabelImage.NONE || !KernelBodies.depthInRange(depth[p], minDepth, maxDepth)) {
                    continue;
                }
                if (j++ % stride == 0) {
                    sampled[k++] = p;
                }
            }
            return sampled;
        }
    }
}
