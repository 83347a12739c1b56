package io.github.spatialvlm4j.vlm.model;

/**
 * A model could not be loaded or run: ONNX Runtime failed, or its outputs did not have the
 * shape or type the adapter expects. The message names the model file and, for tensors, the
 * tensor name with the expected and actual shapes.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
