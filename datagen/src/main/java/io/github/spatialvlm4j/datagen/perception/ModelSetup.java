package io.github.spatialvlm4j.datagen.perception;

import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.qa.CaptionSimilarity;
import io.github.spatialvlm4j.vlm.catalog.ModelCatalog;
import io.github.spatialvlm4j.vlm.florence.Florence2;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The models of a generate run and how they are used, whatever runs them: the models root, whether the
 * frames are plain photos (which cannot run without depth and regions), and the perception choices of
 * the command lines ({@code --regions}, {@code --ground-mask}, {@code --color-words}). Serializable, so
 * that the Spark runner ships it to its executors, and each runner builds the same {@link Perception}, the
 * same pipeline options ({@link #pipelineOptions}) and the same manifest entries ({@link #runnerOptions})
 * from it: the same models give the same output on either runner.
 *
 * @param root the models root folder, as given (absolute on the local runner; on Spark possibly the name of
 *     a shipped archive, resolved on each machine before {@link #open})
 * @param photos whether the frames are photos: then a metric depth model and a region source (Florence-2 or
 *     a COCO detector) are required; otherwise the models present fill in what frames lack
 * @param detection Florence-2 object detection instead of dense region captions
 * @param groundMask segment the floor/ground/table tops (Florence-2 + SAM) for the floor fit
 * @param colorWords put a colour word before a detector's class names
 */
public record ModelSetup(String root, boolean photos, boolean detection, boolean groundMask, boolean colorWords)
        implements Serializable {

    /** The kinds of model that photos cannot run without. */
    public static final Set<ModelCatalog.Kind> PHOTOS_REQUIRE = EnumSet.of(ModelCatalog.Kind.DEPTH);

    /** ... and one of these region sources (Florence-2 preferred; SAM is optional: without it masks come from depth). */
    public static final Set<ModelCatalog.Kind> PHOTOS_REGIONS = EnumSet.of(ModelCatalog.Kind.REGIONS,
            ModelCatalog.Kind.DETECTOR);

    public ModelSetup {
        Objects.requireNonNull(root, "root");
        if (root.isBlank()) {
            throw new IllegalArgumentException("Models root is blank");
        }
    }

    /** This setup with the models root at {@code dir} (where a shipped copy was found). */
    public ModelSetup at(Path dir) {
        return new ModelSetup(dir.toString(), photos, detection, groundMask, colorWords);
    }

    /** The perception options of these choices. */
    public PerceptionOptions perceptionOptions() {
        return PerceptionOptions.defaults().withGroundMask(groundMask).withColorWords(colorWords)
                .withRegionTask(detection ? Florence2.Task.OBJECT_DETECTION : Florence2.Task.DENSE_REGION_CAPTION);
    }

    /**
     * The models under the root, checked: for photos the depth model and a region source must be there.
     *
     * @throws ModelFormatException naming the root when it is missing, and every missing model
     */
    public ModelCatalog catalog() {
        ModelCatalog catalog = ModelCatalog.scan(ModelRoot.of(Path.of(root)));
        Set<ModelCatalog.Kind> required = photos ? PHOTOS_REQUIRE : Set.of();
        Set<ModelCatalog.Kind> regions = photos ? PHOTOS_REGIONS : Set.of();
        if (!catalog.missing(required).isEmpty() || catalog.missingOneOf(regions).isPresent()) {
            throw new ModelFormatException(catalog.missingMessage("--source images", required, regions));
        }
        return catalog;
    }

    /**
     * Loads the models ({@link Perception#open}); the caller closes the result.
     *
     * @throws ModelFormatException as {@link #catalog()}, or naming the file of an incomplete model
     */
    public Perception open(SessionSettings settings) {
        return Perception.open(catalog(), photos ? PHOTOS_REQUIRE : Set.of(), perceptionOptions(), settings);
    }

    /**
     * Which model each step would use, from the catalog alone (nothing is loaded): one line per kind,
     * e.g. {@code "depth: depth-anything/dav2-metric (depth_anything_v2_metric)"}.
     */
    public List<String> describeCatalog() {
        return Perception.describeKinds(catalog());
    }

    /** {@code base} with CLIP's caption similarity when {@code perception} loaded a CLIP/SigLIP model. */
    public static PipelineOptions pipelineOptions(PipelineOptions base, Perception perception) {
        Optional<CaptionSimilarity> clip = perception.captionSimilarity();
        return clip.isPresent() ? base.withCaptionSimilarity(clip.get(), ClipCaptionSimilarity.DEFAULT_THRESHOLD)
                : base;
    }

    /**
     * What a runner with these models adds to the manifest over {@link GenerateSpec#jobOptions()}: the models
     * used ({@link Perception#describe()}), the perception choices, the caption similarity, and the options
     * the pipeline runs with ({@link #pipelineOptions}, CLIP's caption similarity included).
     */
    public Map<String, String> runnerOptions(Perception perception, PipelineOptions base) {
        Map<String, String> m = new TreeMap<>();
        m.put("models", perception.describe());
        m.put("regions", detection ? "detection" : "dense");
        m.put("color_words", Boolean.toString(colorWords));
        m.put("caption_similarity", perception.captionSimilarity().isPresent() ? "clip" : "text");
        m.putAll(GenerateSpec.pipelineEntries(pipelineOptions(base, perception)));
        return m;
    }
}
