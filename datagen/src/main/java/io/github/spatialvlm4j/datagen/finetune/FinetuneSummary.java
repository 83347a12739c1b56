package io.github.spatialvlm4j.datagen.finetune;

import io.github.spatialvlm4j.datagen.qa.Category;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fine-tuning dataset holds and what was left out on the way, also written as
 * {@code finetune.json} in the dataset directory.
 *
 * @param splits per split: images, questions and conversations
 * @param questionsPerCategory spatial questions kept per category, over all splits
 * @param recordsRead engine records read (JSONL lines)
 * @param recordsSkipped records whose image file was missing (always 0: a missing image is an error)
 * @param duplicateQuestions questions dropped as duplicates of one about the same image
 * @param cappedQuestions questions dropped by the per-category cap
 * @param ratioDroppedQuestions questions dropped to reach the qualitative share
 * @param generalAvailable usable general VQA entries in the mixing file (0 without mixing)
 * @param generalSkipped unusable general VQA entries (no image, bad turns)
 * @param validation what reading every export back found
 * @param inputNotes what was incomplete about the engine outputs and accepted ({@code --allow-partial}),
 *     one line each; empty when they were all complete
 */
public record FinetuneSummary(Map<Split, SplitCounts> splits, Map<Category, Integer> questionsPerCategory,
        int recordsRead, int recordsSkipped, int duplicateQuestions, int cappedQuestions, int ratioDroppedQuestions,
        int generalAvailable, int generalSkipped, ExportValidator.Report validation, List<String> inputNotes) {

    public FinetuneSummary {
        inputNotes = List.copyOf(inputNotes);
        splits = Collections.unmodifiableMap(new EnumMap<>(splits));
        questionsPerCategory = Collections.unmodifiableMap(new EnumMap<>(questionsPerCategory));
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * The contents of one split.
     *
     * @param images distinct spatial images (one conversation each)
     * @param questions spatial questions
     * @param qualitative of which qualitative ({@link Category#isQualitative()})
     * @param generalConversations general VQA conversations mixed in (0 outside TRAIN)
     */
    public record SplitCounts(int images, int questions, int qualitative, int generalConversations) {
        /** All conversations: spatial images plus general ones. */
        public int conversations() {
            return images + generalConversations;
        }
    }
}
