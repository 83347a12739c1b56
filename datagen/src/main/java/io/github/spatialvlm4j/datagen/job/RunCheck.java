package io.github.spatialvlm4j.datagen.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a finished run tells its user about skipped frames, whichever runner ran it: the first few
 * skips with their files, and whether the run failed its check: no record at all, or more skipped
 * frames than a share allows. A run that fails its check has still written and committed its output;
 * its command exits with {@link #EXIT_CHECK_FAILED}. Stateless.
 */
public final class RunCheck {

    /** The default largest share of skipped frames a run may have and still succeed. */
    public static final double DEFAULT_MAX_SKIP_SHARE = 0.5;
    /** The exit code of a run that finished but failed its check (0 success, 1 failure, 2 usage error). */
    public static final int EXIT_CHECK_FAILED = 3;
    /** Skipped frames shown in the summary; the rest are in {@code skipped.jsonl}. */
    public static final int SHOWN = 5;
    /** Input files shown in the per-file counters of the summary. */
    public static final int FILES_SHOWN = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunCheck() {
    }

    /**
     * Why a run failed its check, or empty when it passed: no frame at all, no record, or a skipped share
     * over {@code maxSkipShare}; the message names the dominant skip reason and where the skips are listed.
     *
     * @param list the run's {@code skipped.jsonl} as shown to the user (a path, or a URI on cluster storage)
     * @param maxSkipShare the largest share of skipped frames allowed, in [0, 1]
     */
    public static Optional<String> failure(String list, ShardedOutput.Totals totals, double maxSkipShare) {
        requireShare(maxSkipShare);
        long frames = totals.frames();
        long skipped = totals.skippedTotal();
        if (frames == 0) {
            return Optional.of("The run had no frames: nothing was generated");
        }
        if (totals.records() == 0) {
            return Optional.of("No records: all " + frames + " frames were skipped, " + dominant(totals) + "; see "
                    + list);
        }
        double share = (double) skipped / frames;
        if (share > maxSkipShare) {
            return Optional.of(String.format(Locale.ROOT, "%d of %d frames (%.1f%%) were skipped, more than"
                    + " --max-skip-share %s allows, %s; see %s", skipped, frames, 100 * share,
                    Double.toString(maxSkipShare), dominant(totals), list));
        }
        return Optional.empty();
    }

    /**
     * The per-file counters of a source whose files hold many frames each ({@link FrameSource#containerOf}:
     * Parquet files, WebDataset shards): frames and skipped frames per file, over the whole output (shards of
     * earlier runs included), one line per file in input order, the files with skips first when there are
     * more than {@value #FILES_SHOWN}; empty for other sources. Cost: one lookup per frame and one pass over
     * {@code skipped.jsonl}.
     *
     * @param list the run's {@code skipped.jsonl} (or a local copy of it)
     */
    public static List<String> inputReport(FrameSource source, Path list) throws IOException {
        Map<String, long[]> files = new LinkedHashMap<>(); // frames, skipped
        for (int i = 0; i < source.size(); i++) {
            Optional<String> file = source.containerOf(i);
            if (file.isEmpty()) {
                return List.of();
            }
            files.computeIfAbsent(file.get(), f -> new long[2])[0]++;
        }
        if (files.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Long>> reasons = new LinkedHashMap<>();
        if (Files.isRegularFile(list)) {
            try (BufferedReader in = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    JsonNode n = JSON.readTree(line);
                    int index = n.path("index").asInt(-1);
                    if (index < 0 || index >= source.size()) {
                        continue;
                    }
                    String file = source.containerOf(index).orElseThrow();
                    files.get(file)[1]++;
                    reasons.computeIfAbsent(file, f -> new TreeMap<>()).merge(n.path("reason").asText(), 1L, Long::sum);
                }
            }
        }
        List<String> shown = new ArrayList<>(files.keySet());
        if (shown.size() > FILES_SHOWN) {
            List<String> withSkips = shown.stream().filter(f -> files.get(f)[1] > 0).toList();
            List<String> without = shown.stream().filter(f -> files.get(f)[1] == 0).toList();
            shown = new ArrayList<>(withSkips);
            shown.addAll(without);
            shown = shown.subList(0, FILES_SHOWN);
        }
        long withSkips = files.values().stream().filter(c -> c[1] > 0).count();
        List<String> lines = new ArrayList<>();
        lines.add("Inputs: " + files.size() + " file" + (files.size() == 1 ? "" : "s") + ", " + withSkips
                + " with skipped frames:");
        for (String f : shown) {
            long[] c = files.get(f);
            Map<String, Long> byReason = reasons.getOrDefault(f, Map.of());
            lines.add("  " + f + ": " + c[0] + " frame" + (c[0] == 1 ? "" : "s") + ", " + c[1] + " skipped"
                    + (byReason.isEmpty() ? "" : byReason.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ", " (", ")"))));
        }
        if (files.size() > shown.size()) {
            lines.add("  ... and " + (files.size() - shown.size()) + " more files");
        }
        return lines;
    }

    /** Rejects a share outside [0, 1]. */
    public static double requireShare(double maxSkipShare) {
        if (!(maxSkipShare >= 0 && maxSkipShare <= 1)) {
            throw new IllegalArgumentException("Invalid --max-skip-share: " + maxSkipShare + " (a share of frames, "
                    + "must be in [0, 1])");
        }
        return maxSkipShare;
    }

    /** "most for load_error (7 frames)" */
    private static String dominant(ShardedOutput.Totals totals) {
        Map.Entry<String, Long> top = null;
        for (Map.Entry<String, Long> e : totals.skipped().entrySet()) {
            if (top == null || e.getValue() > top.getValue()) {
                top = e;
            }
        }
        return top == null ? "for no reason recorded" : "most for " + top.getKey() + " (" + top.getValue() + " frame"
                + (top.getValue() == 1 ? "" : "s") + ")";
    }

    /**
     * The lines that name the run's skipped frames: a count per reason, the first {@value #SHOWN} skips
     * from {@code skipped.jsonl} (id, reason, message), and where the rest are; empty when nothing was
     * skipped.
     *
     * @param list the run's {@code skipped.jsonl} (or a local copy of it)
     * @param shownAs where it is, as shown to the user (a path, or a URI on cluster storage)
     */
    public static List<String> skipReport(Path list, String shownAs, ShardedOutput.Totals totals) throws IOException {
        List<String> lines = new ArrayList<>();
        long skipped = totals.skippedTotal();
        if (skipped == 0) {
            return lines;
        }
        StringBuilder perReason = new StringBuilder();
        totals.skipped().forEach((k, v) -> perReason.append(perReason.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(v));
        lines.add("Skipped " + skipped + " of " + totals.frames() + " frames (" + perReason + "):");
        int shown = 0;
        try (BufferedReader in = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null && shown < SHOWN; line = in.readLine()) {
                JsonNode n = JSON.readTree(line);
                String id = n.path("id").isTextual() ? n.path("id").asText() : "frame #" + n.path("index").asInt();
                lines.add("  " + id + " [" + n.path("reason").asText() + "]: " + n.path("message").asText());
                shown++;
            }
        }
        lines.add(skipped > shown ? "  ... and " + (skipped - shown) + " more in " + shownAs
                : "  (listed in " + shownAs + ")");
        return lines;
    }
}
