package io.github.spatialvlm4j.vlm.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelDirectoryTest {
    @TempDir
    Path root;

    private Path model(String name, String... onnxFiles) throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir.resolve("onnx"));
        for (String f : onnxFiles) {
            Files.write(dir.resolve("onnx").resolve(f), new byte[] {1});
        }
        return dir;
    }

    @Test
    void findsGraphsByRoleAndVariant() throws IOException {
        model("org/clip", "vision_model.onnx", "vision_model_fp16.onnx", "text_model.onnx");
        ModelDirectory d = ModelRoot.of(root).model("org/clip");
        assertEquals(d.path().resolve("onnx/vision_model.onnx"), d.onnx("vision_model"));
        assertEquals(d.path().resolve("onnx/vision_model_fp16.onnx"), d.withVariant("fp16").onnx("vision_model"));
        assertEquals(List.of("text_model.onnx", "vision_model.onnx", "vision_model_fp16.onnx"), d.onnxFiles());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> d.withVariant("fp16").onnx("text_model"));
        assertTrue(e.getMessage().contains("text_model_fp16.onnx") && e.getMessage().contains("missing")
                && e.getMessage().contains("role 'text_model'") && e.getMessage().contains("vision_model.onnx"), e.getMessage());
    }

    @Test
    void missingDirectoriesAndFilesAreNamed() throws IOException {
        ModelRoot r = ModelRoot.of(root);
        ModelFormatException noDir = assertThrows(ModelFormatException.class, () -> r.model("absent"));
        assertTrue(noDir.getMessage().contains("absent") && noDir.getMessage().contains("missing"), noDir.getMessage());
        Files.createDirectories(root.resolve("noonnx"));
        ModelFormatException noOnnx = assertThrows(ModelFormatException.class, () -> r.model("noonnx"));
        assertTrue(noOnnx.getMessage().contains("noonnx/onnx"), noOnnx.getMessage());
        model("m", "model.onnx");
        ModelDirectory d = r.model("m");
        ModelFormatException noConfig = assertThrows(ModelFormatException.class, d::config);
        assertTrue(noConfig.getMessage().contains("config.json") && noConfig.getMessage().contains("missing"),
                noConfig.getMessage());
        ModelFormatException noTok = assertThrows(ModelFormatException.class, d::tokenizerFile);
        assertTrue(noTok.getMessage().contains("tokenizer.json"), noTok.getMessage());
        assertTrue(d.generationConfig().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> r.model("../escape"));
        assertThrows(IllegalArgumentException.class, () -> d.withVariant("../x"));
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path dir = model("m", "model.onnx");
        Files.writeString(dir.resolve("config.json"), "{\n  \"max_depth\": 20,\n  oops\n}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelDirectory.open(dir).config());
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(dir.resolve("config.json"), "[1, 2]");
        ModelFormatException arr = assertThrows(ModelFormatException.class, () -> ModelDirectory.open(dir).config());
        assertTrue(arr.getMessage().contains("JSON object"), arr.getMessage());
    }

    @Test
    void typedAccessorsNameTheField() throws IOException {
        Path dir = model("m", "model.onnx");
        Files.writeString(dir.resolve("generation_config.json"),
                "{\"eos_token_id\": [2, 7], \"bos_token_id\": 1, \"max_depth\": \"far\", \"do_sample\": true}");
        JsonConfig g = ModelDirectory.open(dir).generationConfig().orElseThrow();
        assertEquals(List.of(2, 7), g.integers("eos_token_id"));
        assertEquals(List.of(1), g.integers("bos_token_id"));
        assertTrue(g.bool("do_sample", false));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> g.positiveNumber("max_depth"));
        assertTrue(e.getMessage().contains("'max_depth'") && e.getMessage().contains("\"far\""), e.getMessage());
        ModelFormatException missing = assertThrows(ModelFormatException.class, () -> g.positiveNumber("absent"));
        assertTrue(missing.getMessage().contains("missing field 'absent'"), missing.getMessage());
    }

    @Test
    void rootFromEnvironment() throws IOException {
        assertTrue(ModelRoot.fromEnvironment(Map.of()).isEmpty());
        assertTrue(ModelRoot.fromEnvironment(Map.of(ModelRoot.ENV, "  ")).isEmpty());
        assertEquals(root.toAbsolutePath().normalize(),
                ModelRoot.fromEnvironment(Map.of(ModelRoot.ENV, root.toString())).orElseThrow().path());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelRoot.fromEnvironment(Map.of(ModelRoot.ENV, root.resolve("nope").toString())));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(ModelRoot.ENV), e.getMessage());
    }
}
