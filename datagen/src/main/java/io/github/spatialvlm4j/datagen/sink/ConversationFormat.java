package io.github.spatialvlm4j.datagen.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An output format that holds conversations about images, so that a fine-tuning split can be written
 * in it too ({@code FinetuneDatasetBuilder} writes every registered conversation format, one file per
 * split: {@code <directory>/<split>.<extension>}). A run's shard of records is one list of
 * conversations: each record with questions gives one, about its {@linkplain FrameRecord#chatImagePath()
 * chat image}.
 */
public interface ConversationFormat extends ShardFormat {

    /**
     * Writes {@code conversations} (those with turns), in this order, to {@code file}, replacing it.
     *
     * @return the number of conversations written
     */
    int writeConversations(List<ImageConversation> conversations, Path file) throws IOException;

    /**
     * Writes the files that describe datasets in this format to the trainers that read it (LLaMA-Factory's
     * {@code dataset_info.json}), each atomically, replacing them. None by default.
     *
     * @param dir the dataset directory
     * @param datasets dataset name to its file or folder of this format, relative to {@code dir}, in order
     * @return the files written, relative to {@code dir}
     */
    default List<String> describeDatasets(Path dir, Map<String, String> datasets) throws IOException {
        return List.of();
    }
}
