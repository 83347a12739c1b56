package io.github.spatialvlm4j.vlm.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The folder under which model directories live, e.g. {@code ROOT/onnx-community/DepthPro-ONNX}
 * (the Hugging Face repository id as a relative path). Given on the command line
 * ({@code --models DIR}) or by the environment variable {@value #ENV}. Nothing is downloaded:
 * a model that is not under the root is an error naming the directory that was looked for.
 * Immutable and thread-safe.
 */
public final class ModelRoot {
    /** The environment variable that names the models root. */
    public static final String ENV = "SPATIALVLM4J_MODELS";

    private final Path root;

    private ModelRoot(Path root) {
        this.root = root;
    }

    /**
     * A root at {@code dir}, which must be an existing folder.
     *
     * @throws ModelFormatException naming the folder when it does not exist
     */
    public static ModelRoot of(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("Models root is null");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new ModelFormatException(abs + ": models root is missing (expected a folder of model directories; "
                    + "set --models or " + ENV + ")");
        }
        return new ModelRoot(abs);
    }

    /** The root named by {@value #ENV} in the process environment, empty when unset or blank. */
    public static Optional<ModelRoot> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The root named by {@value #ENV} in {@code env}, empty when unset or blank. */
    public static Optional<ModelRoot> fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(of(Path.of(v.trim())));
    }

    /** The absolute root folder. */
    public Path path() {
        return root;
    }

    /**
     * The model directory {@code ROOT/name}; {@code name} is a relative path such as
     * {@code onnx-community/DepthPro-ONNX} and may not leave the root.
     *
     * @throws ModelFormatException naming the directory when it or its {@code onnx/} folder is missing
     */
    public ModelDirectory model(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Invalid model name: '" + name + "' (expected a relative path such as "
                    + "onnx-community/DepthPro-ONNX)");
        }
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("Invalid model name: '" + name + "' (must be a path inside " + root + ")");
        }
        return ModelDirectory.open(p);
    }

    @Override
    public String toString() {
        return "ModelRoot[" + root + "]";
    }
}
