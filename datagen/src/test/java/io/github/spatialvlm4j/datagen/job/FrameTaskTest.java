package io.github.spatialvlm4j.datagen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.pipeline.SkipReason;
import io.github.spatialvlm4j.datagen.pipeline.Stage;
import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.runner.FrameFailedException;
import io.github.spatialvlm4j.datagen.runner.FrameOutcome;
import io.github.spatialvlm4j.datagen.runner.InputFile;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure policy of every runner: declared bad input (an IOException or an invalid value while
 * loading, a skip the work returns) is a counted skip naming the frame and its files; anything else
 * fails, naming the frame, with the original exception as the cause.
 */
class FrameTaskTest {
    private static final int FRAMES = 3;
    private static final int BAD = 1;

    @TempDir
    Path tmp;

    /** Two small synthetic scenes around frame {@link #BAD}, which throws {@code thrown} when loaded. */
    private FrameSource failingAt(Exception thrown) {
        FrameSource scenes = new SyntheticSource(SyntheticSceneOptions.defaults().withSize(32, 24), 3, FRAMES);
        Path file = tmp.resolve("frame" + BAD + ".png");
        return new FrameSource() {
            @Override
            public int size() {
                return FRAMES;
            }

            @Override
            public Frame load(int index) throws IOException {
                if (index == BAD && thrown instanceof IOException io) {
                    throw io;
                }
                if (index == BAD && thrown instanceof RuntimeException r) {
                    throw r;
                }
                return scenes.load(index);
            }

            @Override
            public String describe() {
                return "test frames";
            }

            @Override
            public Optional<String> idOf(int index) {
                return Optional.of("f" + index);
            }

            @Override
            public List<Path> inputFiles(int index) {
                return index == BAD ? List.of(file) : List.of();
            }
        };
    }

    private static FrameTask<String> task(FrameSource source, StageTimes times) {
        return new FrameTask<>(source, times, (frame, buffers) -> FrameOutcome.of(frame.id(), 1));
    }

    @Test
    void aStageThatThrowsNullPointerExceptionFailsNamingTheFrame() {
        FrameSource source = failingAt(new IOException("unused"));
        NullPointerException bug = new NullPointerException("deliberate");
        FrameTask<String> task = new FrameTask<>(source, new StageTimes(), (frame, buffers) -> {
            throw bug;
        });
        FrameFailedException e = assertThrows(FrameFailedException.class, () -> task.apply(0));
        assertSame(bug, e.getCause(), "the original exception, with its stack trace");
        assertTrue(e.getMessage().startsWith("Frame 0 (synthetic-000000) failed processing"), e.getMessage());
        assertTrue(e.getMessage().endsWith("NullPointerException: deliberate"), e.getMessage());
    }

    @Test
    void aFileThatCannotBeReadIsALoadErrorNamingTheFrameAndItsFiles() {
        StageTimes times = new StageTimes();
        FrameTask<String> task = task(failingAt(new IOException("frame1.png: truncated PNG")), times);
        FrameOutcome<String> skipped = task.apply(BAD);
        assertEquals(Optional.of(SkipReason.LOAD_ERROR), skipped.skip());
        assertEquals("frame1.png: truncated PNG", skipped.detail());
        assertEquals(Optional.of("f" + BAD), skipped.frameId());
        assertEquals(List.of(new InputFile(tmp.resolve("frame1.png").toString(), InputFile.MISSING)),
                skipped.inputs());
        assertEquals(Optional.of("synthetic-000000"), task.apply(0).record());
        assertTrue(times.nanos(Stage.LOAD) > 0, "loads are timed");
    }

    @Test
    void anInvalidValueWhileLoadingIsAnInvalidInputSkip() {
        FrameOutcome<String> skipped = task(failingAt(new IllegalArgumentException(
                "Invalid depth NaN at pixel (1, 2)")), new StageTimes()).apply(BAD);
        assertEquals(Optional.of(SkipReason.INVALID_INPUT), skipped.skip());
        assertEquals("Invalid depth NaN at pixel (1, 2)", skipped.detail(), "the message, without a class name");
        assertEquals(Optional.of("f" + BAD), skipped.frameId());
    }

    @Test
    void anUncheckedExceptionWhileLoadingIsNoSkip() {
        IllegalStateException bug = new IllegalStateException("source closed");
        FrameFailedException e = assertThrows(FrameFailedException.class,
                () -> task(failingAt(bug), new StageTimes()).apply(BAD));
        assertSame(bug, e.getCause());
        assertTrue(e.getMessage().startsWith("Frame 1 (f1) failed loading"), e.getMessage());
    }

    @Test
    void aFailureOfTheOutputIsThrownAsItIs() {
        UncheckedIOException disk = new UncheckedIOException(new IOException("disk full"));
        FrameTask<String> task = new FrameTask<>(failingAt(new IOException("unused")), new StageTimes(), (frame, buffers) -> {
            throw disk;
        });
        assertSame(disk, assertThrows(UncheckedIOException.class, () -> task.apply(0)));
    }

    @Test
    void aSkipOfTheWorkGetsTheFrameIdAndFiles() {
        FrameSource source = failingAt(new IOException("unused"));
        FrameTask<String> task = new FrameTask<>(source, new StageTimes(),
                (frame, buffers) -> FrameOutcome.skipped(SkipReason.NO_OBJECTS, "frame " + frame.id() + ": nothing left"));
        FrameOutcome<String> skipped = task.apply(0);
        assertEquals(Optional.of(SkipReason.NO_OBJECTS), skipped.skip());
        assertEquals(Optional.of("synthetic-000000"), skipped.frameId());
        assertEquals(List.of(), skipped.inputs());
    }
}
