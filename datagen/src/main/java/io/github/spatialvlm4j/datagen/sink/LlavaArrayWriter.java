package io.github.spatialvlm4j.datagen.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a JSON array one element per line: {@code [\n e1,\n e2\n]\n}, or {@code []\n} when empty.
 * Used for the per-shard LLaVA files and for the merged {@code llava.json}, so merging re-emits the
 * same bytes.
 */
final class LlavaArrayWriter implements AutoCloseable {
    private final OutputStream out;
    private final JsonGenerator g;
    private int count;
    private boolean closed;

    LlavaArrayWriter(OutputStream out) throws IOException {
        this.out = out;
        this.g = Json.generator(out);
        out.write('[');
    }

    void element(Json.Body body) throws IOException {
        out.write(count == 0 ? "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                : ",\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.write(g);
        g.flush();
        count++;
    }

    int count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        g.close();
        out.write((count == 0 ? "]\n" : "\n]\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
    }
}
