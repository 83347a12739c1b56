package io.github.spatialvlm4j.datagen.testing;

import io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the {@code spatialvlm4j} command line with its exit code and what it
 * printed to standard output and standard error (captured, so tests print nothing).
 */
public record CliRun(int code, String out, String err) {

    /** Runs the command line with {@code args}. */
    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SpatialVlm4jCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
