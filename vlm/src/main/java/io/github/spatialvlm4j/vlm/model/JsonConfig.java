package io.github.spatialvlm4j.vlm.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One parsed JSON configuration file of a model directory ({@code config.json},
 * {@code preprocessor_config.json}, {@code generation_config.json}) with typed accessors whose
 * errors name the file and the field. Immutable and thread-safe.
 */
public final class JsonConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private JsonConfig(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Reads and parses {@code file}, which must hold a JSON object.
     *
     * @throws ModelFormatException when the file is missing, unreadable, not JSON, or not an object
     */
    public static JsonConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file.toAbsolutePath() + ": file is missing (expected a JSON object)", e);
        } catch (IOException e) {
            throw new ModelFormatException(file.toAbsolutePath() + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(file, text);
    }

    /** Parses {@code text} as the content of {@code file} (used for messages only). */
    public static JsonConfig parse(Path file, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(file.toAbsolutePath() + ": malformed JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + " (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new ModelFormatException(file.toAbsolutePath() + ": expected a JSON object at the top level, found "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
        return new JsonConfig(file, node);
    }

    /** The file this configuration was read from. */
    public Path file() {
        return file;
    }

    /** The parsed tree (read-only by convention). */
    public JsonNode root() {
        return root;
    }

    public boolean has(String field) {
        JsonNode n = root.get(field);
        return n != null && !n.isNull();
    }

    /** The raw node of {@code field}, empty when absent or JSON null. */
    public Optional<JsonNode> node(String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    /** A boolean field, {@code defaultValue} when absent; a non-boolean value is an error naming the file. */
    public boolean bool(String field, boolean defaultValue) {
        return node(field).map(n -> {
            if (!n.isBoolean()) {
                throw bad(field, "a boolean", n);
            }
            return n.booleanValue();
        }).orElse(defaultValue);
    }

    /** A numeric field; empty when absent. */
    public OptionalDouble number(String field) {
        Optional<JsonNode> n = node(field);
        if (n.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!n.get().isNumber()) {
            throw bad(field, "a number", n.get());
        }
        return OptionalDouble.of(n.get().doubleValue());
    }

    /** A required numeric field that must be finite and &gt; 0. */
    public double positiveNumber(String field) {
        OptionalDouble v = number(field);
        if (v.isEmpty()) {
            throw new ModelFormatException(file.toAbsolutePath() + ": missing field '" + field
                    + "' (expected a number > 0)");
        }
        double d = v.getAsDouble();
        if (!(d > 0) || !Double.isFinite(d)) {
            throw bad(field, "a finite number > 0", root.get(field));
        }
        return d;
    }

    /** An integer field; empty when absent. */
    public OptionalInt integer(String field) {
        Optional<JsonNode> n = node(field);
        if (n.isEmpty()) {
            return OptionalInt.empty();
        }
        if (!n.get().canConvertToInt() || !n.get().isIntegralNumber()) {
            throw bad(field, "an integer", n.get());
        }
        return OptionalInt.of(n.get().intValue());
    }

    /** A string field; empty when absent. */
    public Optional<String> string(String field) {
        return node(field).map(n -> {
            if (!n.isTextual()) {
                throw bad(field, "a string", n);
            }
            return n.textValue();
        });
    }

    /**
     * An integer list; a single integer is read as a one-element list (Hugging Face configs
     * write {@code eos_token_id} either way). Empty list when absent.
     */
    public List<Integer> integers(String field) {
        Optional<JsonNode> n = node(field);
        List<Integer> out = new ArrayList<>();
        if (n.isEmpty()) {
            return out;
        }
        if (n.get().isIntegralNumber()) {
            out.add(n.get().intValue());
            return out;
        }
        if (!n.get().isArray()) {
            throw bad(field, "an integer or an array of integers", n.get());
        }
        for (JsonNode e : n.get()) {
            if (!e.isIntegralNumber()) {
                throw bad(field, "an array of integers", n.get());
            }
            out.add(e.intValue());
        }
        return out;
    }

    /** An array of numbers of exactly {@code length} elements, or a single number repeated; empty when absent. */
    public Optional<double[]> numbers(String field, int length) {
        Optional<JsonNode> n = node(field);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        double[] out = new double[length];
        if (n.get().isNumber()) {
            java.util.Arrays.fill(out, n.get().doubleValue());
            return Optional.of(out);
        }
        if (!n.get().isArray() || n.get().size() != length) {
            throw bad(field, "a number or an array of " + length + " numbers", n.get());
        }
        for (int i = 0; i < length; i++) {
            if (!n.get().get(i).isNumber()) {
                throw bad(field, "an array of " + length + " numbers", n.get());
            }
            out[i] = n.get().get(i).doubleValue();
        }
        return Optional.of(out);
    }

    /** An error naming this file, the field, what was expected and what was found. */
    public ModelFormatException bad(String field, String expected, JsonNode found) {
        return new ModelFormatException(file.toAbsolutePath() + ": field '" + field + "' must be " + expected
                + ", was " + found);
    }
}
