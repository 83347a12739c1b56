package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/** The one Jackson configuration every sink writes with, so equal content gives equal bytes. */
final class Json {

    /** UTF-8, no pretty printing; generators never close the stream they write to. */
    static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }

    /** A UTF-8 generator on {@code out}; flush it when done, closing it leaves {@code out} open. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        // Jackson separates root-level values with a space by default; callers write their own separators.
        g.setRootValueSeparator(null);
        return g;
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
