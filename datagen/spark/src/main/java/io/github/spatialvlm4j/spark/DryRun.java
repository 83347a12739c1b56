package io.github.spatialvlm4j.spark;

import io.github.spatialvlm4j.datagen.job.GenerateSpec;
import io.github.spatialvlm4j.datagen.perception.ModelSetup;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code --dry-run} prints: the shards a run would have (each one Spark task: its frame range and input
 * files) and the models it would use, found from the catalog without loading any. Starts no Spark job and
 * writes nothing.
 */
final class DryRun {

    private DryRun() {
    }

    /**
     * The lines of a dry run.
     *
     * @param source the run's source, opened
     * @param out the output directory the run would write
     * @param models the run's models, empty for none; a root that is not a folder here is reported as
     *     left to the executors (a shipped archive)
     */
    static List<String> lines(GenerateSpec spec, FrameSource source, String out, Optional<ModelSetup> models) {
        int frames = source.size();
        int size = spec.shardSize();
        int shards = (frames + size - 1) / size;
        List<String> lines = new ArrayList<>();
        lines.add("dry run: " + source.describe() + " -> " + out + ": " + frames + " frames in " + shards
                + " shards of at most " + size + " frames (one Spark task each), formats " + spec.formats());
        for (int s = 0; s < shards; s++) {
            int from = s * size;
            int to = Math.min(frames, from + size);
            Set<Path> inputs = new LinkedHashSet<>();
            for (int i = from; i < to; i++) {
                inputs.addAll(source.inputFiles(i));
            }
            lines.add("shard " + ShardedOutput.shardName(s) + ": frames " + from + "-" + (to - 1) + " (" + (to - from)
                    + ")" + inputs(inputs));
        }
        if (models.isEmpty()) {
            lines.add("models: none");
        } else if (Files.isDirectory(Path.of(models.get().root()))) {
            lines.add("models: " + Path.of(models.get().root()).toAbsolutePath().normalize());
            models.get().describeCatalog().forEach(l -> lines.add("  " + l));
        } else {
            lines.add("models: " + models.get().root() + " (not a folder here: found on each executor as a shipped"
                    + " archive or file, SparkFiles.get)");
        }
        lines.add("dry run: no Spark job started, nothing written");
        return lines;
    }

    private static String inputs(Set<Path> inputs) {
        if (inputs.isEmpty()) {
            return "";
        }
        List<Path> all = List.copyOf(inputs);
        if (all.size() <= 2) {
            return ", inputs " + String.join(", ", all.stream().map(Path::toString).toList());
        }
        return ", inputs " + all.get(0) + " .. " + all.get(all.size() - 1) + " (" + all.size() + " files)";
    }
}
