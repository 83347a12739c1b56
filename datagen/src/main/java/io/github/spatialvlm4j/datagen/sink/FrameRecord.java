package io.github.spatialvlm4j.datagen.sink;

import io.github.spatialvlm4j.datagen.MaskSource;
import io.github.spatialvlm4j.datagen.Sha256;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import io.github.spatialvlm4j.datagen.qa.ReferStyle;
import io.github.spatialvlm4j.datagen.refer.CocoRle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything the sinks write about one frame: the encoded image, the scene facts and the generated
 * questions. One record becomes one line of the JSONL output, one conversation of the LLaVA and
 * ShareGPT outputs and one row of the Parquet output.
 *
 * <p>Like {@link io.github.spatialvlm4j.geometry.RgbImage}, the record shares its image: {@code equals}
 * compares {@code png} by identity. The images are held in memory until {@link ShardedOutput#writeImages}
 * writes them to the output directory and gives the record back with its images on disk.
 *
 * @param frameId the frame's id, unique within the run; equal to {@code facts.frameId()}
 * @param imagePath where the image is written, relative to the output directory, with forward
 *     slashes: {@code images/<name>.png} where the name is made of {@code [A-Za-z0-9._%~-]} and
 *     does not start with a dot (see {@link #imagePathFor(String)})
 * @param png the image encoded as PNG, in memory or already written ({@link EncodedPng}); shared, not copied
 * @param facts the scene facts the questions were written from
 * @param qa the generated questions, in generation order; every object id they name is one of
 *     {@code facts.objects()}
 * @param refer how the questions name objects ({@link ReferStyle}): in {@code REGION} style "Region [i]"
 *     is the i-th object of {@link #regionOrder()}, in {@code MARKS} style "[k]" the k-th object of
 *     {@code facts.objects()} (1-based), drawn on the marked image
 * @param masks each object's mask as COCO RLE, by object id (every object of {@code facts} when the
 *     frame had masks; the image's size)
 * @param marked the image with the marks the questions refer to (object numbers in {@code MARKS} style,
 *     lettered points of point depth questions): what the chat formats show the model instead of the
 *     plain image; present exactly when there is something to mark
 * @param maskSources where each object's mask came from, by object id; objects without an entry are
 *     unknown (records written before this was recorded)
 */
public record FrameRecord(String frameId, String imagePath, EncodedPng png, SceneFacts facts, List<QaPair> qa,
        ReferStyle refer, Map<Integer, CocoRle> masks, Optional<Marked> marked, Map<Integer, MaskSource> maskSources) {

    /**
     * A marked copy of the frame's image.
     *
     * @param path where it is written, relative to the output directory: {@code images/<name>.marks.png}
     * @param png the image encoded as PNG, in memory or already written; shared, not copied
     */
    public record Marked(String path, EncodedPng png) {
        public Marked {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(png, "png");
        }

        /** A marked image held in memory; shares {@code pngBytes}. */
        public Marked(String path, byte[] pngBytes) {
            this(path, EncodedPng.of(Objects.requireNonNull(pngBytes, "pngBytes")));
        }

        /** The PNG bytes ({@link EncodedPng#bytes()}: read back when written). */
        public byte[] pngBytes() {
            return png.bytes();
        }
    }

    private static final Pattern IMAGE_PATH = Pattern.compile("images/[A-Za-z0-9_%-][A-Za-z0-9._%~-]*\\.png");

    /** Whether {@code path} (relative to the output directory, forward slashes) is a valid image path of a record. */
    static boolean isImagePath(String path) {
        return IMAGE_PATH.matcher(path).matches();
    }
    private static final String IMAGES = "images/";
    private static final String MARKS = ".marks";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** The longest image name (without {@code images/} and {@code .png}): file systems allow 255 bytes. */
    public static final int MAX_NAME = 200;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public FrameRecord {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(facts, "facts");
        qa = List.copyOf(qa);
        if (frameId.isEmpty()) {
            throw new IllegalArgumentException("Invalid frame id: empty (must be non-empty)");
        }
        if (!facts.frameId().equals(frameId)) {
            throw new IllegalArgumentException("Frame id '" + frameId + "' does not match the facts' frame id '"
                    + facts.frameId() + "'");
        }
        if (!isImagePath(imagePath)) {
            throw new IllegalArgumentException("Invalid image path: '" + imagePath + "' (expected images/<name>.png, "
                    + "name made of [A-Za-z0-9._%~-] not starting with a dot)");
        }
        if (png.file().isEmpty() && !isPng(png.bytes())) {
            throw new IllegalArgumentException("Frame " + frameId + ": image bytes (" + png.size()
                    + " bytes) do not start with the PNG signature");
        }
        Set<Integer> ids = new HashSet<>();
        for (ObjectFacts o : facts.objects()) {
            if (!ids.add(o.id())) {
                throw new IllegalArgumentException("Frame " + frameId + ": object id " + o.id() + " appears twice");
            }
        }
        Objects.requireNonNull(refer, "refer");
        masks = Collections.unmodifiableSortedMap(new TreeMap<>(masks));
        for (Map.Entry<Integer, CocoRle> e : masks.entrySet()) {
            if (!ids.contains(e.getKey())) {
                throw new IllegalArgumentException("Frame " + frameId + ": a mask for object " + e.getKey()
                        + ", which is not among the frame's objects " + ids);
            }
            if (e.getValue().width() != facts.imageWidth() || e.getValue().height() != facts.imageHeight()) {
                throw new IllegalArgumentException("Frame " + frameId + ": the mask of object " + e.getKey() + " is "
                        + e.getValue().width() + "x" + e.getValue().height() + ", the image " + facts.imageWidth()
                        + "x" + facts.imageHeight());
            }
        }
        Objects.requireNonNull(marked, "marked");
        if (marked.isPresent()) {
            String p = marked.get().path();
            if (!isImagePath(p) || p.equals(imagePath)) {
                throw new IllegalArgumentException("Invalid marked image path: '" + p + "' (expected images/<name>.png,"
                        + " not the frame's image path " + imagePath + ")");
            }
            if (marked.get().png().file().isEmpty() && !isPng(marked.get().png().bytes())) {
                throw new IllegalArgumentException("Frame " + frameId + ": marked image bytes do not start with the PNG"
                        + " signature");
            }
        }
        maskSources = Collections.unmodifiableSortedMap(new TreeMap<>(maskSources));
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

    /** A record whose questions name objects by caption, without masks, marked image or mask sources. */
    public FrameRecord(String frameId, String imagePath, byte[] pngBytes, SceneFacts facts, List<QaPair> qa) {
        this(frameId, imagePath, pngBytes, facts, qa, ReferStyle.CAPTION, Map.of(), Optional.empty(), Map.of());
    }

    /** A record whose questions name objects by caption, without masks or marked image. */
    public FrameRecord(String frameId, String imagePath, byte[] pngBytes, SceneFacts facts, List<QaPair> qa,
            Map<Integer, MaskSource> maskSources) {
        this(frameId, imagePath, pngBytes, facts, qa, ReferStyle.CAPTION, Map.of(), Optional.empty(), maskSources);
    }

    /** A record without mask sources. */
    public FrameRecord(String frameId, String imagePath, byte[] pngBytes, SceneFacts facts, List<QaPair> qa,
            ReferStyle refer, Map<Integer, CocoRle> masks, Optional<Marked> marked) {
        this(frameId, imagePath, pngBytes, facts, qa, refer, masks, marked, Map.of());
    }

    /** A record whose image is held in memory; shares {@code pngBytes}. */
    public FrameRecord(String frameId, String imagePath, byte[] pngBytes, SceneFacts facts, List<QaPair> qa,
            ReferStyle refer, Map<Integer, CocoRle> masks, Optional<Marked> marked,
            Map<Integer, MaskSource> maskSources) {
        this(frameId, imagePath, EncodedPng.of(Objects.requireNonNull(pngBytes, "pngBytes")), facts, qa, refer,
                masks, marked, maskSources);
    }

    /** The PNG bytes of the image ({@link EncodedPng#bytes()}: read back when written). */
    public byte[] pngBytes() {
        return png.bytes();
    }

    /** This record with other images: {@code image} for its image, {@code markedImage} for its marked copy's. */
    FrameRecord withImages(EncodedPng image, Optional<EncodedPng> markedImage) {
        if (markedImage.isPresent() != marked.isPresent()) {
            throw new IllegalArgumentException("Frame " + frameId + ": a marked image is " + (marked.isPresent()
                    ? "expected" : "not expected"));
        }
        return new FrameRecord(frameId, imagePath, image, facts, qa, refer, masks,
                marked.map(m -> new Marked(m.path(), markedImage.orElseThrow())), maskSources);
    }

    /** The image the chat formats show with the questions: the marked image when there is one. */
    public String chatImagePath() {
        return marked.map(Marked::path).orElse(imagePath);
    }

    /** The image of {@link #chatImagePath()}. */
    public EncodedPng chatImage() {
        return marked.map(Marked::png).orElse(png);
    }

    /** The bytes of {@link #chatImagePath()} ({@link EncodedPng#bytes()}: read back when written). */
    public byte[] chatImageBytes() {
        return chatImage().bytes();
    }

    /**
     * The objects in the order the questions first name them: in {@code REGION} style, the i-th is
     * "Region [i]"; empty in the other styles.
     */
    public List<Integer> regionOrder() {
        return refer == ReferStyle.REGION ? regionOrder(qa) : List.of();
    }

    /** The object ids of {@code qa} in order of first appearance. */
    public static List<Integer> regionOrder(List<QaPair> qa) {
        LinkedHashSet<Integer> order = new LinkedHashSet<>();
        for (QaPair pair : qa) {
            order.addAll(pair.objectIds());
        }
        return List.copyOf(order);
    }

    /** The path of the marked copy of a frame's image: {@code images/<name>.marks.png}. */
    public static String markedPathFor(String frameId) {
        return imagePathFor(frameId).replaceFirst("\\.png$", ".marks.png");
    }

    /**
     * The default image path for a frame id: {@code images/<name>.png}, where the name is the id with
     * every character outside {@code [A-Za-z0-9._-]}, a leading dot and the dot of a final
     * {@code .marks} written as {@code %XX} per UTF-8 byte ({@code café_日本} gives
     * {@code caf%C3%A9_%E6%97%A5%E6%9C%AC}); ids made of safe characters keep their name. So two ids
     * never share a path, an image path never ends in {@code .marks.png} (the marked copies' suffix),
     * and the id can be read back ({@link #frameIdOf}). A name longer than {@value #MAX_NAME}
     * characters is cut and ends in {@code ~} and 16 hex digits of the id's SHA-256, which no escaped
     * name contains. On a file system that ignores case, ids that differ only in case still meet;
     * {@link ShardedOutput} refuses the second image then.
     */
    public static String imagePathFor(String frameId) {
        Objects.requireNonNull(frameId, "frameId");
        if (frameId.isEmpty()) {
            throw new IllegalArgumentException("Invalid frame id: empty (must be non-empty)");
        }
        StringBuilder name = new StringBuilder(frameId.length());
        int marksDot = frameId.endsWith(MARKS) ? frameId.length() - MARKS.length() : -1;
        for (int i = 0; i < frameId.length();) {
            int c = frameId.codePointAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || (c == '.' && i > 0 && i != marksDot);
            if (ok) {
                name.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    name.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i += Character.charCount(c);
        }
        if (name.length() > MAX_NAME) {
            int keep = MAX_NAME - 17;
            // Never cut an escape in two.
            while (name.charAt(keep - 1) == '%' || name.charAt(keep - 2) == '%') {
                keep--;
            }
            name.setLength(keep);
            name.append('~').append(Sha256.hex(frameId.getBytes(StandardCharsets.UTF_8)), 0, 16);
        }
        return IMAGES + name + ".png";
    }

    /**
     * The frame id an image path of {@link #imagePathFor} stands for, or empty when the name was cut
     * (and ends in a hash) or is no such path.
     */
    public static Optional<String> frameIdOf(String imagePath) {
        if (!imagePath.startsWith(IMAGES) || !imagePath.endsWith(".png") || imagePath.contains("~")) {
            return Optional.empty();
        }
        String name = imagePath.substring(IMAGES.length(), imagePath.length() - ".png".length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                bytes.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8));
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
