package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes model directories in the Hugging Face layout for tests. */
public final class ModelDirs {
    private ModelDirs() {
    }

    /** Creates {@code root/name} with {@code onnx/ROLE.onnx} from {@code graph} and the given JSON files. */
    public static Path create(Path root, String name, String role, OnnxGraph graph, String configJson,
                              String preprocessorJson) throws IOException {
        Path dir = root.resolve(name);
        graph.write(dir.resolve("onnx").resolve(role + ".onnx"));
        if (configJson != null) {
            Files.writeString(dir.resolve("config.json"), configJson);
        }
        if (preprocessorJson != null) {
            Files.writeString(dir.resolve("preprocessor_config.json"), preprocessorJson);
        }
        return dir;
    }
}
