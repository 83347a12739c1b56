package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error: redrawn in place on a terminal (at most 10 times a second),
 * one line per 10% when the output is not a terminal (logs, CI).
 */
final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private long lastDraw;
    private long lastDecile = -1;
    private boolean drawn;

    ConsoleProgress(PrintStream out, boolean terminal, String label) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
    }

    /** Progress on {@code err}, redrawn in place only when it is this process's standard error on a terminal. */
    static ConsoleProgress on(PrintStream err, String label) {
        return new ConsoleProgress(err, err == System.err && System.console() != null, label);
    }

    @Override
    public void progress(long done, long total, long skipped, long qa, double framesPerSecond) {
        boolean last = done >= total;
        if (terminal) {
            long now = System.nanoTime();
            if (!last && drawn && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            drawn = true;
            out.print("\r" + line(done, total, skipped, qa, framesPerSecond));
            if (last) {
                out.println();
            }
            out.flush();
        } else {
            long decile = total == 0 ? 10 : done * 10 / total;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(done, total, skipped, qa, framesPerSecond));
            }
        }
    }

    String line(long done, long total, long skipped, long qa, double fps) {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        StringBuilder bar = new StringBuilder(WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : (i == filled ? '>' : ' '));
        }
        String eta = fps > 0 && done < total ? String.format(Locale.ROOT, " ETA %ds", (long) Math.ceil((total - done) / fps)) : "";
        return String.format(Locale.ROOT, "%s [%s] %d/%d frames, %.1f frames/s, %d QA, %d skipped%s", label, bar, done,
                total, fps, qa, skipped, eta);
    }
}
