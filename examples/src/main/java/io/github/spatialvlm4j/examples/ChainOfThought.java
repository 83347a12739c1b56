package io.github.spatialvlm4j.examples;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.Margins;
import io.github.spatialvlm4j.datagen.qa.SpatialTruth;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.vlm.chat.SmolVlm;
import io.github.spatialvlm4j.vlm.chat.VisionLanguageModel;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.model.SessionSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Example 5: chain-of-thought spatial reasoning, as in the SpatialVLM paper (section 5.3): a
 * multi-hop question is broken into single spatial questions, each answered on its own, and the
 * answers (text) are combined step by step. The trace is printed.
 *
 * <p>Question: "Which object is closest to the A, and is it taller than the A?" Steps: ask the
 * distance from every other object to A, pick the smallest, then ask whether it is taller.
 *
 * <p>Who answers the single questions: a vision-language model when {@code SPATIALVLM4J_MODELS}
 * points at a models root holding {@value #MODEL}, else the scene's ground-truth facts through
 * {@link SpatialTruth} (the same definitions the data engine writes its answers from). Either way
 * the reasoning reads only the text of the answers.
 *
 * <p>Run: {@code java -cp ... io.github.spatialvlm4j.examples.ChainOfThought [seed]}
 */
public final class ChainOfThought {

    /** The model used when a models root is given. */
    static final String MODEL = "HuggingFaceTB/SmolVLM-256M-Instruct";
    private static final Pattern LENGTH = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(cm|centimet(?:er|re)s?|mm|m\\b|met(?:er|re)s?|ft|feet|foot|in\\b|inch(?:es)?)?");

    /** Answers one single spatial question (text in, text out); {@code a}, {@code b} are what it is about. */
    interface Oracle {
        String answer(String question, Category category, int a, int b);
    }

    /** One asked sub-question and its answer. */
    record Step(String question, String answer) {
    }

    /** The whole trace: the steps, the nearest object's position in the facts, and the conclusion. */
    record Trace(String question, List<Step> steps, int nearest, Optional<Boolean> taller, String conclusion) {
    }

    private ChainOfThought() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 3;
        Frame frame = new SyntheticSceneGenerator(SyntheticSceneOptions.defaults()).generate("cot-" + seed, seed);
        SceneFacts facts = frame.groundTruth().orElseThrow();
        Optional<ModelRoot> root = ModelRoot.fromEnvironment();
        if (root.isPresent()) {
            try (VisionLanguageModel vlm = new SmolVlm(root.get().model(MODEL), SessionSettings.defaults())) {
                run(facts, 0, (q, c, a, b) -> vlm.answer(frame.image(), q).text(), System.out);
            }
        } else {
            run(facts, 0, groundTruth(facts), System.out);
        }
    }

    /** An oracle that answers from exact facts: "1.23 meters", "yes", "no" or "hard to tell". */
    static Oracle groundTruth(SceneFacts facts) {
        return (question, category, a, b) -> {
            ExactAnswer exact = SpatialTruth.exact(category, facts, a, b, Margins.defaults());
            if (exact instanceof ExactAnswer.Metric m) {
                return String.format(Locale.ROOT, "%.2f meters", m.meters());
            } else if (exact instanceof ExactAnswer.YesNo y) {
                return y.yes() ? "Yes." : "No.";
            }
            return "It is hard to tell.";
        };
    }

    /** Reasons about object {@code a} of {@code facts} (at least two objects) and prints the trace. */
    static Trace run(SceneFacts facts, int a, Oracle oracle, PrintStream out) {
        List<ObjectFacts> objects = facts.objects();
        String nameA = objects.get(a).caption();
        String question = "Which object is closest to the " + nameA + ", and is it taller than the " + nameA + "?";
        out.println("Q: " + question);
        List<Step> steps = new ArrayList<>();
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        // Hop 1: one distance question per other object; keep the smallest answer.
        for (int b = 0; b < objects.size(); b++) {
            if (b == a) {
                continue;
            }
            String ans = ask(oracle, "How far is the " + objects.get(b).caption() + " from the " + nameA + "?",
                    Category.DISTANCE, b, a, steps, out);
            Optional<Double> meters = meters(ans);
            if (meters.isPresent() && meters.get() < best) {
                best = meters.get();
                nearest = b;
            }
        }
        if (nearest < 0) {
            out.println("A: no distance could be read from the answers.");
            return new Trace(question, steps, -1, Optional.empty(), "unknown");
        }
        // Hop 2: a yes/no question about the object found in hop 1.
        String nameC = objects.get(nearest).caption();
        String lower = ask(oracle, "Is the " + nameC + " taller than the " + nameA + "?", Category.TALL_PREDICATE,
                nearest, a, steps, out).strip().toLowerCase(Locale.ROOT);
        Optional<Boolean> taller = lower.startsWith("yes") ? Optional.of(true)
                : lower.startsWith("no") ? Optional.of(false) : Optional.empty();
        String conclusion = String.format(Locale.ROOT, "The %s is closest to the %s (about %.2f m); %s", nameC, nameA,
                best, taller.map(t -> t ? "it is taller." : "it is not taller.").orElse("whether it is taller is unclear."));
        out.println("A: " + conclusion);
        return new Trace(question, steps, nearest, taller, conclusion);
    }

    /** Asks one sub-question, records and prints it, returns the answer's text. */
    private static String ask(Oracle oracle, String q, Category c, int a, int b, List<Step> steps, PrintStream out) {
        String ans = oracle.answer(q, c, a, b);
        steps.add(new Step(q, ans));
        out.println("  step " + steps.size() + ": " + q + " -> " + ans);
        return ans;
    }

    /** The first length in a free-text answer, in meters ("1.5 m", "30 cm", "2 feet"); empty if none. */
    static Optional<Double> meters(String answer) {
        Matcher m = LENGTH.matcher(answer.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return Optional.empty();
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "m" : m.group(2);
        double scale = unit.startsWith("c") ? 0.01 : unit.equals("mm") ? 0.001
                : unit.startsWith("f") ? 0.3048 : unit.startsWith("in") ? 0.0254 : 1.0;
        return Optional.of(v * scale);
    }
}
