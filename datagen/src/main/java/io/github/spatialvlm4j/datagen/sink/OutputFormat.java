package io.github.spatialvlm4j.datagen.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The registry of output formats: one constant per {@link ShardFormat}, in the order the formats are
 * written and listed (command line, manifest). Adding a format is one class implementing
 * {@link ShardFormat} (or {@link ConversationFormat}, so fine-tuning splits are written in it too) and
 * one constant here; see docs/ARCHITECTURE.md, "Output formats". Each format writes one file per shard,
 * {@code <directory>/part-<shard, 5 digits>.<extension>}, under the output directory.
 */
public enum OutputFormat {
    /** One {@link RecordJson} line per frame: facts and exact answers (see docs/schema). */
    JSONL(new JsonlFormat()),
    /** LLaVA conversations, a JSON array per shard, merged into {@code llava.json} at the end. */
    LLAVA(new LlavaFormat()),
    /** ShareGPT conversations for LLaMA-Factory, JSON lines, with {@code dataset_info.json}. */
    SHAREGPT(new ShareGptFormat()),
    /** Hugging Face Parquet: {@code id}, {@code image} struct&lt;bytes, path&gt;, {@code messages}, {@code qa_json}. */
    PARQUET(new ParquetFormat());

    private final ShardFormat format;

    OutputFormat(ShardFormat format) {
        this.format = format;
    }

    /** The format's writer. */
    public ShardFormat format() {
        return format;
    }

    /** The name used on the command line and in the manifest, e.g. {@code jsonl}. */
    public String id() {
        return format.id();
    }

    /** The directory, relative to the output directory, holding this format's shard files. */
    public String directory() {
        return format.directory();
    }

    /** The shard files' extension, without the dot. */
    public String extension() {
        return format.extension();
    }

    /** The shard file of {@code shard}, relative to the output directory, e.g. {@code jsonl/part-00003.jsonl}. */
    public String shardFile(int shard) {
        return file(ShardedOutput.shardName(shard));
    }

    /** The file {@code <directory>/<name>.<extension>}, relative to the output directory, e.g. {@code llava/train.json}. */
    public String file(String name) {
        return directory() + "/" + name + "." + extension();
    }

    /** The formats that hold conversations ({@link ConversationFormat}), in declaration order. */
    public static List<OutputFormat> conversationFormats() {
        return Arrays.stream(values()).filter(f -> f.format instanceof ConversationFormat).toList();
    }

    /** The format's conversation writer. @throws IllegalStateException for a format without conversations */
    public ConversationFormat conversations() {
        if (format instanceof ConversationFormat c) {
            return c;
        }
        throw new IllegalStateException("Output format " + id() + " holds no conversations (those that do: "
                + conversationFormats() + ")");
    }

    /**
     * Parses a comma-separated list of format names ({@code "jsonl,parquet,llava,sharegpt"}),
     * case-insensitive, blanks around names ignored, duplicates allowed.
     *
     * @return the formats, in declaration order
     * @throws IllegalArgumentException for an empty list or an unknown name; the message lists the
     *     valid names
     */
    public static Set<OutputFormat> parseList(String names) {
        if (names == null || names.isBlank()) {
            throw new IllegalArgumentException("No output format given (valid: " + validNames() + ")");
        }
        EnumSet<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (String name : names.split(",", -1)) {
            formats.add(parse(name));
        }
        return formats;
    }

    /**
     * The format named {@code name}, case-insensitive, blanks around it ignored.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the valid names
     */
    public static OutputFormat parse(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            if (f.id().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown output format: '" + name + "' (valid: " + validNames() + ")");
    }

    private static String validNames() {
        List<String> names = new ArrayList<>();
        for (OutputFormat f : values()) {
            names.add(f.id());
        }
        return String.join(", ", names);
    }
}
