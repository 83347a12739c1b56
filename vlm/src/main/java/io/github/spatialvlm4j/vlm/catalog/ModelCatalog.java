package io.github.spatialvlm4j.vlm.catalog;

import io.github.spatialvlm4j.vlm.chat.ChatFamily;
import io.github.spatialvlm4j.vlm.depth.DepthFamily;
import io.github.spatialvlm4j.vlm.detect.DetectorFamily;
import io.github.spatialvlm4j.vlm.model.ModelDirectory;
import io.github.spatialvlm4j.vlm.model.ModelException;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The models found under a models root, recognised by the ONNX graphs of each model directory
 * (the transformers.js layout) and, where that is ambiguous, by {@code config.json}'s
 * {@code model_type}:
 *
 * <pre>
 * DEPTH    onnx/model.onnx + a model_type of a {@link DepthFamily}                 (perception: depth)
 * REGIONS  onnx/vision_encoder, encoder_model, decoder_model_merged (Florence-2) (perception: regions)
 * DETECTOR onnx/model.onnx + model_type yolox | yolov8 | yolo11 | ultralytics     (perception: regions, COCO classes)
 * MASKS    onnx/prompt_encoder_mask_decoder (+ vision_encoder) (SAM)            (perception: masks)
 * FILTER   onnx/vision_model + text_model (CLIP / SigLIP)                        (perception: filter; disambiguate)
 * CHAT     onnx/vision_encoder, embed_tokens, decoder_model_merged, no encoder_model;
 *          a model_type of a {@link ChatFamily} (SmolVLM, Qwen2-VL)
 * </pre>
 * (the stages are those of docs/ARCHITECTURE.md, "Stages"; the families' registries, "Models").
 *
 * A graph counts when {@code onnx/ROLE.onnx} or a precision variant {@code onnx/ROLE_*.onnx} exists.
 * Model directories are looked for at depth one ({@code ROOT/name}) and two
 * ({@code ROOT/owner/name}, the Hugging Face repository id). Directories that hold an
 * {@code onnx/} folder but match no kind are listed with the reason. Within a kind, entries are
 * sorted by name; depth models are ranked by their family, in {@link DepthFamily}'s order of
 * preference (Depth Pro first: it estimates the focal length). Scanning reads only file names and
 * small JSON files. Immutable and thread-safe.
 */
public final class ModelCatalog {

    /** What a model directory is for. */
    public enum Kind {
        /** A metric depth model. */
        DEPTH("a metric depth model (" + DepthFamily.displayNames() + "): onnx/model.onnx and a "
                + "config.json with model_type " + DepthFamily.modelTypes()),
        /** Florence-2: region captions, detection, phrase grounding. */
        REGIONS("a region captioner (Florence-2): onnx/vision_encoder.onnx, embed_tokens.onnx, encoder_model.onnx, "
                + "decoder_model_merged.onnx, config.json, tokenizer.json"),
        /** A single-stage COCO detector (YOLOX, Ultralytics YOLO): boxes with class names, masks for segment exports. */
        DETECTOR("an object detector (YOLOX or Ultralytics YOLO): onnx/model.onnx and a config.json with model_type "
                + DetectorFamily.MODEL_TYPES + ", input_size and id2label"),
        /** SAM: masks from box prompts. */
        MASKS("a segmenter (SAM): onnx/vision_encoder.onnx, onnx/prompt_encoder_mask_decoder.onnx, "
                + "preprocessor_config.json"),
        /** CLIP or SigLIP: image filter and caption embeddings. */
        FILTER("an image-text model (CLIP or SigLIP): onnx/vision_model.onnx, onnx/text_model.onnx, tokenizer.json"),
        /** A vision-language chat model. */
        CHAT("a vision-language model (" + ChatFamily.displayNames() + "): onnx/vision_encoder.onnx, embed_tokens.onnx, "
                + "decoder_model_merged.onnx, config.json with model_type " + ChatFamily.allModelTypes());

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        /** What a model directory of this kind must contain, for error messages. */
        public String expected() {
            return expected;
        }
    }

    /**
     * One recognised model directory.
     *
     * @param kind what it is for
     * @param name its path relative to the root, with '/' separators (e.g. {@code onnx-community/DepthPro-ONNX})
     * @param dir the directory
     * @param family the name of the depth family ({@link DepthFamily}, for DEPTH), detector family
     *     ({@code DetectorFamily}, DETECTOR) or chat family ({@link ChatFamily}, CHAT), empty for other kinds
     */
    public record Entry(Kind kind, String name, ModelDirectory dir, Optional<String> family) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(family, "family");
        }

        /**
         * The family of a CHAT entry.
         *
         * @throws IllegalStateException for an entry of another kind
         */
        public ChatFamily chatFamily() {
            return ChatFamily.valueOf(familyOf(Kind.CHAT));
        }

        /**
         * The family of a DEPTH entry.
         *
         * @throws IllegalStateException for an entry of another kind
         */
        public DepthFamily depthFamily() {
            return DepthFamily.valueOf(familyOf(Kind.DEPTH));
        }

        private String familyOf(Kind wanted) {
            if (kind != wanted) {
                throw new IllegalStateException(name + " is a " + kind.name().toLowerCase(Locale.ROOT) + " model, not a "
                        + wanted.name().toLowerCase(Locale.ROOT) + " model");
            }
            return family.orElseThrow();
        }

        @Override
        public String toString() {
            return name + family.map(f -> " (" + f.toLowerCase(Locale.ROOT) + ")").orElse("");
        }
    }

    /**
     * A directory with an {@code onnx/} folder that matched no kind.
     *
     * @param name its path relative to the root
     * @param reason why it was not recognised
     */
    public record Unrecognised(String name, String reason) {
    }

    private final ModelRoot root;
    private final List<Entry> entries;
    private final List<Unrecognised> unrecognised;

    private ModelCatalog(ModelRoot root, List<Entry> entries, List<Unrecognised> unrecognised) {
        this.root = root;
        this.entries = List.copyOf(entries);
        this.unrecognised = List.copyOf(unrecognised);
    }

    /**
     * Scans {@code root}. O(directories at depth one and two).
     *
     * @throws UncheckedIOException when a folder cannot be listed
     */
    public static ModelCatalog scan(ModelRoot root) {
        List<Entry> found = new ArrayList<>();
        List<Unrecognised> other = new ArrayList<>();
        for (Path level1 : subdirectories(root.path())) {
            if (Files.isDirectory(level1.resolve(ModelDirectory.ONNX_FOLDER))) {
                classify(root, level1, found, other);
                continue;
            }
            for (Path level2 : subdirectories(level1)) {
                if (Files.isDirectory(level2.resolve(ModelDirectory.ONNX_FOLDER))) {
                    classify(root, level2, found, other);
                }
            }
        }
        found.sort(Comparator.comparing((Entry e) -> e.kind()).thenComparing(ModelCatalog::depthRank)
                .thenComparing(Entry::name));
        return new ModelCatalog(root, found, other);
    }

    /** A depth model's rank: its family's position in {@link DepthFamily}'s order of preference. */
    private static int depthRank(Entry e) {
        return e.kind() == Kind.DEPTH ? e.depthFamily().ordinal() : 0;
    }

    private static void classify(ModelRoot root, Path path, List<Entry> found, List<Unrecognised> other) {
        String name = root.path().relativize(path).toString().replace('\\', '/');
        ModelDirectory dir = ModelDirectory.open(path);
        List<String> files = dir.onnxFiles();
        boolean visionEncoder = hasRole(files, "vision_encoder");
        boolean decoder = hasRole(files, "decoder_model_merged");
        if (hasRole(files, "prompt_encoder_mask_decoder") && visionEncoder) {
            found.add(new Entry(Kind.MASKS, name, dir, Optional.empty()));
        } else if (visionEncoder && decoder && hasRole(files, "encoder_model") && hasRole(files, "embed_tokens")) {
            found.add(new Entry(Kind.REGIONS, name, dir, Optional.empty()));
        } else if (hasRole(files, "vision_model") && hasRole(files, "text_model")) {
            found.add(new Entry(Kind.FILTER, name, dir, Optional.empty()));
        } else if (visionEncoder && decoder && hasRole(files, "embed_tokens")) {
            String type = modelType(dir);
            Optional<ChatFamily> family = ChatFamily.find(type);
            if (family.isPresent()) {
                found.add(new Entry(Kind.CHAT, name, dir, Optional.of(family.get().name())));
            } else {
                other.add(new Unrecognised(name, "vision-language graphs with model_type '" + type
                        + "' (supported: " + ChatFamily.allModelTypes() + ")"));
            }
        } else if (hasRole(files, "model") && detectorFamily(dir).isPresent()) {
            found.add(new Entry(Kind.DETECTOR, name, dir, Optional.of(detectorFamily(dir).get().name())));
        } else if (hasRole(files, "model")) {
            try {
                DepthFamily family = DepthFamily.detect(dir.config());
                found.add(new Entry(Kind.DEPTH, name, dir, Optional.of(family.name())));
            } catch (ModelException e) {
                // Not a depth model: kept with the reason, shown when a required model is missing.
                other.add(new Unrecognised(name, e.getMessage()));
            }
        } else {
            other.add(new Unrecognised(name, "no known set of graphs among " + files));
        }
    }

    /** The detector family config.json names, empty when the file is missing or names another model. */
    private static Optional<DetectorFamily> detectorFamily(ModelDirectory dir) {
        if (!Files.isRegularFile(dir.path().resolve("config.json"))) {
            return Optional.empty();
        }
        return DetectorFamily.find(dir.config());
    }

    /** Lower-case {@code model_type} of config.json, or "" when the file or field is missing. */
    private static String modelType(ModelDirectory dir) {
        if (!Files.isRegularFile(dir.path().resolve("config.json"))) {
            return "";
        }
        return dir.config().string("model_type").orElse("").toLowerCase(Locale.ROOT);
    }

    private static boolean hasRole(List<String> onnxFiles, String role) {
        for (String f : onnxFiles) {
            if (f.equals(role + ".onnx") || (f.startsWith(role + "_") && f.endsWith(".onnx"))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> subdirectories(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                Path p = it.next();
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the models folder " + dir, e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The root that was scanned. */
    public ModelRoot root() {
        return root;
    }

    /** Every recognised model, by kind, then preference, then name. */
    public List<Entry> entries() {
        return entries;
    }

    /** Directories with an {@code onnx/} folder that matched no kind. */
    public List<Unrecognised> unrecognised() {
        return unrecognised;
    }

    /** The models of one kind, preferred first. */
    public List<Entry> all(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** The preferred model of a kind, when there is one. */
    public Optional<Entry> first(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).findFirst();
    }

    /**
     * The model of {@code kind} named {@code name} (its relative path, or its last path segment
     * when that is unique among the models of this kind).
     *
     * @throws IllegalArgumentException naming the models of this kind when none or several match
     */
    public Entry named(Kind kind, String name) {
        List<Entry> candidates = all(kind);
        List<Entry> exact = candidates.stream().filter(e -> e.name().equals(name)).toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        List<Entry> bySegment = candidates.stream()
                .filter(e -> e.name().substring(e.name().lastIndexOf('/') + 1).equals(name)).toList();
        if (bySegment.size() == 1) {
            return bySegment.get(0);
        }
        throw new IllegalArgumentException("No single " + kind.name().toLowerCase(Locale.ROOT) + " model named '" + name
                + "' under " + root.path() + (bySegment.size() > 1 ? " (several match: " + bySegment + ")" : "")
                + "; found: " + (candidates.isEmpty() ? "none" : candidates.toString()));
    }

    /**
     * What is missing for {@code required}: one line per kind without a model, naming what a
     * model directory of that kind must contain; empty when nothing is missing.
     */
    public List<String> missing(Set<Kind> required) {
        List<String> lines = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (required.contains(k) && first(k).isEmpty()) {
                lines.add(k.expected());
            }
        }
        return lines;
    }

    /**
     * What is missing when at least one of {@code alternatives} is needed: one line naming them all,
     * or empty when one is present (or none is asked for).
     */
    public Optional<String> missingOneOf(Set<Kind> alternatives) {
        if (alternatives.isEmpty() || alternatives.stream().anyMatch(k -> first(k).isPresent())) {
            return Optional.empty();
        }
        List<String> each = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (alternatives.contains(k)) {
                each.add(k.expected());
            }
        }
        return Optional.of(String.join("; or ", each));
    }

    /**
     * The error message for missing models: the root, one line per missing kind, and the
     * directories that were found but not recognised.
     */
    public String missingMessage(String what, Set<Kind> required) {
        return missingMessage(what, required, Set.of());
    }

    /**
     * The error message for missing models: the root, one line per missing required kind, one line
     * for {@code oneOf} when none of its kinds is present, and the directories that were found but
     * not recognised.
     */
    public String missingMessage(String what, Set<Kind> required, Set<Kind> oneOf) {
        List<String> lines = new ArrayList<>(missing(required));
        missingOneOf(oneOf).ifPresent(lines::add);
        StringBuilder sb = new StringBuilder(what + " needs models that are not under the models root "
                + root.path() + " (each model is a folder ROOT/NAME or ROOT/OWNER/NAME):");
        for (String line : lines) {
            sb.append(System.lineSeparator()).append("  missing: ").append(line);
        }
        for (Unrecognised u : unrecognised) {
            sb.append(System.lineSeparator()).append("  not recognised: ").append(u.name()).append(" (")
                    .append(u.reason()).append(')');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ModelCatalog[" + root.path() + ": " + entries + "]";
    }
}
