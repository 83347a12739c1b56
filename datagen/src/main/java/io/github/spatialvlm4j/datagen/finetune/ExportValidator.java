package io.github.spatialvlm4j.datagen.finetune;

import io.github.spatialvlm4j.datagen.sink.ConversationFormat;
import io.github.spatialvlm4j.datagen.sink.ConversationFormat.ReadConversation;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a fine-tuning dataset ({@link FinetuneDatasetBuilder}'s layout) back the way trainers do and
 * checks that the layouts of each split hold the same conversations: every conversation format
 * ({@link OutputFormat#conversationFormats()}) reads its split files back and checks its own rules
 * ({@link ConversationFormat#readBack}: LLaVA JSON, LLaMA-Factory ShareGPT, Hugging Face Parquet), and the
 * files that describe its datasets ({@link ConversationFormat#checkDescription}); each other format's
 * conversations must then equal the first format's (ids compared where both carry them).
 * Cost: reads every export and every image once.
 */
public final class ExportValidator {

    private ExportValidator() {
    }

    /**
     * What reading back found.
     *
     * @param conversations per split, the conversations in the first conversation format's file (LLaVA)
     * @param problems every problem found, naming the file; empty when the dataset is sound
     */
    public record Report(Map<Split, Integer> conversations, List<String> problems) {
        public Report {
            conversations = Map.copyOf(conversations);
            problems = List.copyOf(problems);
        }

        /** True when no problem was found. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Reads every export of {@code dir} back. */
    public static Report validate(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        List<String> problems = new ArrayList<>();
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        List<OutputFormat> formats = OutputFormat.conversationFormats();
        OutputFormat first = formats.get(0);
        for (Split s : Split.values()) {
            List<ReadConversation> reference = first.conversations().readBack(dir,
                    FinetuneDatasetBuilder.splitFile(first, s), problems);
            counts.put(s, reference.size());
            for (OutputFormat f : formats.subList(1, formats.size())) {
                List<ReadConversation> read = f.conversations().readBack(dir, FinetuneDatasetBuilder.splitFile(f, s),
                        problems);
                if (!same(reference, read)) {
                    problems.add(FinetuneDatasetBuilder.splitFile(f, s) + ": conversations differ from "
                            + FinetuneDatasetBuilder.splitFile(first, s));
                }
            }
        }
        for (OutputFormat f : formats) {
            f.conversations().checkDescription(dir, FinetuneDatasetBuilder.datasets(f), problems);
        }
        return new Report(counts, problems);
    }

    private static boolean same(List<ReadConversation> a, List<ReadConversation> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
