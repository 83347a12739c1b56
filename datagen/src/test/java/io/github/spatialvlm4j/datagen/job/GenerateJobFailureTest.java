package io.github.spatialvlm4j.datagen.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.pipeline.FramePipeline;
import io.github.spatialvlm4j.datagen.pipeline.PipelineOptions;
import io.github.spatialvlm4j.datagen.runner.FrameFailedException;
import io.github.spatialvlm4j.datagen.runner.ProgressListener;
import io.github.spatialvlm4j.datagen.sink.OutputFormat;
import io.github.spatialvlm4j.datagen.sink.ShardedOutput;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.kernels.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug in a stage fails the run, loudly, instead of becoming a skip: the run ends with a
 * {@link FrameFailedException} naming the frame, whose cause is the original exception with its stack
 * trace, and no manifest is written. (A corrupt input frame is still a counted skip: SkippedFramesTest.)
 */
class GenerateJobFailureTest {

    @TempDir
    Path tmp;

    private static final GenerateSpec SPEC = GenerateSpec.of(new SourceSpec.Synthetic(96, 72, "none", 4, 4, true), 4,
            Set.of(OutputFormat.JSONL));

    private GenerateJob.Result run(Kernels kernels, PipelineOptions options, Path out) throws IOException {
        GenerateJob.Config config = SPEC.config(SPEC.source().open(), out, 2, Map.of());
        return GenerateJob.run(config, new FramePipeline(kernels, options), ProgressListener.NONE);
    }

    @Test
    void aNullPointerExceptionInAStageFailsTheRunWithItsStackTrace() throws IOException {
        NullPointerException bug = new NullPointerException("deliberate, in the ambiguity stage");
        PipelineOptions options = SPEC.pipelineOptions().withCaptionSimilarity((a, b) -> {
            throw bug;
        }, 0.5);
        Path out = tmp.resolve("out");
        try (Kernels kernels = Kernels.jvm(1)) {
            FrameFailedException e = assertThrows(FrameFailedException.class, () -> run(kernels, options, out));
            assertSame(bug, e.getCause());
            assertTrue(e.getMessage().matches("Frame \\d \\(synthetic-00000\\d\\) failed processing, .*"
                    + "NullPointerException: deliberate, in the ambiguity stage"), e.getMessage());
            assertTrue(bug.getStackTrace().length > 0, "the stack trace travels with the cause");
        }
        assertFalse(Files.exists(out.resolve(ShardedOutput.MANIFEST)), "a failed run writes no manifest");
    }

    @Test
    void closedKernelsFailTheRunInsteadOfSkippingEveryFrame() {
        Kernels kernels = Kernels.jvm(1);
        kernels.close();
        FrameFailedException e = assertThrows(FrameFailedException.class,
                () -> run(kernels, SPEC.pipelineOptions(), tmp.resolve("closed")));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
