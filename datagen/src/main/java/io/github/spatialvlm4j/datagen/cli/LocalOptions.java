package io.github.spatialvlm4j.datagen.cli;

import picocli.CommandLine.Option;

/** What the local runner adds to the source and the models: worker threads. */
final class LocalOptions {

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    /** {@code --threads}. @throws UsageException when it is below 1 */
    int threads() {
        if (threads < 1) {
            throw new UsageException("Invalid --threads: " + threads + " (must be >= 1)");
        }
        return threads;
    }
}
