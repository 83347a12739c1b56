package io.github.spatialvlm4j.datagen.sink;

import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the sinks write about one frame: the encoded image, the scene facts and the generated
 * questions. One record becomes one line of the JSONL output, one conversation of the LLaVA and
 * ShareGPT outputs and one row of the Parquet output.
 *
 * <p>Like {@link io.github.spatialvlm4j.geometry.RgbImage}, the record shares its array: {@code equals}
 * compares {@code pngBytes} by identity.
 *
 * @param frameId the frame's id, unique within the run; equal to {@code facts.frameId()}
 * @param imagePath where the image is written, relative to the output directory, with forward
 *     slashes: {@code images/<name>.png} where the name is made of {@code [A-Za-z0-9._-]} and
 *     does not start with a dot (see {@link #imagePathFor(String)})
 * @param pngBytes the image encoded as PNG; shared, not copied: do not modify it after construction
 * @param facts the scene facts the questions were written from
 * @param qa the generated questions, in generation order; every object id they name is one of
 *     {@code facts.objects()}
 * @param maskSources where each object's mask came from, by object id; objects without an entry are
 *     unknown (records written before this was recorded)
 */
public record FrameRecord(String frameId, String imagePath, byte[] pngBytes, SceneFacts facts, List<QaPair> qa,
        Map<Integer, MaskSource> maskSources) {

    /** A record whose mask sources are unknown. */
    public FrameRecord(String frameId, String imagePath, byte[] pngBytes, SceneFacts facts, List<QaPair> qa) {
        this(frameId, imagePath, pngBytes, facts, qa, Map.of());
    }

    private static final Pattern IMAGE_PATH = Pattern.compile("images/[A-Za-z0-9_-][A-Za-z0-9._-]*\\.png");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public FrameRecord {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(pngBytes, "pngBytes");
        Objects.requireNonNull(facts, "facts");
        qa = List.copyOf(qa);
        maskSources = Map.copyOf(maskSources);
        if (frameId.isEmpty()) {
            throw new IllegalArgumentException("Invalid frame id: empty (must be non-empty)");
        }
        if (!facts.frameId().equals(frameId)) {
            throw new IllegalArgumentException("Frame id '" + frameId + "' does not match the facts' frame id '"
                    + facts.frameId() + "'");
        }
        if (!IMAGE_PATH.matcher(imagePath).matches()) {
            throw new IllegalArgumentException("Invalid image path: '" + imagePath + "' (expected images/<name>.png, "
                    + "name made of [A-Za-z0-9._-] not starting with a dot)");
        }
        if (!isPng(pngBytes)) {
            throw new IllegalArgumentException("Frame " + frameId + ": image bytes (" + pngBytes.length
                    + " bytes) do not start with the PNG signature");
        }
        Set<Integer> ids = new HashSet<>();
        for (ObjectFacts o : facts.objects()) {
            if (!ids.add(o.id())) {
                throw new IllegalArgumentException("Frame " + frameId + ": object id " + o.id() + " appears twice");
            }
        }
        for (int id : maskSources.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("Frame " + frameId + ": a mask source is given for object " + id
                        + ", which is not among the frame's objects " + ids);
            }
        }
        for (QaPair pair : qa) {
            for (int id : pair.objectIds()) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException("Frame " + frameId + ": question '" + pair.question()
                            + "' names object " + id + ", which is not among the frame's objects " + ids);
                }
            }
        }
    }

    /**
     * The default image path for a frame id: {@code images/<id>.png}, with every character outside
     * {@code [A-Za-z0-9._-]} (and a leading dot) replaced by {@code _}. Distinct ids can map to the
     * same path (e.g. {@code a/b} and {@code a_b}); {@link ShardedOutput} detects such a collision.
     */
    public static String imagePathFor(String frameId) {
        Objects.requireNonNull(frameId, "frameId");
        if (frameId.isEmpty()) {
            throw new IllegalArgumentException("Invalid frame id: empty (must be non-empty)");
        }
        StringBuilder name = new StringBuilder(frameId.length());
        for (int i = 0; i < frameId.length(); i++) {
            char c = frameId.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || (c == '.' && i > 0);
            name.append(ok ? c : '_');
        }
        return "images/" + name + ".png";
    }

    private static boolean isPng(byte[] bytes) {
        if (bytes.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }
}
