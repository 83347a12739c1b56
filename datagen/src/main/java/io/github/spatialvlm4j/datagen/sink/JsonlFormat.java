package io.github.spatialvlm4j.datagen.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@link OutputFormat#JSONL}: one {@link RecordJson} line per frame (facts and exact answers, see
 * docs/schema), every frame of the shard, with or without questions. {@code jsonl/part-00000.jsonl}.
 */
final class JsonlFormat implements ShardFormat {

    @Override
    public String id() {
        return "jsonl";
    }

    @Override
    public String extension() {
        return "jsonl";
    }

    @Override
    public void writeShard(Shard shard, Path file) throws IOException {
        ShardFormat.writeStream(file, out -> {
            for (String line : shard.recordJson()) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            return shard.recordJson().size();
        });
    }
}
