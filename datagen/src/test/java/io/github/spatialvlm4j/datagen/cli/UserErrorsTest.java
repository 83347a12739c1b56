package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.runner.FrameFailedException;
import io.github.spatialvlm4j.datagen.source.rgbd.RgbdFolders;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when something is wrong: one line, the path, no Java class names; and the ids they gave. */
class UserErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static void assertOneCleanLine(CliRun r) {
        assertEquals(1, r.err().lines().count(), r.err());
        for (String bad : List.of("Exception", "java.", "REDACTED", "caused by", "\tat ")) {
            assertFalse(r.err().contains(bad), () -> "'" + bad + "' in: " + r.err());
        }
    }

    @Test
    void malformedIntrinsicsAreOneLineWithThePlace() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("intrinsics.json"), "{\"fx\": 30,\n \"fy\": }");
        CliRun r = CliRun.of("generate", "--source", "rgbd", "--input", in.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertOneCleanLine(r);
        assertTrue(r.err().contains("Malformed JSON in " + in.toRealPath().resolve("intrinsics.json"))
                && r.err().contains("at line 2, column"), r.err());
    }

    @Test
    void anEmptySourceIsAnErrorAndACountOfZeroAUsageError() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 1, 64, 48, 3);
        Files.delete(in.resolve("scene000.color.png"));
        Files.delete(in.resolve("scene000.depth.png"));
        CliRun r = CliRun.of("generate", "--source", "rgbd", "--input", in.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, r.code());
        assertOneCleanLine(r);
        assertTrue(r.err().contains("No frames in " + in.toRealPath()) && r.err().contains("scene000.labels.png"),
                r.err());
        CliRun zero = CliRun.of("generate", "--count", "0", "--out", tmp.resolve("z").toString());
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("Invalid --count: 0 (must be >= 1)"), zero.err());
        assertFalse(Files.exists(tmp.resolve("z")));
    }

    @Test
    void eachCommandRefusesTheSourceKindsItDoesNotRunNamingWhatToDo() {
        CliRun parquet = CliRun.of("generate", "--source", "parquet", "--input", tmp.toString(), "--out",
                tmp.resolve("p").toString());
        assertEquals(2, parquet.code());
        assertOneCleanLine(parquet);
        assertTrue(parquet.err().startsWith("spatialvlm4j: --source parquet is not supported here: ")
                && parquet.err().contains("spatialvlm4j-spark-job.jar"), parquet.err());
        CliRun photos = CliRun.of("audit", "--source", "images", "--input", tmp.toString(), "--out",
                tmp.resolve("a").toString());
        assertEquals(2, photos.code());
        assertTrue(photos.err().contains("--source images is not supported here: audit needs frames with"
                + " ground-truth geometry"), photos.err());
        assertFalse(Files.exists(tmp.resolve("p")));
        CliRun models = CliRun.of("audit", "--count", "2", "--models", tmp.toString(), "--out",
                tmp.resolve("m").toString());
        assertEquals(2, models.code());
        assertOneCleanLine(models);
        assertTrue(models.err().contains("--models " + tmp + " is not used by audit"), models.err());
        assertFalse(Files.exists(tmp.resolve("m")));
        // The noise models corrupt synthetic renders; real frames are never silently audited as if corrupted.
        CliRun noisy = CliRun.of("audit", "--source", "rgbd", "--input", tmp.toString(), "--noise", "monocular",
                "--out", tmp.resolve("n").toString());
        assertEquals(2, noisy.code());
        assertOneCleanLine(noisy);
        assertTrue(noisy.err().contains("--noise monocular is only for --source synthetic"), noisy.err());
        assertFalse(Files.exists(tmp.resolve("n")));
    }

    @Test
    void anOutputUnderAFileNamesThePath() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "a file");
        Path out = file.resolve("out");
        CliRun r = CliRun.of("generate", "--count", "1", "--width", "64", "--height", "48", "--out", out.toString());
        assertEquals(1, r.code());
        assertOneCleanLine(r);
        assertEquals("spatialvlm4j: Not a directory: " + out + "\n", r.err());
    }

    @Test
    void anUnwritableOutputNamesThePath() throws IOException {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "permissions are not enforced for this user (root)");
            Path out = locked.resolve("out");
            CliRun r = CliRun.of("generate", "--count", "1", "--width", "64", "--height", "48", "--out", out.toString());
            assertEquals(1, r.code());
            assertOneCleanLine(r);
            assertEquals("spatialvlm4j: permission denied: " + out + "\n", r.err());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void strayFilesAndAnOutputInsideTheInputAreWarned() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 1, 64, 48, 3);
        Files.writeString(in.resolve("notes.txt"), "calibrated on Monday");
        Path out = in.resolve("out");
        CliRun r = CliRun.of("generate", "--source", "rgbd", "--input", in.toString(), "--out", out.toString(),
                "--questions", "4", "--max-skip-share", "1");
        assertTrue(r.code() == 0 || r.code() == 3, r.err());
        assertTrue(r.err().contains("warning: 1 file in " + in.toRealPath() + " belongs to no frame and is not read:"
                + " notes.txt"), r.err());
        assertTrue(r.err().contains("warning: --out " + out + " is inside --input " + in), r.err());
        // The output inside the input is not read as input on the next run.
        CliRun again = CliRun.of("generate", "--source", "rgbd", "--input", in.toString(), "--out",
                tmp.resolve("o2").toString(), "--questions", "4", "--max-skip-share", "1");
        assertTrue(again.out().contains("rgbd: 1 frames in"), again.out());
    }

    @Test
    void idsInAnyScriptComeThroughApart() throws IOException {
        Path in = tmp.resolve("in");
        RgbdFolders.writeScenes(in, 3, 96, 72, 21);
        String[] ids = {"日本", "中国", "café_日本"};
        for (int i = 0; i < 3; i++) {
            for (String suffix : List.of(".color.png", ".depth.png", ".labels.png", ".objects.json")) {
                Files.move(in.resolve("scene00" + i + suffix), in.resolve(ids[i] + suffix));
            }
        }
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("generate", "--source", "rgbd", "--input", in.toString(), "--out", out.toString(),
                "--questions", "4", "--format", "jsonl,llava");
        assertEquals(0, r.code(), r.err());
        Set<String> seen = new HashSet<>();
        Set<String> images = new HashSet<>();
        for (String line : Files.readAllLines(out.resolve("jsonl/part-00000.jsonl"))) {
            JsonNode record = JSON.readTree(line);
            seen.add(record.get("id").asText());
            String image = record.get("image").asText();
            assertTrue(images.add(image), image);
            assertTrue(Files.isRegularFile(out.resolve(image)), image);
        }
        assertEquals(Set.of(ids), seen, () -> "every id, with its characters: " + r.out());
        assertTrue(images.contains("images/%E6%97%A5%E6%9C%AC.png") && images.contains("images/%E4%B8%AD%E5%9B%BD.png"),
                images.toString());
    }

    @Test
    void aFrameThatFailedWithABugShowsItsStackTraceAndBadInputDoesNot() {
        assumeTrue(System.getenv(ErrorMessages.DEBUG_ENV) == null, "the debug switch shows every stack trace");
        FrameFailedException bug = new FrameFailedException("Frame 3 (a) failed processing",
                new NullPointerException("x"));
        assertTrue(ErrorMessages.wantsStackTrace(bug));
        assertTrue(ErrorMessages.wantsStackTrace(new IllegalStateException("Job aborted", bug)), "as Spark wraps it");
        assertFalse(ErrorMessages.wantsStackTrace(new FrameFailedException("Out of memory on frame 3",
                new OutOfMemoryError("Java heap space"))), "the message says what to do");
        assertFalse(ErrorMessages.wantsStackTrace(new IOException("Cannot read /in/a.png")));
    }

    @Test
    void errorMessagesAreOneLineWithoutClassNames() {
        assertEquals("Cannot write /o/a.jsonl: disk full", ErrorMessages.oneLine(
                new IOException("Cannot write /o/a.jsonl: java.io.IOException: disk full")));
        assertEquals("permission denied: /o", ErrorMessages.oneLine(new AccessDeniedException("/o")));
        assertEquals("Cannot read x: no such file or directory: /in/x.png", ErrorMessages.oneLine(new UncheckedIOException(
                "Cannot read x", new java.nio.file.NoSuchFileException("/in/x.png"))));
        assertEquals("bad value; second line", ErrorMessages.oneLine(new IllegalArgumentException("bad value\nsecond line")));
        String bug = ErrorMessages.oneLine(new NullPointerException("x is null"));
        assertTrue(bug.startsWith("internal error (NullPointerException): x is null") && bug.contains("report"), bug);
        String json = ErrorMessages.oneLine(new IllegalStateException("Bad file: Unexpected end-of-input at [Source:"
                + " REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 3, column: 7]"));
        assertEquals("Bad file: Unexpected end-of-input at line 3, column 7", json);
    }
}
