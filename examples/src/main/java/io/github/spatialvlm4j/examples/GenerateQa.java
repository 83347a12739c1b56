package io.github.spatialvlm4j.examples;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Example 3: generate spatial question/answer pairs for one frame.
 *
 * <p>Run: {@code java -cp ... io.github.spatialvlm4j.examples.GenerateQa [seed]}
 *
 * <p>{@link FramePipeline} is the whole per-frame data engine: lift, clean, find the floor,
 * measure every object (centre, size, elevation) and every pair (distance, gap), remove ambiguous
 * captions, then write questions from the paper's 43 categories with human-like numbers
 * ("about 1 meter"). Its randomness comes only from (run seed, frame id): run it twice, get the
 * same questions. For a folder of frames and output files use the {@code spatialvlm4j generate}
 * command, which runs this same pipeline on many threads.
 */
public final class GenerateQa {

    private GenerateQa() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Long.parseLong(args[0]) : 1, 640, 480, System.out);
    }

    static FramePipeline.Result run(long seed, int width, int height, PrintStream out) {
        Frame frame = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults().withSize(width, height))
                .generate("qa-" + seed, seed);
        try (Kernels kernels = Kernels.create()) {
            // Defaults: human-aligned rounding, the paper's cleaning parameters. For exact numbers use
            // PipelineOptions.defaults().withQa(QaOptions.defaults().withExact(true)).
            FramePipeline pipeline = new FramePipeline(kernels, PipelineOptions.defaults());
            FramePipeline.Result result = pipeline.process(frame, seed);
            if (result.skip().isPresent()) {
                // A frame can legitimately give nothing (no object left after cleaning, ...): say why.
                out.println("skipped: " + result.skip().get() + " (" + result.detail() + ")");
                return result;
            }
            SceneFacts facts = result.facts().orElseThrow();
            out.println("floor found: " + facts.canonicalized());
            for (ObjectFacts o : facts.objects()) {
                out.printf(Locale.ROOT, "  #%d %-24s %.2f m wide, %.2f m tall, %.2f m away%n", o.id(), o.caption(),
                        o.width(), o.height(), o.center().length());
            }
            for (QaPair qa : result.qa()) {
                out.printf(Locale.ROOT, "[%s] Q: %s%n    A: %s   (exact: %s)%n", qa.category().id(), qa.question(),
                        qa.answer(), qa.exact());
            }
            return result;
        }
    }
}
