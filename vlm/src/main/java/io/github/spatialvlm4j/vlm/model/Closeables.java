package io.github.spatialvlm4j.vlm.model;

import java.util.List;

/** Closing several native resources at once without losing an exception. */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes every non-null resource in order, even when one fails; the first failure is thrown
     * as a {@link ModelException} naming {@code what}, later ones are added as suppressed.
     */
    public static void closeAll(String what, List<? extends AutoCloseable> resources) {
        ModelException failure = new ModelException("Closing " + what + " failed");
        closeAfterFailure(failure, resources);
        if (failure.getSuppressed().length > 0) {
            Throwable first = failure.getSuppressed()[0];
            ModelException e = new ModelException("Closing " + what + " failed: " + first.getMessage(), first);
            for (int k = 1; k < failure.getSuppressed().length; k++) {
                e.addSuppressed(failure.getSuppressed()[k]);
            }
            throw e;
        }
    }

    /**
     * Closes the resources opened so far after {@code primary} was thrown while building an
     * object, adding any close failure to {@code primary} as suppressed.
     */
    public static void closeAfterFailure(RuntimeException primary, List<? extends AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }

    /** Adds {@code resource} to {@code opened} and returns it (for constructors that open several). */
    public static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }
}
