package io.github.spatialvlm4j.datagen.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.JsonErrors;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Which JSONL parts of a data-engine output directory a fine-tuning dataset reads, with the checks that
 * refuse a damaged or unfinished output: the input side of {@link FinetuneDatasetBuilder}.
 */
final class EngineOutputParts {

    private EngineOutputParts() {
    }

    /**
     * The JSONL parts to read of an engine output: all of them when its run finished (its
     * {@code manifest.json} exists; parts listed there must have the listed size), else, with
     * {@code allowPartial} ({@link FinetuneOptions#allowPartial()}), those of its committed shards, noting how
     * many of how many in {@code notes}.
     */
    static List<Path> jsonlParts(Path engineOut, boolean allowPartial, List<String> notes) throws IOException {
        if (!Files.isDirectory(engineOut)) {
            throw new IllegalArgumentException("Engine output folder not found: " + engineOut);
        }
        Path jsonl = engineOut.resolve("jsonl");
        List<Path> parts = new ArrayList<>();
        Path manifest = engineOut.resolve(ShardedOutput.MANIFEST);
        if (Files.isRegularFile(manifest)) {
            if (Files.isDirectory(jsonl)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(jsonl, "part-*.jsonl")) {
                    ds.forEach(parts::add);
                }
            }
            checkListedSizes(engineOut, manifest);
        } else {
            SortedSet<Integer> committed = ShardedOutput.committedShards(engineOut);
            String extent = committed.size() + " of " + expectedShards(engineOut).map(Object::toString).orElse("?")
                    + " shards committed";
            if (!allowPartial) {
                throw new IllegalArgumentException(engineOut + " has no " + ShardedOutput.MANIFEST + ": its generate run"
                        + " did not finish (" + extent + "); run the same generate command again to finish it, or"
                        + " pass --allow-partial to use the committed shards");
            }
            notes.add(engineOut + ": unfinished run, " + extent + "; only those are used");
            for (int shard : committed) {
                Path part = engineOut.resolve(OutputFormat.JSONL.shardFile(shard));
                if (Files.isRegularFile(part)) {
                    parts.add(part);
                }
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("No jsonl/part-*.jsonl in " + engineOut
                    + " (expected a `spatialvlm4j generate --format jsonl` output directory)");
        }
        parts.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return parts;
    }

    /** The shards of an unfinished run, from the frames and shard size it recorded; empty when unknown. */
    private static Optional<Long> expectedShards(Path engineOut) {
        try {
            JsonNode options = new ObjectMapper().readTree(engineOut.resolve(ShardedOutput.SHARDS_DIR)
                    .resolve(ShardedOutput.RUN_FILE).toFile()).path("options");
            long frames = Long.parseLong(options.path("frames").asText());
            long shardSize = Long.parseLong(options.path("shard_size").asText());
            return shardSize > 0 ? Optional.of((frames + shardSize - 1) / shardSize) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every JSONL part the manifest lists must have the size it lists (a cheap check against damage). */
    private static void checkListedSizes(Path engineOut, Path manifest) throws IOException {
        JsonNode files;
        try {
            files = new ObjectMapper().readTree(manifest.toFile()).path("files");
        } catch (IOException e) {
            throw new IllegalArgumentException(manifest + " is unreadable: " + JsonErrors.describe(e), e);
        }
        for (JsonNode f : files) {
            String path = f.path("path").asText();
            if (path.startsWith("jsonl/")) {
                Path file = engineOut.resolve(path);
                long size = Files.isRegularFile(file) ? Files.size(file) : -1;
                if (size != f.path("size").asLong()) {
                    throw new IllegalArgumentException(engineOut + " is damaged: " + path + (size < 0 ? " is missing"
                            : " is " + size + " bytes, " + ShardedOutput.MANIFEST + " lists " + f.path("size").asLong())
                            + "; run its generate command again to check and redo its shards");
                }
            }
        }
    }
}
