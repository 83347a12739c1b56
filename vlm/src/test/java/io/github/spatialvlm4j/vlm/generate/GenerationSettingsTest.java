package io.github.spatialvlm4j.vlm.generate;

import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.*;

class GenerationSettingsTest {
    @TempDir
    Path dir;

    private ModelDirectory model(String config, String generation) throws IOException {
        Files.createDirectories(dir.resolve("onnx"));
        Files.writeString(dir.resolve("config.json"), config);
        if (generation != null) {
            Files.writeString(dir.resolve("generation_config.json"), generation);
        }
        return ModelDirectory.open(dir);
    }

    @Test
    void readsGenerationConfig() throws IOException {
        GenerationSettings s = GenerationSettings.from(model("{\"eos_token_id\": 99}", """
                {"eos_token_id": [151645, 151643], "max_new_tokens": 64, "do_sample": true, "temperature": 0.7,
                 "top_k": 0, "top_p": 0.8}"""));
        assertEquals(List.of(151643, 151645), s.stopTokensSorted());
        assertEquals(64, s.maxNewTokens());
        assertTrue(s.doSample());
        assertEquals(0.7, s.temperature());
        assertEquals(OptionalInt.empty(), s.topK());
        assertEquals(0.8, s.topP());
    }

    @Test
    void fallsBackToConfigAndTextConfig() throws IOException {
        GenerationSettings top = GenerationSettings.from(model("{\"eos_token_id\": 2}", null));
        assertEquals(List.of(2), top.stopTokensSorted());
        assertEquals(GenerationSettings.DEFAULT_MAX_NEW_TOKENS, top.maxNewTokens());
        assertFalse(top.doSample());
        GenerationSettings nested = GenerationSettings.from(model("{\"text_config\": {\"eos_token_id\": [49279]}}", "{}"));
        assertEquals(List.of(49279), nested.stopTokensSorted());
    }

    @Test
    void missingStopTokensAndBadFieldsAreNamed() throws IOException {
        ModelFormatException none = assertThrows(ModelFormatException.class,
                () -> GenerationSettings.from(model("{}", "{}")));
        assertTrue(none.getMessage().contains("eos_token_id"), none.getMessage());
        ModelFormatException bad = assertThrows(ModelFormatException.class,
                () -> GenerationSettings.from(model("{}", "{\"eos_token_id\": 1, \"top_p\": 2}")));
        assertTrue(bad.getMessage().contains("top_p") && bad.getMessage().contains("generation_config.json"), bad.getMessage());
        ModelFormatException type = assertThrows(ModelFormatException.class,
                () -> GenerationSettings.from(model("{}", "{\"eos_token_id\": \"</s>\"}")));
        assertTrue(type.getMessage().contains("eos_token_id"), type.getMessage());
    }
}
