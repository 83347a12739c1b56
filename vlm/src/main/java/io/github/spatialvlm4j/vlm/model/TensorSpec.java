package io.github.spatialvlm4j.vlm.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The declared name, element type and shape of a graph input or output, as the session reports
 * it. A dynamic axis has no fixed size; its symbolic name (e.g. {@code "height"}) is kept when
 * the graph declares one.
 *
 * @param name        tensor name
 * @param elementType ONNX element type name, e.g. {@code FLOAT}, {@code INT64}
 * @param dims        one entry per axis: the fixed size, or empty for a dynamic axis
 * @param dimNames    one entry per axis: the symbolic name, or empty
 */
public record TensorSpec(String name, String elementType, List<OptionalLong> dims, List<Optional<String>> dimNames) {
    public TensorSpec {
        dims = List.copyOf(dims);
        dimNames = List.copyOf(dimNames);
        if (dims.size() != dimNames.size()) {
            throw new IllegalArgumentException("Tensor " + name + ": " + dims.size() + " dims but "
                    + dimNames.size() + " dim names");
        }
    }

    /** Number of axes. */
    public int rank() {
        return dims.size();
    }

    /** Whether {@code axis} has no fixed size. */
    public boolean isDynamic(int axis) {
        return dims.get(axis).isEmpty();
    }
}
