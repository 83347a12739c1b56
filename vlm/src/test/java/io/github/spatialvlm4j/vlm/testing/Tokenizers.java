package io.github.spatialvlm4j.vlm.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small word-level {@code tokenizer.json} files (lower-casing, whitespace split, optional BOS/EOS). */
public final class Tokenizers {
    private Tokenizers() {
    }

    /**
     * Writes {@code dir/tokenizer.json} whose vocabulary is {@code words} (id = index). When
     * {@code bos}/{@code eos} are not null, every encoding is wrapped as BOS ... EOS; both must
     * be in {@code words}. {@code unk} must be in {@code words}.
     */
    public static Path wordLevel(Path dir, List<String> words, String unk, String bos, String eos) throws IOException {
        return wordLevel(dir, words, unk, bos, eos, List.of());
    }

    /** As above, with {@code special} words registered as special added tokens (split out before whitespace splitting). */
    public static Path wordLevel(Path dir, List<String> words, String unk, String bos, String eos, List<String> special)
            throws IOException {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            vocab.append(i == 0 ? "" : ", ").append('"').append(words.get(i)).append("\": ").append(i);
        }
        StringBuilder added = new StringBuilder();
        String post = "null";
        if (bos != null) {
            int b = words.indexOf(bos);
            int e = words.indexOf(eos);
            added.append(special(b, bos)).append(", ").append(special(e, eos));
            String s = "{\"SpecialToken\": {\"id\": \"" + bos + "\", \"type_id\": 0}}, {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}}, "
                    + "{\"SpecialToken\": {\"id\": \"" + eos + "\", \"type_id\": 0}}";
            post = "{\"type\": \"TemplateProcessing\", \"single\": [" + s + "], \"pair\": [" + s
                    + ", {\"Sequence\": {\"id\": \"B\", \"type_id\": 1}}], \"special_tokens\": {"
                    + "\"" + bos + "\": {\"id\": \"" + bos + "\", \"ids\": [" + b + "], \"tokens\": [\"" + bos + "\"]}, "
                    + "\"" + eos + "\": {\"id\": \"" + eos + "\", \"ids\": [" + e + "], \"tokens\": [\"" + eos + "\"]}}}";
        }
        for (String sp : special) {
            added.append(added.length() == 0 ? "" : ", ").append(special(words.indexOf(sp), sp));
        }
        String json = "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": [" + added + "], "
                + "\"normalizer\": {\"type\": \"Lowercase\"}, \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"}, "
                + "\"post_processor\": " + post + ", \"decoder\": null, "
                + "\"model\": {\"type\": \"WordLevel\", \"vocab\": {" + vocab + "}, \"unk_token\": \"" + unk + "\"}}";
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("tokenizer.json"), json);
    }

    private static String special(int id, String content) {
        return "{\"id\": " + id + ", \"content\": \"" + content + "\", \"single_word\": false, \"lstrip\": false, "
                + "\"rstrip\": false, \"normalized\": false, \"special\": true}";
    }
}
