package io.github.spatialvlm4j.datagen.source.rgbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.cli.SpatialVlm4jCli;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic frames written as an RGB-D folder (depth rounded to millimetres by the 16-bit PNG) and
 * run through {@code generate --source rgbd}: the folder reader, the pipeline and the writer together.
 */
class RgbdEndToEndTest {
    private static final double MILLIMETRES = 1000;

    @TempDir
    Path tmp;

    @Test
    void generateFromAnRgbdFolder() throws Exception {
        Path in = tmp.resolve("in");
        SyntheticSceneGenerator gen = new SyntheticSceneGenerator(
                SyntheticSceneOptions.defaults().withSize(160, 120).withObjects(3, 6));
        for (int i = 0; i < 2; i++) {
            Frame f = gen.generate("scene" + i, 40 + i);
            RgbdFolders.writeFrame(in, f, MILLIMETRES);
        }
        Path out = tmp.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = SpatialVlm4jCli.run(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), "generate", "--source", "rgbd", "--input",
                in.toString(), "--out", out.toString(), "--format", "jsonl", "--threads", "2");
        assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));

        List<String> lines = java.nio.file.Files.readAllLines(out.resolve("jsonl/part-00000.jsonl"));
        assertEquals(2, lines.size(), "one record per frame");
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new TreeSet<>();
        int questions = 0;
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            ids.add(record.get("id").asText());
            assertEquals(160, record.get("width").asInt());
            assertTrue(record.get("objects").size() > 0, line);
            questions += record.get("qa").size();
        }
        assertEquals(Set.of("scene0", "scene1"), ids);
        assertTrue(questions > 0, "no question generated");
        assertEquals(questions, json.readTree(out.resolve("manifest.json").toFile()).get("questions").asInt());
    }
}
