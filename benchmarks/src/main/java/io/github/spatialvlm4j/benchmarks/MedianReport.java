package io.github.spatialvlm4j.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the usual JMH command-line options and then prints, as a Markdown table, the
 * median of the measurement iterations of every benchmark (JMH itself prints means with
 * error bars, which on a small shared machine are dragged by a few slow iterations).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.spatialvlm4j.benchmarks.MedianReport [JMH options]}.
 */
public final class MedianReport {
    private MedianReport() {
    }

    /** Runs JMH with {@code args} (JMH's own options), then prints the median table. */
    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.println("| benchmark | params | median | min | max | iterations | unit |");
        System.out.println("|---|---|---:|---:|---:|---:|---|");
        for (RunResult run : results) {
            BenchmarkParams params = run.getParams();
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult b : run.getBenchmarkResults()) {
                for (IterationResult it : b.getIterationResults()) {
                    scores.add(it.getPrimaryResult().getScore());
                }
            }
            Collections.sort(scores);
            StringBuilder p = new StringBuilder();
            for (String key : params.getParamsKeys()) {
                p.append(p.length() == 0 ? "" : ", ").append(key).append('=').append(params.getParam(key));
            }
            String name = params.getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            System.out.println(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %d | %s |", name, p,
                    median(scores), scores.get(0), scores.get(scores.size() - 1), scores.size(),
                    run.getPrimaryResult().getScoreUnit()));
        }
        System.out.println();
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.arch"));
    }

    /** Median of sorted values (mean of the middle two for an even count). */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
    }
}
