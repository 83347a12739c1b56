package io.github.spatialvlm4j.datagen.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An output format that holds conversations about images, so that a fine-tuning split can be written
 * in it too ({@code FinetuneDatasetBuilder} writes every registered conversation format, one file per
 * split: {@code <directory>/<split>.<extension>}). A run's shard of records is one list of
 * conversations: each record with questions gives one, about its {@linkplain FrameRecord#chatImagePath()
 * chat image}.
 */
public interface ConversationFormat extends ShardFormat {

    /**
     * A conversation as a trainer reads it back from a file of this format.
     *
     * @param id its id; empty when the format carries none (ShareGPT)
     * @param image its image path, relative to the dataset directory
     * @param texts the turns' texts in order, user first, without the format's image token
     */
    record ReadConversation(String id, String image, List<String> texts) {
        public ReadConversation {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(image, "image");
            texts = List.copyOf(texts);
        }

        /**
         * Whether {@code other} is the same conversation: same image and texts, and same id unless one of
         * the two formats carries none.
         */
        public boolean sameAs(ReadConversation other) {
            return image.equals(other.image) && texts.equals(other.texts)
                    && (id.isEmpty() || other.id.isEmpty() || id.equals(other.id));
        }
    }

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

    /**
     * Reads {@code file} (written by {@link #writeConversations}) back the way its trainers do and checks
     * the format's rules (roles alternate, one image token at the start of the first user turn, image files
     * exist), adding one problem per rule broken, naming the file and the item; an unreadable file is one
     * problem, not an exception.
     *
     * @param dir the dataset directory
     * @param file the file, relative to {@code dir}
     * @param problems where problems are added
     * @return the conversations read, in file order
     */
    List<ReadConversation> readBack(Path dir, String file, List<String> problems) throws IOException;

    /**
     * Checks the files {@link #describeDatasets} wrote for {@code datasets}, adding a problem for each
     * dataset they do not describe. Nothing to check by default.
     */
    default void checkDescription(Path dir, Map<String, String> datasets, List<String> problems) {
    }
}
