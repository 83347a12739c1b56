package io.github.spatialvlm4j.datagen.perception;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import io.github.spatialvlm4j.geometry.BoxDepthMasks;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.vlm.catalog.ModelCatalog;
import io.github.spatialvlm4j.vlm.clip.ClipModel;
import io.github.spatialvlm4j.vlm.clip.ImageFilter;
import io.github.spatialvlm4j.vlm.depth.DepthEstimate;
import io.github.spatialvlm4j.vlm.depth.MetricDepthModel;
import io.github.spatialvlm4j.vlm.depth.MetricDepthModels;
import io.github.spatialvlm4j.vlm.detect.Detection;
import io.github.spatialvlm4j.vlm.detect.ObjectDetector;
import io.github.spatialvlm4j.vlm.florence.Florence2;
import io.github.spatialvlm4j.vlm.florence.LocationTokens;
import io.github.spatialvlm4j.vlm.florence.RegionBox;
import io.github.spatialvlm4j.vlm.model.Closeables;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import io.github.spatialvlm4j.vlm.perception.GroundSegmenter;
import io.github.spatialvlm4j.vlm.sam.ObjectMask;
import io.github.spatialvlm4j.vlm.sam.SamMasker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The perception stage of the data engine (docs/ARCHITECTURE.md, "Data flow"): fills in what a
 * frame lacks with the models found under a models root, in the order of docs/ARCHITECTURE.md,
 * "Stages" (the models and their families: "Models").
 *
 * <ol>
 * <li>Filter (CLIP/SigLIP, when present): a plain photo (no depth, no labels) whose
 *     closest prompt is a negative one is skipped with {@link SkipReason#FILTERED_OUT}. Frames
 *     from RGB-D or synthetic sources are curated and not filtered.</li>
 * <li>Depth, when the frame has none: the metric depth model. Intrinsics, when the frame
 *     has none: the model's focal-length estimate when its family makes one
 *     ({@link io.github.spatialvlm4j.vlm.depth.DepthFamily#estimatesFocalLength()}: Depth Pro),
 *     else a pinhole camera with {@link PerceptionOptions#defaultHorizontalFovDegrees()} (principal
 *     point at the image centre, square pixels), which is also what Metric3D v2 is given. A frame with depth but no
 *     intrinsics gets the same default.</li>
 * <li>Regions and masks, when the frame has no labels: Florence-2 regions
 *     ({@link PerceptionOptions#regionTask()}), captions cut to 1-6 words, unnamed and empty boxes
 *     dropped, greedy NMS; without Florence-2, a COCO detector's boxes ({@link ObjectDetector},
 *     class-aware NMS), captioned with their class names and, when
 *     {@link PerceptionOptions#colorWords()}, a colour word read from the mask ("white cup"): fixed
 *     categories depart from the paper's free-form captions. Then one mask per box: SAM (box
 *     prompt) when present, else the detector's own instance masks (segment exports), else the
 *     box-and-depth rule ({@link BoxDepthMasks}) when the frame has depth. The source of every mask
 *     is recorded ({@link MaskSource}). No region or only empty masks skip the frame
 *     ({@link SkipReason#NO_OBJECTS}).</li>
 * <li>Ground mask (for the canonicalize stage's floor), when enabled and the frame has none:
 *     Florence-2 phrase grounding of floor/ground/table-top phrases + SAM ({@link GroundSegmenter}), reusing the SAM image
 *     embedding; attached only when its share of the image is at least
 *     {@link PerceptionOptions#minGroundShare()}.</li>
 * </ol>
 * Each step is skipped when the frame already has its output or its model is absent; what is
 * still missing then is reported by the measuring stage (no depth, no masks).
 *
 * <p>Thread-safety: ONNX Runtime sessions are thread-safe for {@code run()}, the vlm wrappers
 * keep no per-call state, and this class holds only final references, so one instance serves
 * all worker threads of a runner. {@link #close()} must not race with {@link #perceive}. Cost per
 * plain photo: one CLIP vision pass, one depth pass, one Florence-2 generation for regions plus
 * one per ground phrase, one SAM encoder pass and two light decoder passes.
 */
public final class Perception implements AutoCloseable {

    /**
     * What perceiving one frame gave.
     *
     * @param frame the frame with what could be filled in; empty when skipped
     * @param skip why the frame was skipped, empty otherwise
     * @param detail the skip's detail, or a note on how depth and intrinsics were obtained
     */
    public record Result(Optional<Frame> frame, Optional<SkipReason> skip, String detail) {
        public Result {
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(skip, "skip");
            Objects.requireNonNull(detail, "detail");
            if (frame.isPresent() == skip.isPresent()) {
                throw new IllegalArgumentException("A perception result has either a frame or a skip reason");
            }
        }

        static Result skipped(SkipReason reason, String detail) {
            return new Result(Optional.empty(), Optional.of(reason), detail);
        }
    }

    private final PerceptionOptions options;
    private final String description;
    private final Optional<ClipModel> clip;
    private final Optional<ImageFilter> filter;
    private final Optional<MetricDepthModel> depth;
    private final Optional<Florence2> florence;
    private final Optional<ObjectDetector> detector;
    private final Optional<SamMasker> sam;
    private final Optional<GroundSegmenter> ground;
    private final List<AutoCloseable> owned;

    private Perception(PerceptionOptions options, String description, Optional<ClipModel> clip,
            Optional<MetricDepthModel> depth, Optional<Florence2> florence, Optional<ObjectDetector> detector,
            Optional<SamMasker> sam, List<AutoCloseable> owned) {
        this.options = options;
        this.description = description;
        this.clip = clip;
        this.filter = clip.map(c -> new ImageFilter(c, options.filterPrompts()));
        this.depth = depth;
        this.florence = florence;
        this.detector = detector;
        this.sam = sam;
        this.ground = options.groundMask() && florence.isPresent() && sam.isPresent()
                ? Optional.of(new GroundSegmenter(florence.get(), sam.get(), GroundSegmenter.DEFAULT_PHRASES))
                : Optional.empty();
        this.owned = List.copyOf(owned);
    }

    /**
     * Loads the preferred model of each kind the catalog has (DEPTH, REGIONS, MASKS, FILTER).
     *
     * @param required kinds that must be present
     * @throws ModelFormatException listing every missing kind (and what its folder must hold) when a
     *     required kind is absent, or naming the file when a model directory is incomplete
     */
    public static Perception open(ModelCatalog catalog, Set<ModelCatalog.Kind> required, PerceptionOptions options,
            SessionSettings settings) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
        if (!catalog.missing(required).isEmpty()) {
            throw new ModelFormatException(catalog.missingMessage("Perception", required));
        }
        List<AutoCloseable> opened = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        try {
            Optional<MetricDepthModel> depth = catalog.first(ModelCatalog.Kind.DEPTH)
                    .map(e -> Closeables.track(opened, MetricDepthModels.open(e.dir(), settings)));
            Optional<Florence2> florence = catalog.first(ModelCatalog.Kind.REGIONS)
                    .map(e -> Closeables.track(opened, new Florence2(e.dir(), settings)));
            Optional<ObjectDetector> detector = catalog.first(ModelCatalog.Kind.DETECTOR)
                    .map(e -> Closeables.track(opened, new ObjectDetector(e.dir(), settings)));
            Optional<SamMasker> sam = catalog.first(ModelCatalog.Kind.MASKS)
                    .map(e -> Closeables.track(opened, new SamMasker(e.dir(), settings)));
            Optional<ClipModel> clip = catalog.first(ModelCatalog.Kind.FILTER)
                    .map(e -> Closeables.track(opened, new ClipModel(e.dir(), settings)));
            parts.addAll(describeKinds(catalog));
            parts.add("box masks: " + (sam.isPresent() ? "sam" : detector.isPresent() && florence.isEmpty()
                    && detector.get().segments() ? "detector" : "depth rule"));
            parts.add("ground mask: " + (options.groundMask() && florence.isPresent() && sam.isPresent() ? "on" : "off"));
            return new Perception(options, String.join(", ", parts), clip, depth, florence, detector, sam, opened);
        } catch (RuntimeException e) {
            Closeables.closeAfterFailure(e, opened);
            throw e;
        }
    }

    /**
     * The model of each kind perception uses, as found in {@code catalog} (nothing loaded): one entry per kind,
     * e.g. {@code "depth: depth-anything/dav2-metric (depth_anything_v2_metric)"} or {@code "masks: none"}.
     */
    static List<String> describeKinds(ModelCatalog catalog) {
        List<String> parts = new ArrayList<>();
        for (ModelCatalog.Kind k : new ModelCatalog.Kind[] {ModelCatalog.Kind.FILTER, ModelCatalog.Kind.DEPTH,
            ModelCatalog.Kind.REGIONS, ModelCatalog.Kind.DETECTOR, ModelCatalog.Kind.MASKS}) {
            parts.add(k.name().toLowerCase(Locale.ROOT) + ": "
                    + catalog.first(k).map(ModelCatalog.Entry::toString).orElse("none"));
        }
        return parts;
    }

    /** Which model serves each step, e.g. "filter: none, depth: depth/dav2 (depth_anything_v2_metric), ...". */
    public String describe() {
        return description;
    }

    public PerceptionOptions options() {
        return options;
    }

    /** Caption similarity over the CLIP text tower (the disambiguate stage), when a CLIP/SigLIP model was loaded. */
    public Optional<CaptionSimilarity> captionSimilarity() {
        return clip.map(ClipCaptionSimilarity::new);
    }

    /** Runs the steps the frame needs (see the class description). */
    public Result perceive(Frame frame) {
        RgbImage image = frame.image();
        String id = frame.id();
        if (filter.isPresent() && frame.depth().isEmpty() && frame.labels().isEmpty()) {
            ImageFilter.Decision d = filter.get().decide(image);
            if (!d.keep()) {
                double best = Arrays.stream(d.similarities()).max().orElseThrow();
                return Result.skipped(SkipReason.FILTERED_OUT, String.format(Locale.ROOT,
                        "frame %s: the image filter's closest prompt is '%s' (cosine %.3f)", id, d.bestPrompt(), best));
            }
        }
        Optional<DepthMap> depthMap = frame.depth();
        Optional<CameraIntrinsics> intrinsics = frame.intrinsics();
        String note = "depth: " + (depthMap.isPresent() ? "given" : "none");
        if (depthMap.isEmpty() && depth.isPresent()) {
            MetricDepthModel model = depth.get();
            Optional<CameraIntrinsics> given = intrinsics.isPresent() || model.family().estimatesFocalLength()
                    ? intrinsics : Optional.of(defaultIntrinsics(image));
            DepthEstimate e = model.estimate(image, given);
            depthMap = Optional.of(e.depth());
            note = "depth: " + model.family().name().toLowerCase(Locale.ROOT);
            if (e.intrinsics().isPresent()) {
                intrinsics = e.intrinsics();
                note += intrinsics.equals(frame.intrinsics()) ? ", intrinsics given"
                        : e.intrinsicsSource() == DepthEstimate.IntrinsicsSource.ESTIMATED ? ", focal estimated"
                        : ", default field of view";
            }
        }
        if (depthMap.isPresent() && intrinsics.isEmpty()) {
            intrinsics = Optional.of(defaultIntrinsics(image));
            note += ", default field of view";
        }

        Optional<LabelImage> labels = frame.labels();
        Map<Integer, String> captions = frame.captions();
        Map<Integer, MaskSource> maskSources = frame.maskSources();
        SamMasker.ImageEmbedding samEmbedding = null;
        boolean canMask = sam.isPresent() || depthMap.isPresent()
                || (florence.isEmpty() && detector.isPresent() && detector.get().segments());
        if (labels.isEmpty() && (florence.isPresent() || detector.isPresent()) && canMask) {
            Regions regions = regions(image);
            if (regions.boxes().isEmpty()) {
                return Result.skipped(SkipReason.NO_OBJECTS, "frame " + id + ": " + regions.detail());
            }
            Masked m = masked(image, regions, depthMap, intrinsics);
            if (m.labels().isEmpty()) {
                return Result.skipped(SkipReason.NO_OBJECTS, "frame " + id + ": every one of the "
                        + regions.boxes().size() + " region masks is empty");
            }
            labels = m.labels();
            captions = m.captions();
            maskSources = m.sources();
            samEmbedding = m.samEmbedding();
        }

        Optional<LabelImage> groundMask = frame.groundMask();
        if (groundMask.isEmpty() && ground.isPresent() && labels.isPresent() && depthMap.isPresent()) {
            GroundSegmenter.GroundMask g = ground.get().segment(image, samEmbedding);
            if (g.share() >= options.minGroundShare()) {
                boolean[] inside = g.mask().inside();
                int[] ids = new int[inside.length];
                for (int p = 0; p < ids.length; p++) {
                    ids[p] = inside[p] ? 1 : LabelImage.NONE;
                }
                groundMask = Optional.of(new LabelImage(image.width(), image.height(), ids));
            }
        }
        return new Result(Optional.of(frame.withPerception(depthMap, intrinsics, labels, captions, groundMask,
                maskSources)), Optional.empty(), note);
    }

    /**
     * The region boxes of a photo with their captions, preferred source first: Florence-2 (free-form
     * captions cut to 1-6 words, unnamed and empty boxes dropped, greedy NMS), else the detector
     * (class names, class-aware NMS done by the detector), at most {@link PerceptionOptions#maxObjects()}.
     *
     * @param masks the detector's instance masks, one per box, for segment exports
     * @param classNames whether the captions are fixed class names (they may get a colour word)
     * @param detail what was found when no box is left
     */
    private record Regions(List<RegionBox> boxes, Optional<List<ObjectMask>> masks, boolean classNames, String detail) {
    }

    /**
     * The masks of the regions' boxes with their captions and sources, labels empty when every mask
     * is empty.
     *
     * @param samEmbedding the SAM image embedding, for reuse by the ground mask; null without SAM
     */
    private record Masked(Optional<LabelImage> labels, Map<Integer, String> captions, Map<Integer, MaskSource> sources,
            SamMasker.ImageEmbedding samEmbedding) {
    }

    /**
     * Masks for the regions: SAM when present, else the detector's own instance masks, else the
     * box-and-depth rule ({@link BoxDepthMasks}, {@code depth} then present); class names get a
     * colour word when {@link PerceptionOptions#colorWords()}.
     */
    private Masked masked(RgbImage image, Regions regions, Optional<DepthMap> depth,
            Optional<CameraIntrinsics> intrinsics) {
        List<ObjectMask> masks = null;
        MaskSource source = null;
        SamMasker.ImageEmbedding embedding = null;
        if (sam.isPresent()) {
            embedding = sam.get().embed(image);
            masks = sam.get().masks(embedding, RegionBox.flatten(regions.boxes()));
            source = MaskSource.SAM;
        } else if (regions.masks().isPresent()) {
            masks = regions.masks().get();
            source = MaskSource.DETECTOR;
        }
        Map<Integer, String> captions = new TreeMap<>();
        Map<Integer, MaskSource> sources = new TreeMap<>();
        LabelImage labels = null;
        if (masks != null) {
            List<ObjectMask> nonEmpty = new ArrayList<>();
            for (int i = 0; i < masks.size(); i++) {
                if (masks.get(i).area() > 0) {
                    nonEmpty.add(masks.get(i));
                    captions.put(nonEmpty.size(), regions.boxes().get(i).label());
                    sources.put(nonEmpty.size(), source);
                }
            }
            labels = nonEmpty.isEmpty() ? null : ObjectMask.toLabels(nonEmpty, image.width(), image.height());
        } else {
            BoxDepthMasks.Result r = BoxDepthMasks.segment(depth.orElseThrow(), intrinsics.orElseThrow(),
                    RegionBox.flatten(regions.boxes()), options.boxMasks());
            for (int i = 0; i < regions.boxes().size(); i++) {
                if (r.areas()[i] > 0) {
                    captions.put(i + 1, regions.boxes().get(i).label());
                    sources.put(i + 1, MaskSource.DEPTH);
                }
            }
            labels = captions.isEmpty() ? null : r.labels();
        }
        if (labels != null && regions.classNames() && options.colorWords()) {
            for (Map.Entry<Integer, String> e : captions.entrySet()) {
                Optional<String> colour = ColorWords.of(image, labels, e.getKey());
                if (colour.isPresent()) {
                    e.setValue(colour.get() + " " + e.getValue());
                }
            }
        }
        return new Masked(Optional.ofNullable(labels), captions, sources, embedding);
    }

    private Regions regions(RgbImage image) {
        if (florence.isPresent()) {
            LocationTokens.Parsed parsed = florence.get().regions(image, options.regionTask(), null);
            List<RegionBox> named = new ArrayList<>();
            for (RegionBox b : parsed.boxes()) {
                Optional<String> caption = RegionProposals.caption(b.label(), options.maxCaptionWords());
                if (caption.isPresent() && b.width() > 0 && b.height() > 0) {
                    named.add(new RegionBox(caption.get(), b.x0(), b.y0(), b.x1(), b.y1()));
                }
            }
            List<RegionBox> kept = RegionProposals.suppress(named, options.nmsIou());
            if (kept.size() > options.maxObjects()) {
                kept = kept.subList(0, options.maxObjects());
            }
            return new Regions(kept, Optional.empty(), false, "the region captioner found no named region ("
                    + parsed.boxes().size() + " boxes, " + parsed.skippedRuns() + " malformed location runs)");
        }
        List<Detection> detections = detector.orElseThrow().detect(image);
        if (detections.size() > options.maxObjects()) {
            detections = detections.subList(0, options.maxObjects());
        }
        List<RegionBox> boxes = detections.stream().map(Detection::box).toList();
        Optional<List<ObjectMask>> masks = detector.get().segments()
                ? Optional.of(detections.stream().map(d -> d.mask().orElseThrow()).toList()) : Optional.empty();
        return new Regions(boxes, masks, true, "the detector found no object scoring at least "
                + detector.get().config().scoreThreshold());
    }

    /** The assumed pinhole camera of {@code image}: the default horizontal field of view, centred, square pixels. */
    public CameraIntrinsics defaultIntrinsics(RgbImage image) {
        return CameraIntrinsics.fromHorizontalFov(Math.toRadians(options.defaultHorizontalFovDegrees()), image.width(),
                image.height());
    }

    /** Closes every model session. Idempotent. */
    @Override
    public void close() {
        Closeables.closeAll("the perception models", owned);
    }
}
