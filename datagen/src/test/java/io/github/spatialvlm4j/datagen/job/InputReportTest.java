package io.github.spatialvlm4j.datagen.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spatialvlm4j.datagen.source.FirstFrames;
import io.github.spatialvlm4j.datagen.source.images.WebDatasetSource;
import io.github.spatialvlm4j.datagen.source.images.WebDatasetSourceTest;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSource;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-file counters of the run summary ({@link RunCheck#inputReport}). */
class InputReportTest {

    @TempDir
    Path dir;

    private Path shard(String name, String... keys) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (String k : keys) {
            members.put(k + ".png", WebDatasetSourceTest.png(2, 2, 0x123456));
        }
        return Files.write(dir.resolve(name), WebDatasetSourceTest.tar(members));
    }

    @Test
    void framesAndSkipsAreCountedPerFile() throws IOException {
        Path a = shard("a.tar", "k0", "k1", "k2");
        Path b = shard("b.tar", "k3", "k4");
        WebDatasetSource source = new WebDatasetSource(WebDatasetSource.scan(dir), ColorImages.UNLIMITED);
        Path skipped = Files.writeString(dir.resolve("skipped.jsonl"),
                "{\"index\":1,\"id\":\"k1\",\"reason\":\"no_depth\",\"files\":[],\"message\":\"m\"}\n"
                + "{\"index\":2,\"id\":\"k2\",\"reason\":\"load_error\",\"files\":[],\"message\":\"m\"}\n"
                + "{\"index\":4,\"id\":\"k4\",\"reason\":\"no_depth\",\"files\":[],\"message\":\"m\"}\n");

        assertEquals(List.of("Inputs: 2 files, 2 with skipped frames:",
                "  " + a + ": 3 frames, 2 skipped (load_error 1, no_depth 1)",
                "  " + b + ": 2 frames, 1 skipped (no_depth 1)"), RunCheck.inputReport(source, skipped));
        assertEquals(List.of("Inputs: 1 file, 1 with skipped frames:",
                "  " + a + ": 2 frames, 1 skipped (no_depth 1)"),
                RunCheck.inputReport(new FirstFrames(source, 2), skipped), "frames past the limit are not counted");
        assertEquals(List.of("Inputs: 2 files, 0 with skipped frames:", "  " + a + ": 3 frames, 0 skipped",
                "  " + b + ": 2 frames, 0 skipped"), RunCheck.inputReport(source, dir.resolve("none.jsonl")));
    }

    @Test
    void manyFilesShowTheOnesWithSkipsFirst() throws IOException {
        StringBuilder skips = new StringBuilder();
        for (int f = 0; f < 12; f++) {
            shard(String.format("s%02d.tar", f), "f" + f);
        }
        skips.append("{\"index\":11,\"id\":\"f11\",\"reason\":\"no_depth\",\"files\":[],\"message\":\"m\"}\n");
        Path skipped = Files.writeString(dir.resolve("skipped.jsonl"), skips.toString());
        List<String> lines = RunCheck.inputReport(new WebDatasetSource(WebDatasetSource.scan(dir),
                ColorImages.UNLIMITED), skipped);

        assertEquals(RunCheck.FILES_SHOWN + 2, lines.size(), lines.toString());
        assertEquals("Inputs: 12 files, 1 with skipped frames:", lines.get(0));
        assertEquals("  " + dir.resolve("s11.tar") + ": 1 frame, 1 skipped (no_depth 1)", lines.get(1));
        assertEquals("  ... and 2 more files", lines.get(lines.size() - 1));
    }

    @Test
    void sourcesWithoutSharedFilesHaveNoCounters() throws IOException {
        SyntheticSource scenes = new SyntheticSource(SyntheticSceneOptions.defaults(), 1, 3);
        assertEquals(List.of(), RunCheck.inputReport(scenes, dir.resolve("skipped.jsonl")));
    }
}
