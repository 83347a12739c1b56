package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The one Jackson configuration every sink writes with, so equal content gives equal bytes. */
final class Json {

    /** UTF-8, no pretty printing; generators never close the stream they write to. */
    static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    /**
     * Template only: a {@link DefaultPrettyPrinter} counts nesting as it writes, so one instance shared by
     * generators on several threads (Spark tasks, parallel writers) corrupts the indentation. Every generator
     * gets its own copy from {@link #prettyPrinter()}.
     */
    private static final DefaultPrettyPrinter PRETTY_TEMPLATE = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /** A UTF-8 generator on {@code out}; flush it when done, closing it leaves {@code out} open. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        // Jackson separates root-level values with a space by default; callers write their own separators.
        g.setRootValueSeparator(null);
        return g;
    }

    /** A pretty printer of its own: two-space indents, {@code \n} line ends on every platform. */
    static DefaultPrettyPrinter prettyPrinter() {
        return PRETTY_TEMPLATE.createInstance();
    }

    /** {@code node} pretty-printed ({@link #prettyPrinter()}), UTF-8, with a final {@code \n}. */
    static byte[] pretty(JsonNode node) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = generator(buf)) {
            g.setPrettyPrinter(prettyPrinter());
            MAPPER.writeTree(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory failed", e);
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
