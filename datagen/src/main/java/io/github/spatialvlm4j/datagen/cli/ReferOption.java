package io.github.spatialvlm4j.datagen.cli;

import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import picocli.CommandLine.Option;

/** The {@code --refer} option of the commands that write or audit questions. */
final class ReferOption {

    @Option(names = "--refer", paramLabel = "STYLE", description = "How questions name objects: caption (\"the red"
            + " chair\"), region (\"Region [0]\", masks listed in the record, SpatialRGPT style) or marks (\"[1]\","
            + " numbers drawn on a marked copy of the image, Set-of-Marks style) (default: ${DEFAULT-VALUE}).")
    String refer = "caption";

    /** The style named, or a usage error naming the bad value. */
    ReferStyle style() {
        try {
            return ReferStyle.fromId(refer);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid --refer: " + e.getMessage());
        }
    }
}
