package io.github.spatialvlm4j.vlm.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A model stored in the Hugging Face / transformers.js layout:
 *
 * <pre>
 * DIR/config.json                  model configuration (required)
 * DIR/preprocessor_config.json     image preprocessing (vision models)
 * DIR/tokenizer.json               tokenizer (text models)
 * DIR/generation_config.json       stop tokens and decoding defaults (generative models)
 * DIR/onnx/ROLE[_VARIANT].onnx     one graph per role, e.g. model.onnx, vision_encoder_fp16.onnx
 * DIR/onnx/ROLE[_VARIANT].onnx_data  optional external weights next to the graph
 * </pre>
 *
 * <p>A <em>role</em> is the graph's part in a multi-graph model ({@code model},
 * {@code vision_model}, {@code text_model}, {@code vision_encoder}, {@code embed_tokens},
 * {@code decoder_model_merged}, ...). A <em>variant</em> is the precision suffix
 * ({@code ""} for full precision, {@code "fp16"}, {@code "q4"}, {@code "quantized"}, ...).
 * Nothing is downloaded: every lookup only reads the directory, and a missing file is an error
 * naming the file and what was expected. Immutable and thread-safe; configuration files are
 * read on each call (they are small).
 */
public final class ModelDirectory {
    /** The folder of ONNX graphs inside a model directory. */
    public static final String ONNX_FOLDER = "onnx";

    private final Path dir;
    private final String variant;

    private ModelDirectory(Path dir, String variant) {
        this.dir = dir;
        this.variant = variant;
    }

    /**
     * Opens {@code dir}, which must exist and contain an {@code onnx/} folder.
     *
     * @throws ModelFormatException naming the directory when it or its {@code onnx/} folder is missing
     */
    public static ModelDirectory open(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("Model directory is null");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new ModelFormatException(abs + ": model directory is missing (expected a folder with "
                    + ONNX_FOLDER + "/*.onnx and config.json)");
        }
        if (!Files.isDirectory(abs.resolve(ONNX_FOLDER))) {
            throw new ModelFormatException(abs.resolve(ONNX_FOLDER) + ": folder is missing (expected the model's "
                    + "ONNX graphs, e.g. " + ONNX_FOLDER + "/model.onnx)");
        }
        return new ModelDirectory(abs, "");
    }

    /**
     * The same directory, preferring graphs of the given precision variant: role {@code r}
     * resolves to {@code onnx/r_VARIANT.onnx}. {@code ""} selects full precision.
     */
    public ModelDirectory withVariant(String newVariant) {
        if (newVariant == null || !newVariant.matches("[A-Za-z0-9]*")) {
            throw new IllegalArgumentException("Invalid model variant: '" + newVariant
                    + "' (expected letters and digits, e.g. fp16, q4, quantized; empty for full precision)");
        }
        return new ModelDirectory(dir, newVariant);
    }

    /** The absolute directory. */
    public Path path() {
        return dir;
    }

    /** The precision variant, {@code ""} for full precision. */
    public String variant() {
        return variant;
    }

    /** The file name a role maps to under this directory's variant, e.g. {@code vision_encoder_fp16.onnx}. */
    public String onnxFileName(String role) {
        requireRole(role);
        return variant.isEmpty() ? role + ".onnx" : role + "_" + variant + ".onnx";
    }

    /** The graph file of {@code role} when present. */
    public Optional<Path> findOnnx(String role) {
        Path p = dir.resolve(ONNX_FOLDER).resolve(onnxFileName(role));
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * The graph file of {@code role}.
     *
     * @throws ModelFormatException naming the missing file and listing the graphs that are present
     */
    public Path onnx(String role) {
        return findOnnx(role).orElseThrow(() -> new ModelFormatException(
                dir.resolve(ONNX_FOLDER).resolve(onnxFileName(role)) + ": file is missing (expected the ONNX graph of role '"
                        + role + "'" + (variant.isEmpty() ? "" : " in variant '" + variant + "'")
                        + "; graphs present: " + onnxFiles() + ")"));
    }

    /** The names of all {@code .onnx} files in {@code onnx/}, sorted. */
    public List<String> onnxFiles() {
        try (Stream<Path> s = Files.list(dir.resolve(ONNX_FOLDER))) {
            List<String> names = new ArrayList<>();
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx")).sorted().forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new ModelFormatException(dir.resolve(ONNX_FOLDER) + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** {@code config.json}, required. */
    public JsonConfig config() {
        return JsonConfig.read(dir.resolve("config.json"));
    }

    /** {@code preprocessor_config.json}, required by vision models. */
    public JsonConfig preprocessorConfig() {
        return JsonConfig.read(dir.resolve("preprocessor_config.json"));
    }

    /** {@code generation_config.json} when present (generative models fall back to config.json). */
    public Optional<JsonConfig> generationConfig() {
        Path p = dir.resolve("generation_config.json");
        return Files.isRegularFile(p) ? Optional.of(JsonConfig.read(p)) : Optional.empty();
    }

    /**
     * {@code tokenizer.json}, the Hugging Face tokenizers file.
     *
     * @throws ModelFormatException naming the file when it is missing
     */
    public Path tokenizerFile() {
        Path p = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(p)) {
            throw new ModelFormatException(p + ": file is missing (expected the Hugging Face tokenizer of this model)");
        }
        return p;
    }

    private static void requireRole(String role) {
        if (role == null || !role.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Invalid model role: '" + role
                    + "' (expected a graph name such as model, vision_encoder or decoder_model_merged)");
        }
    }

    @Override
    public String toString() {
        return "ModelDirectory[" + dir + (variant.isEmpty() ? "" : ", variant " + variant) + "]";
    }
}
