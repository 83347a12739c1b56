package io.github.spatialvlm4j.datagen.source.rgbd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import io.github.spatialvlm4j.geometry.io.PcdFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Frames from a folder of RGB-D data in this layout:
 * <pre>
 * DIR/intrinsics.json            {"fx":..,"fy":..,"cx":..,"cy":..,"width":..,"height":..,"depth_scale":1000}
 * DIR/&lt;id&gt;.color.png | .jpg       the colour image
 * DIR/&lt;id&gt;.depth.png             16-bit depth, meters = value / depth_scale, 0 = invalid
 *   or DIR/&lt;id&gt;.pcd             an organized cloud (width x height = the image) in the camera frame; its z is the depth
 * DIR/&lt;id&gt;.labels.png            optional: instance ids (8 or 16 bit, 0 = none)
 * DIR/&lt;id&gt;.objects.json          with labels: captions per id, {"1": "red chair", "2": "wooden table"}
 * DIR/pose.json                  optional: gravity for every frame ({@link PoseFile})
 * DIR/&lt;id&gt;.pose.json             optional: gravity for one frame, wins over pose.json ({@link PoseFile})
 * DIR/&lt;id&gt;.truth.json            optional, with labels: ground truth for the audit ({@link TruthFile})
 * </pre>
 * Intrinsics are in pixels for the images' size; {@code depth_scale} is units per meter (1000 for
 * millimetres, 5000 for TUM-style data). Frames are the {@code *.color.*} files, sorted by id. A
 * frame without labels gets its objects from the perception stage when a models root is given (a
 * COCO detector's boxes, masked by SAM or by the depth); otherwise it is skipped for lack of masks.
 * The folder is listed once, when the source is opened; frames are read lazily. Thread-safe.
 */
public final class RgbdFolderSource implements FrameSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final CameraIntrinsics intrinsics;
    private final double depthScale;
    private final List<String> ids;
    private final Map<String, Path> colorFiles;
    private final GravityHint folderGravity;
    private final boolean readTruth;

    private RgbdFolderSource(Path dir, CameraIntrinsics intrinsics, double depthScale, Map<String, Path> colorFiles,
            GravityHint folderGravity, boolean readTruth) {
        this.dir = dir;
        this.intrinsics = intrinsics;
        this.depthScale = depthScale;
        this.colorFiles = colorFiles;
        this.ids = List.copyOf(colorFiles.keySet());
        this.folderGravity = folderGravity;
        this.readTruth = readTruth;
    }

    /**
     * This folder with its {@code <id>.truth.json} files left unread: frames without ground truth, for
     * runs that only generate data (the truth serves the audit, and costs a few milliseconds a frame).
     */
    public RgbdFolderSource withoutTruth() {
        return new RgbdFolderSource(dir, intrinsics, depthScale, colorFiles, folderGravity, false);
    }

    /**
     * Opens {@code dir}: reads {@code intrinsics.json} and lists the frames.
     *
     * @throws IOException naming the file when the folder or intrinsics are missing or malformed
     */
    public static RgbdFolderSource open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("RGB-D input folder not found: " + dir);
        }
        Path intrinsicsFile = dir.resolve("intrinsics.json");
        if (!Files.isRegularFile(intrinsicsFile)) {
            throw new IOException("Missing " + intrinsicsFile + ": expected {\"fx\", \"fy\", \"cx\", \"cy\", "
                    + "\"width\", \"height\", \"depth_scale\"}");
        }
        JsonNode k;
        try {
            k = JSON.readTree(intrinsicsFile.toFile());
        } catch (IOException e) {
            throw new IOException("Malformed JSON in " + intrinsicsFile + ": " + e.getMessage(), e);
        }
        CameraIntrinsics intrinsics;
        double depthScale;
        try {
            intrinsics = new CameraIntrinsics(number(k, "fx", intrinsicsFile), number(k, "fy", intrinsicsFile),
                    number(k, "cx", intrinsicsFile), number(k, "cy", intrinsicsFile),
                    (int) number(k, "width", intrinsicsFile), (int) number(k, "height", intrinsicsFile));
            depthScale = number(k, "depth_scale", intrinsicsFile);
            if (!(depthScale > 0)) {
                throw new IllegalArgumentException("Invalid depth_scale: " + depthScale + " (units per meter, must be > 0)");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(intrinsicsFile + ": " + e.getMessage(), e);
        }
        Map<String, Path> colors = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext();) {
                Path f = it.next();
                String name = f.getFileName().toString();
                for (String ext : new String[] {".color.png", ".color.jpg", ".color.jpeg"}) {
                    if (name.endsWith(ext)) {
                        String id = name.substring(0, name.length() - ext.length());
                        Path previous = colors.put(id, f);
                        if (previous != null) {
                            throw new IOException("Frame " + id + " has two colour images: " + previous + " and " + f);
                        }
                    }
                }
            }
        }
        Path pose = dir.resolve("pose.json");
        GravityHint folderGravity = Files.isRegularFile(pose) ? PoseFile.read(pose) : GravityHint.NONE;
        return new RgbdFolderSource(dir, intrinsics, depthScale, colors, folderGravity, true);
    }

    private static double number(JsonNode node, String field, Path file) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IOException(file + ": field \"" + field + "\" is " + (v == null ? "missing" : "not a number: " + v));
        }
        return v.asDouble();
    }

    @Override
    public int size() {
        return ids.size();
    }

    /** The frame ids, sorted. */
    public List<String> ids() {
        return ids;
    }

    public CameraIntrinsics intrinsics() {
        return intrinsics;
    }

    @Override
    public Frame load(int index) throws IOException {
        if (index < 0 || index >= ids.size()) {
            throw new IndexOutOfBoundsException("Frame index " + index + " outside [0, " + ids.size() + ")");
        }
        String id = ids.get(index);
        ColorImages.Decoded color = ColorImages.readDecoded(colorFiles.get(id));
        RgbImage image = color.image();
        intrinsicsMatch(image.width(), image.height(), colorFiles.get(id));
        Optional<DepthMap> depth = readDepth(id);
        Path labelsFile = dir.resolve(id + ".labels.png");
        Optional<LabelImage> labels = Optional.empty();
        Map<Integer, String> captions = Map.of();
        if (Files.exists(labelsFile)) {
            LabelImage l = LabelPng.read(labelsFile);
            intrinsicsMatch(l.width(), l.height(), labelsFile);
            labels = Optional.of(l);
            captions = readCaptions(dir.resolve(id + ".objects.json"));
        }
        Path framePose = dir.resolve(id + ".pose.json");
        GravityHint gravity = Files.isRegularFile(framePose) ? PoseFile.read(framePose) : folderGravity;
        Optional<GroundTruth> truth = Optional.empty();
        Path truthFile = dir.resolve(id + ".truth.json");
        if (readTruth && Files.isRegularFile(truthFile)) {
            // Without labels the truth's objects match no pixel: the frame still checks up and the floor.
            LabelImage truthLabels = labels.orElseGet(() -> new LabelImage(image.width(), image.height(),
                    new int[image.width() * image.height()]));
            DepthMap truthDepth = depth.orElseGet(() -> new DepthMap(image.width(), image.height(),
                    new float[image.width() * image.height()]));
            truth = Optional.of(TruthFile.read(truthFile, id, truthLabels, captions, truthDepth));
        }
        return new Frame(id, image, depth, Optional.of(intrinsics), labels, captions, truth, Optional.empty(),
                gravity).withImagePng(color.png());
    }

    private Optional<DepthMap> readDepth(String id) throws IOException {
        Path png = dir.resolve(id + ".depth.png");
        Path pcd = dir.resolve(id + ".pcd");
        DepthMap depth;
        Path from;
        if (Files.exists(png)) {
            depth = DepthPng.read(png, depthScale);
            from = png;
        } else if (Files.exists(pcd)) {
            depth = PcdFormat.read(pcd).toDepthMap();
            from = pcd;
        } else {
            return Optional.empty();
        }
        intrinsicsMatch(depth.width(), depth.height(), from);
        return Optional.of(depth);
    }

    private void intrinsicsMatch(int w, int h, Path file) throws IOException {
        if (w != intrinsics.width() || h != intrinsics.height()) {
            throw new IOException(file + " is " + w + "x" + h + " but intrinsics.json is for " + intrinsics.width()
                    + "x" + intrinsics.height());
        }
    }

    private static Map<Integer, String> readCaptions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Missing " + file + ": a labels image needs captions, e.g. {\"1\": \"red chair\"}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("Malformed JSON in " + file + ": " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IOException(file + ": expected an object mapping ids to captions, got " + root.getNodeType());
        }
        Map<Integer, String> captions = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        root.fields().forEachRemaining(e -> {
            try {
                int id = Integer.parseInt(e.getKey());
                if (id <= 0 || !e.getValue().isTextual()) {
                    bad.add(e.getKey());
                } else {
                    captions.put(id, e.getValue().asText());
                }
            } catch (NumberFormatException ex) {
                bad.add(e.getKey());
            }
        });
        if (!bad.isEmpty()) {
            throw new IOException(file + ": ids must be positive integers mapped to caption strings; bad entries: " + bad);
        }
        return captions;
    }

    @Override
    public String describe() {
        return "rgbd: " + ids.size() + " frames in " + dir;
    }
}
