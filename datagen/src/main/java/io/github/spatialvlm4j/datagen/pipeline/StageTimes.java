package io.github.spatialvlm4j.datagen.pipeline;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Wall time spent per {@link Stage}, summed over frames and threads. Thread-safe. */
public final class StageTimes {
    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);

    public StageTimes() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
        }
    }

    public void add(Stage stage, long elapsedNanos) {
        nanos.get(stage).add(elapsedNanos);
    }

    /** Adds every stage of {@code other} to this. */
    public void addAll(StageTimes other) {
        for (Stage s : Stage.values()) {
            nanos.get(s).add(other.nanos(s));
        }
    }

    public long nanos(Stage stage) {
        return nanos.get(stage).sum();
    }

    /** A table of milliseconds per stage and per frame, for the end-of-run summary. */
    public String summary(long frames) {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Stage s : Stage.values()) {
            total += nanos(s);
        }
        sb.append(String.format(Locale.ROOT, "%-13s %10s %10s %6s%n", "stage", "total ms", "ms/frame", "share"));
        for (Stage s : Stage.values()) {
            long n = nanos(s);
            sb.append(String.format(Locale.ROOT, "%-13s %10.1f %10.2f %5.1f%%%n", s.name().toLowerCase(Locale.ROOT),
                    n / 1e6, frames == 0 ? 0.0 : n / 1e6 / frames, total == 0 ? 0.0 : 100.0 * n / total));
        }
        return sb.toString();
    }
}
