package io.github.spatialvlm4j.datagen.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.datagen.Seeds;
import io.github.spatialvlm4j.datagen.Sha256;
import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.sink.ChatFormats;
import io.github.spatialvlm4j.datagen.sink.ChatFormats.Conversation;
import io.github.spatialvlm4j.datagen.sink.FrameRecord;
import io.github.spatialvlm4j.datagen.sink.ImageConversation;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.RecordJson;
import io.github.spatialvlm4j.datagen.sink.ShareGptFormat;
import io.github.spatialvlm4j.datagen.source.FileNames;
import io.github.spatialvlm4j.geometry.io.FileErrors;
import io.github.spatialvlm4j.geometry.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Builds a fine-tuning dataset from one or more data-engine output directories (their
 * {@code jsonl/part-*.jsonl} and {@code images/}), in every output format that holds conversations
 * ({@link OutputFormat#conversationFormats()}: LLaVA, ShareGPT, Parquet), layouts trainers read unchanged.
 *
 * <p>Input: a finished engine output (its {@code manifest.json} exists) is read whole; an unfinished
 * one is refused unless {@link FinetuneOptions#allowPartial()}, and then only its committed shards are
 * read. A record whose image is missing is an error (the output is damaged), as is an input without
 * a single question.
 *
 * <p>Steps, in order: read every record; identify each image by the SHA-256 of its bytes (the same
 * picture in two engine outputs is one image, its questions merged); drop duplicate questions about
 * an image (same question after lower-casing, collapsing blanks and dropping final punctuation);
 * cap each category at {@link FinetuneOptions#maxPerCategory()} questions; reach the qualitative
 * share by dropping questions of the over-represented kind; split images into train/val/test with
 * {@link Split#of} (no image in two splits); mix general VQA conversations into TRAIN only. Every
 * "drop" keeps the items with the smallest seeded hash, so a choice depends on the item and the
 * seed alone. Images that lose all their questions leave the dataset.
 *
 * <p>Layout of the output directory (one file per split in each conversation format,
 * {@link #splitFile}, and the files the formats describe their datasets with):
 * <pre>
 * images/&lt;sha-256 prefix&gt;.png          spatial images, each once
 * images/general/&lt;sha-256 prefix&gt;.&lt;ext&gt; general VQA images, each once
 * llava/{train,val,test}.json              LLaVA JSON (image paths relative to the directory)
 * sharegpt/{train,val,test}.jsonl          LLaMA-Factory ShareGPT
 * dataset_info.json                        LLaMA-Factory: spatialvlm4j_train, _val, _test
 * parquet/{train,val,test}.parquet         Hugging Face / TRL, images embedded
 * finetune.json                            options and {@link FinetuneSummary} counts
 * </pre>
 * The directory is built under a temporary sibling, read back by {@link ExportValidator}, and only
 * then moved into place, replacing an earlier dataset there; a directory that is neither empty nor
 * an earlier dataset is refused. Deterministic: equal inputs and options give equal bytes.
 * Memory: all images and records of the inputs are held at once.
 *
 * <p>Size: about 440 lines, one pass over shared per-image state (the images and their ranked
 * questions) from reading to writing; reading the inputs is {@link EngineOutputParts}, the layouts
 * are the conversation formats' own classes.
 */
public final class FinetuneDatasetBuilder {

    /** The summary file in the output directory. */
    public static final String MANIFEST = "finetune.json";
    /** LLaMA-Factory's dataset description. */
    public static final String DATASET_INFO = ShareGptFormat.DATASET_INFO;
    /** The dataset name prefix in {@code dataset_info.json}: {@code spatialvlm4j_train}, ... */
    public static final String DATASET_PREFIX = "spatialvlm4j_";
    private static final int KEY_HEX = 24;

    private final FinetuneOptions options;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public FinetuneDatasetBuilder(FinetuneOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The file of a split in a conversation format, relative to the dataset directory:
     * {@code <format directory>/<split>.<format extension>}, e.g. {@code llava/train.json}.
     */
    public static String splitFile(OutputFormat format, Split s) {
        return format.file(s.id());
    }

    /**
     * The datasets of a conversation format, as its trainers name them ({@code spatialvlm4j_train}, ...),
     * each with its split file, in split order.
     */
    public static Map<String, String> datasets(OutputFormat format) {
        Map<String, String> datasets = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            datasets.put(DATASET_PREFIX + s.id(), splitFile(format, s));
        }
        return datasets;
    }

    /** The LLaVA file of a split, relative to the dataset directory. */
    public static String llavaFile(Split s) {
        return splitFile(OutputFormat.LLAVA, s);
    }

    /** The ShareGPT file of a split, relative to the dataset directory. */
    public static String shareGptFile(Split s) {
        return splitFile(OutputFormat.SHAREGPT, s);
    }

    /** The Parquet file of a split, relative to the dataset directory. */
    public static String parquetFile(Split s) {
        return splitFile(OutputFormat.PARQUET, s);
    }

    /** A spatial image and the questions kept about it. */
    private static final class Image {
        final String key;
        final RecordJson.Decoded first;
        final byte[] bytes;
        final List<QaPair> qa = new ArrayList<>();

        Image(String key, RecordJson.Decoded first, byte[] bytes) {
            this.key = key;
            this.first = first;
            this.bytes = bytes;
        }

        String path() {
            return "images/" + key.substring(0, KEY_HEX) + ".png";
        }
    }

    /** One question of one image, with its seeded rank. */
    private record Item(Image image, QaPair qa, long rank) {
    }

    /**
     * Builds the dataset.
     *
     * @param engineOutputs engine output directories, each with {@code jsonl/part-*.jsonl}
     * @param out the dataset directory (created; an earlier dataset there is replaced)
     * @return what the dataset holds
     * @throws IllegalArgumentException when an input has no JSONL part or a record is malformed, or
     *     {@code out} holds something else
     * @throws IllegalStateException when reading the exports back finds a problem (nothing is moved
     *     into place then)
     */
    public FinetuneSummary build(List<Path> engineOutputs, Path out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (engineOutputs.isEmpty()) {
            throw new IllegalArgumentException("No engine output directory given (need at least one)");
        }
        checkReplaceable(out);
        long seed = options.seed();
        Map<String, Image> images = new LinkedHashMap<>();
        Set<String> seenQuestions = new HashSet<>();
        List<String> notes = new ArrayList<>();
        int records = 0;
        int skipped = 0;
        int duplicates = 0;
        for (Path dir : engineOutputs) {
            List<String> missingImages = new ArrayList<>();
            int dirRecords = 0;
            for (Path part : EngineOutputParts.jsonlParts(dir, options.allowPartial(), notes)) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    records++;
                    dirRecords++;
                    RecordJson.Decoded d = RecordJson.read(line);
                    Path imageFile = dir.resolve(d.chatImagePath());
                    if (!Files.isRegularFile(imageFile)) {
                        missingImages.add(d.chatImagePath());
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(imageFile);
                    String key = Sha256.hex(bytes);
                    Image image = images.computeIfAbsent(key, k -> new Image(k, d, bytes));
                    for (QaPair q : d.qa()) {
                        if (seenQuestions.add(key + '\n' + normalize(q.question()))) {
                            image.qa.add(q);
                        } else {
                            duplicates++;
                        }
                    }
                }
            }
            if (!missingImages.isEmpty()) {
                throw new IllegalArgumentException(missingImages.size() + " of " + dirRecords + " records of " + dir
                        + " show images that are missing (" + FileNames.firstFew(missingImages) + "): the engine output"
                        + " is damaged; run its generate command again to check and redo its shards");
            }
        }
        List<Item> items = new ArrayList<>();
        for (Image image : images.values()) {
            for (QaPair q : image.qa) {
                items.add(new Item(image, q, Seeds.frameSeed(seed, image.key + '\n' + normalize(q.question()))));
            }
        }
        int before = items.size();
        if (options.maxPerCategory().isPresent()) {
            items = capPerCategory(items, options.maxPerCategory().getAsInt());
        }
        int capped = before - items.size();
        before = items.size();
        if (options.qualitativeShare().isPresent()) {
            items = reachShare(items, options.qualitativeShare().getAsDouble());
        }
        int ratioDropped = before - items.size();
        // Keep each image's surviving questions in the order they were generated.
        Set<QaPair> keep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        items.forEach(it -> keep.add(it.qa));
        images.values().forEach(im -> im.qa.removeIf(q -> !keep.contains(q)));

        Map<Split, List<Image>> bySplit = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            bySplit.put(s, new ArrayList<>());
        }
        for (Image image : images.values()) {
            if (!image.qa.isEmpty()) {
                bySplit.get(Split.of(image.key, seed, options.valFraction(), options.testFraction())).add(image);
            }
        }
        bySplit.values().forEach(l -> l.sort(Comparator.comparing(im -> im.key)));

        GeneralVqa.Loaded general = new GeneralVqa.Loaded(List.of(), 0);
        List<GeneralVqa.Entry> mixed = List.of();
        if (options.generalVqa().isPresent()) {
            FinetuneOptions.GeneralVqaMix mix = options.generalVqa().get();
            general = GeneralVqa.read(mix.file(), mix.imageDir(), mapper);
            int spatial = bySplit.get(Split.TRAIN).size();
            long wanted = Math.round(mix.share() * spatial / (1 - mix.share()));
            mixed = general.entries().stream()
                    .sorted(Comparator.comparingLong((GeneralVqa.Entry e) -> Seeds.frameSeed(seed, "general\n" + e.id()))
                            .thenComparing(GeneralVqa.Entry::id))
                    .limit(wanted).toList();
        }

        if (items.isEmpty() && mixed.isEmpty()) {
            throw new IllegalArgumentException("No questions in " + engineOutputs + " (" + records + " records read):"
                    + " nothing to fine-tune on");
        }

        Path staging = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".staging-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            FinetuneSummary summary;
            try {
                summary = write(staging, bySplit, mixed, general, records, skipped, duplicates, capped, ratioDropped,
                        notes);
            } catch (IOException e) {
                // A full disk says no path of its own.
                throw new IOException("Building the dataset in " + staging + " failed: " + FileErrors.describe(e), e);
            }
            if (!summary.validation().ok()) {
                throw new IllegalStateException("The exports did not read back: " + summary.validation().problems());
            }
            AtomicFiles.deleteTree(out);
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    private FinetuneSummary write(Path dir, Map<Split, List<Image>> bySplit, List<GeneralVqa.Entry> mixed,
            GeneralVqa.Loaded general, int records, int skipped, int duplicates, int capped, int ratioDropped,
            List<String> notes) throws IOException {
        Files.createDirectories(dir.resolve("images/general"));
        for (OutputFormat f : OutputFormat.conversationFormats()) {
            Files.createDirectories(dir.resolve(f.directory()));
        }
        Map<Split, FinetuneSummary.SplitCounts> counts = new EnumMap<>(Split.class);
        Map<Category, Integer> perCategory = new EnumMap<>(Category.class);
        for (Split split : Split.values()) {
            List<ImageConversation> rows = new ArrayList<>();
            int questions = 0;
            int qualitative = 0;
            for (Image im : bySplit.get(split)) {
                Files.write(dir.resolve(im.path()), im.bytes);
                RecordJson.Decoded d = im.first;
                FrameRecord r = new FrameRecord(d.frameId(), d.imagePath(), im.bytes, d.facts(), im.qa, d.maskSources());
                Conversation c = new Conversation(d.frameId() + "-" + im.key.substring(0, 8), im.path(),
                        ChatFormats.conversation(r, ""));
                rows.add(new ImageConversation(c, im.bytes, RecordJson.qaJson(r)));
                for (QaPair q : im.qa) {
                    questions++;
                    qualitative += q.category().isQualitative() ? 1 : 0;
                    perCategory.merge(q.category(), 1, Integer::sum);
                }
            }
            int generalCount = 0;
            if (split == Split.TRAIN) {
                for (GeneralVqa.Entry e : mixed) {
                    String key = Sha256.hex(e.imageBytes());
                    String path = "images/general/" + key.substring(0, KEY_HEX) + "." + e.extension();
                    Files.write(dir.resolve(path), e.imageBytes());
                    rows.add(new ImageConversation(new Conversation("general-" + e.id(), path, e.turns()),
                            e.imageBytes(), "[]"));
                    generalCount++;
                }
                // Interleave spatial and general conversations in a seeded order (trainers also shuffle).
                rows.sort(Comparator.comparingLong((ImageConversation r) ->
                        Seeds.frameSeed(options.seed(), "order\n" + r.conversation().id()))
                        .thenComparing(r -> r.conversation().id()));
            }
            for (OutputFormat f : OutputFormat.conversationFormats()) {
                f.conversations().writeConversations(rows, dir.resolve(splitFile(f, split)));
            }
            counts.put(split, new FinetuneSummary.SplitCounts(bySplit.get(split).size(), questions, qualitative,
                    generalCount));
        }
        for (OutputFormat f : OutputFormat.conversationFormats()) {
            f.conversations().describeDatasets(dir, datasets(f));
        }
        ExportValidator.Report report = ExportValidator.validate(dir);
        FinetuneSummary summary = new FinetuneSummary(counts, perCategory, records, skipped, duplicates, capped,
                ratioDropped, general.entries().size(), general.skipped(), report, notes);
        Files.writeString(dir.resolve(MANIFEST), mapper.writeValueAsString(manifest(summary)) + "\n");
        return summary;
    }

    private ObjectNode manifest(FinetuneSummary s) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode opts = root.putObject("options");
        opts.put("seed", options.seed());
        opts.put("val_fraction", options.valFraction());
        opts.put("test_fraction", options.testFraction());
        options.maxPerCategory().ifPresent(c -> opts.put("max_per_category", c));
        options.qualitativeShare().ifPresent(q -> opts.put("qualitative_share", q));
        options.generalVqa().ifPresent(g -> opts.put("general_vqa_share", g.share()));
        ObjectNode splits = root.putObject("splits");
        s.splits().forEach((split, c) -> {
            ObjectNode n = splits.putObject(split.id());
            n.put("images", c.images());
            n.put("questions", c.questions());
            n.put("qualitative", c.qualitative());
            n.put("general_conversations", c.generalConversations());
        });
        ObjectNode cats = root.putObject("questions_per_category");
        s.questionsPerCategory().forEach((c, n) -> cats.put(c.id(), n));
        root.put("records_read", s.recordsRead());
        root.put("records_skipped_missing_image", s.recordsSkipped());
        root.put("duplicate_questions", s.duplicateQuestions());
        root.put("capped_questions", s.cappedQuestions());
        root.put("ratio_dropped_questions", s.ratioDroppedQuestions());
        root.put("general_available", s.generalAvailable());
        root.put("general_skipped", s.generalSkipped());
        if (!s.inputNotes().isEmpty()) {
            s.inputNotes().forEach(root.putArray("input_notes")::add);
        }
        return root;
    }

    /** Keeps the {@code cap} lowest-ranked questions of each category. */
    private static List<Item> capPerCategory(List<Item> items, int cap) {
        Map<Category, List<Item>> byCategory = new EnumMap<>(Category.class);
        for (Item it : items) {
            byCategory.computeIfAbsent(it.qa.category(), c -> new ArrayList<>()).add(it);
        }
        List<Item> kept = new ArrayList<>();
        for (List<Item> list : byCategory.values()) {
            kept.addAll(lowestRanked(list, cap));
        }
        return kept;
    }

    /**
     * Drops questions of the over-represented kind (lowest ranks kept) so that qualitative ones make
     * up {@code share} of the rest, to within one question.
     */
    private static List<Item> reachShare(List<Item> items, double share) {
        List<Item> qual = new ArrayList<>();
        List<Item> quant = new ArrayList<>();
        for (Item it : items) {
            (it.qa.category().isQualitative() ? qual : quant).add(it);
        }
        if (qual.isEmpty() || quant.isEmpty()) {
            return items;
        }
        long wantQual = Math.round(share * quant.size() / (1 - share));
        if (wantQual < qual.size()) {
            qual = lowestRanked(qual, (int) wantQual);
        } else {
            quant = lowestRanked(quant, (int) Math.min(quant.size(), Math.round(qual.size() * (1 - share) / share)));
        }
        List<Item> out = new ArrayList<>(qual);
        out.addAll(quant);
        return out;
    }

    private static List<Item> lowestRanked(List<Item> items, int n) {
        return items.stream().sorted(Comparator.comparingLong(Item::rank)
                .thenComparing(it -> it.image.key).thenComparing(it -> it.qa.question())).limit(n).toList();
    }

    /** A question in comparable form: lower case, blanks collapsed, final punctuation dropped. */
    static String normalize(String question) {
        String s = question.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        return s.replaceAll("[\\s?.!]+$", "");
    }

    private static void checkReplaceable(Path out) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("Output " + out + " exists and is not a directory");
        }
        if (Files.isDirectory(out) && !Files.exists(out.resolve(MANIFEST))) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("Output directory " + out + " is not empty and holds no "
                            + MANIFEST + " of an earlier dataset; refusing to replace it");
                }
            }
        }
    }
}
