package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.AnswerCheck;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.ImagePoint;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.qa.SpatialRelation;
import io.github.spatialvlm4j.datagen.qa.SpatialTruth;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.datagen.sink.RecordJson;
import io.github.spatialvlm4j.vlm.eval.EvalItem;
import io.github.spatialvlm4j.vlm.eval.Truth;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Our own question/answer records as evaluation items: the truth of each question is its exact
 * answer ({@code exact} in the JSONL record). Yes/no stays yes/no; a choice becomes the choice
 * between the names of the question's two objects as the question gives them (captions, "Region [i]"
 * or "[k]", after the record's {@code refer}); a classify answer becomes the choice between the
 * relation word and its opposite ("left" / "right"); a metric answer is a length; a count a count; a
 * clock hour a {@link Truth.Clock} right within one hour, as SpatialRGPT-Bench scores it; an
 * allocentric direction the choice among its variant's words (VSI-Bench's options); a point depth
 * answer the choice between "point A" and "point B"; an uncertain answer is {@link Truth.Undecided}
 * (counted, not scored). Item ids are {@code <frame id>#<question index>}; the image is the one the
 * questions were asked about (the marked image when the record has one).
 */
final class TruthItems {

    private TruthItems() {
    }

    /** The items of one frame's questions, in question order, objects named by caption. */
    static List<EvalItem> fromFrame(String frameId, String imagePath, SceneFacts facts, List<QaPair> qa) {
        return fromFrame(frameId, imagePath, facts, qa, ReferStyle.CAPTION);
    }

    /** The items of one frame's questions, in question order, objects named in style {@code refer}. */
    static List<EvalItem> fromFrame(String frameId, String imagePath, SceneFacts facts, List<QaPair> qa,
            ReferStyle refer) {
        List<Integer> regions = FrameRecord.regionOrder(qa);
        List<EvalItem> out = new ArrayList<>(qa.size());
        for (int i = 0; i < qa.size(); i++) {
            QaPair q = qa.get(i);
            out.add(new EvalItem(frameId + "#" + i, q.category().id(), q.question(), truth(facts, q, refer, regions),
                    Optional.ofNullable(imagePath)));
        }
        return out;
    }

    /** How the question names object {@code id}. */
    private static String name(SceneFacts facts, int id, ReferStyle refer, List<Integer> regions) {
        return switch (refer) {
            case CAPTION -> caption(facts, id);
            case REGION -> ReferStyle.regionName(regions.indexOf(id));
            case MARKS -> ReferStyle.markName(AnswerCheck.position(facts, id) + 1);
        };
    }

    private static Truth truth(SceneFacts facts, QaPair q, ReferStyle refer, List<Integer> regions) {
        ExactAnswer e = q.exact();
        if (e instanceof ExactAnswer.YesNo y) {
            return new Truth.YesNo(y.yes());
        }
        if (e instanceof ExactAnswer.Choice c) {
            List<String> options = new ArrayList<>();
            int index = -1;
            for (int id : q.objectIds()) {
                if (id == c.objectId()) {
                    index = options.size();
                }
                options.add(name(facts, id, refer, regions));
            }
            if (index < 0) {
                throw new IllegalArgumentException("Choice answer names object " + c.objectId()
                        + ", not one of the question's objects " + q.objectIds() + ": '" + q.question() + "'");
            }
            return new Truth.Choice(index, options);
        }
        if (e instanceof ExactAnswer.Relation r) {
            SpatialRelation rel = SpatialRelation.fromWord(r.word());
            return new Truth.Choice(0, List.of(rel.word(), rel.opposite().word()));
        }
        if (e instanceof ExactAnswer.Metric m) {
            return new Truth.Length(m.meters());
        }
        if (e instanceof ExactAnswer.Count n) {
            return new Truth.Count(n.count());
        }
        if (e instanceof ExactAnswer.Clock c) {
            return new Truth.Clock(c.hour(), Truth.Clock.SPATIALRGPT_TOLERANCE);
        }
        if (e instanceof ExactAnswer.Direction d) {
            List<String> options = SpatialTruth.directionOptions(q.category());
            return new Truth.Choice(options.indexOf(d.word()), options);
        }
        if (e instanceof ExactAnswer.Point p) {
            List<String> options = new ArrayList<>();
            int index = 0;
            for (ImagePoint point : q.points()) {
                if (point.label().equals(p.label())) {
                    index = options.size();
                }
                options.add(ReferStyle.pointName(point.label()));
            }
            return new Truth.Choice(index, options);
        }
        return new Truth.Undecided();
    }

    private static String caption(SceneFacts facts, int objectId) {
        for (ObjectFacts o : facts.objects()) {
            if (o.id() == objectId) {
                return o.caption();
            }
        }
        throw new IllegalArgumentException("Frame " + facts.frameId() + " has no object " + objectId);
    }

    /**
     * Reads records from JSONL files, or from every {@code *.jsonl} file under a folder (sorted by
     * path), into items.
     */
    static List<EvalItem> read(Path fileOrFolder) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> s = Files.walk(fileOrFolder)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().forEach(files::add);
            }
            if (files.isEmpty()) {
                throw new UsageException("No *.jsonl record files under " + fileOrFolder);
            }
        } else if (Files.isRegularFile(fileOrFolder)) {
            files.add(fileOrFolder);
        } else {
            throw new UsageException("--truth: no such file or folder: " + fileOrFolder);
        }
        List<EvalItem> items = new ArrayList<>();
        for (Path f : files) {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    RecordJson.Decoded d;
                    try {
                        d = RecordJson.read(line);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(f + " line " + n + ": " + e.getMessage(), e);
                    }
                    items.addAll(fromFrame(d.frameId(), d.chatImagePath(), d.facts(), d.qa(), d.refer()));
                }
            }
        }
        return items;
    }
}
