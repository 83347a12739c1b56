package io.github.spatialvlm4j.datagen.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.kernels.Kernels;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link FramePipeline} (its stage list, and measuring alone) on synthetic frames and on frames missing a part. */
class FramePipelineTest {
    private static Kernels kernels;
    private static FramePipeline pipeline;
    private static Frame frame;

    @BeforeAll
    static void open() {
        kernels = Kernels.jvm(2);
        pipeline = new FramePipeline(kernels, PipelineOptions.defaults());
        frame = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(160, 120).withObjects(3, 5))
                .generate("f", 12);
    }

    @AfterAll
    static void close() {
        kernels.close();
    }

    private static Frame with(Optional<DepthMap> depth, Optional<CameraIntrinsics> intrinsics,
            Optional<LabelImage> labels, Map<Integer, String> captions) {
        return new Frame(frame.id(), frame.image(), depth, intrinsics, labels, captions, frame.groundTruth());
    }

    private static void skipped(Frame f, SkipReason reason, String inDetail) {
        FramePipeline.Result r = pipeline.process(f, 1);
        assertEquals(Optional.of(reason), r.skip(), r.detail());
        assertTrue(r.detail().contains(inDetail), r.detail());
        assertTrue(r.facts().isEmpty());
        assertTrue(r.qa().isEmpty());
        assertTrue(r.objectClouds().isEmpty());
    }

    @Test
    void framesMissingAPartAreSkippedWithTheReason() {
        skipped(with(Optional.empty(), frame.intrinsics(), frame.labels(), frame.captions()), SkipReason.NO_DEPTH, "depth");
        skipped(with(frame.depth(), Optional.empty(), frame.labels(), frame.captions()), SkipReason.NO_INTRINSICS,
                "intrinsics");
        skipped(with(frame.depth(), frame.intrinsics(), Optional.empty(), frame.captions()), SkipReason.NO_OBJECT_MASKS,
                "masks");
        skipped(with(frame.depth(), frame.intrinsics(), frame.labels(), Map.of()), SkipReason.NO_OBJECTS, "0 in");
    }

    @Test
    void theStagesStopAtTheFirstSkipAndTheFloorIsStillFound() {
        FramePipeline.Result r = pipeline.process(with(frame.depth(), frame.intrinsics(), Optional.empty(),
                frame.captions()), 1);
        assertEquals(Optional.of(SkipReason.NO_OBJECT_MASKS), r.skip());
        assertTrue(r.orientation().orElseThrow().canonicalized(), "canonicalize runs before the masks are needed");
        assertTrue(r.times().nanos(Stage.CANONICALIZE) > 0);
        for (Stage s : new Stage[] {Stage.FACTS, Stage.DISAMBIGUATE, Stage.SYNTHESIZE}) {
            assertEquals(0, r.times().nanos(s), s + " ran after the skip");
        }
    }

    @Test
    void measuringStopsAfterTheFactsWithEveryCleanedObject() {
        FramePipeline.Result measured = pipeline.measure(frame, 3);
        FramePipeline.Result processed = pipeline.process(frame, 3);
        assertTrue(measured.qa().isEmpty());
        assertEquals(0, measured.times().nanos(Stage.DISAMBIGUATE));
        assertTrue(measured.facts().orElseThrow().objects().size() >= processed.facts().orElseThrow().objects().size());
        assertEquals(measured.facts().orElseThrow().objects().size(), measured.objectClouds().size());
    }

    @Test
    void objectsTooSmallToCleanAreDropped() {
        // Keep 10 pixels of each object (fewer than minObjectPoints = 20): every object is dropped.
        int[] ids = frame.labels().orElseThrow().ids().clone();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != LabelImage.NONE && seen.merge(ids[i], 1, Integer::sum) > 10) {
                ids[i] = LabelImage.NONE;
            }
        }
        LabelImage few = new LabelImage(frame.image().width(), frame.image().height(), ids);
        FramePipeline.Result m = pipeline.measure(with(frame.depth(), frame.intrinsics(), Optional.of(few),
                frame.captions()), 1);
        assertEquals(Optional.of(SkipReason.NO_OBJECTS), m.skip());
        int n = frame.captions().size();
        assertTrue(m.detail().contains("(" + n + " in, " + n + " dropped)"), m.detail());
    }

    @Test
    void identicalCaptionsForEveryObjectAreAllDroppedAsAmbiguous() {
        Map<Integer, String> same = new HashMap<>();
        frame.captions().keySet().forEach(id -> same.put(id, "red box"));
        assertTrue(same.size() >= 3, "needs a group larger than two");
        skipped(with(frame.depth(), frame.intrinsics(), frame.labels(), same), SkipReason.NO_OBJECTS, "ambiguous");
    }

    @Test
    void syntheticFrameGivesFactsCloudsAndQuestions() {
        FramePipeline.Result r = pipeline.process(frame, 3);
        StageTimes times = r.times();
        assertTrue(r.skip().isEmpty(), r.detail());
        SceneFacts facts = r.facts().orElseThrow();
        SceneFacts truth = frame.groundTruth().orElseThrow();
        assertTrue(facts.canonicalized(), r.detail());
        assertEquals(truth.objects().size(), facts.objects().size(), "every visible object kept");
        assertEquals(facts.objects().size(), r.objectClouds().size());
        for (int i = 0; i < facts.objects().size(); i++) {
            ObjectFacts o = facts.objects().get(i);
            assertEquals(o.pointCount(), r.objectClouds().get(i).size(), "cloud " + i + " is object " + o.id() + "'s");
            assertEquals(frame.captions().get(o.id()), o.caption());
        }
        assertTrue(r.qa().size() > 0);
        for (Stage s : new Stage[] {Stage.LIFT, Stage.CLEAN, Stage.CANONICALIZE, Stage.FACTS, Stage.SYNTHESIZE}) {
            assertTrue(times.nanos(s) > 0, s + " not timed");
        }
        // Same frame, same run seed: the same questions, word for word.
        assertEquals(r.qa(), pipeline.process(frame, 3).qa());
    }
}
