package io.github.spatialvlm4j.datagen.source.rgbd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.JsonErrors;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.datagen.pipeline.FrameBuffers;
import io.github.spatialvlm4j.datagen.source.FileNames;
import io.github.spatialvlm4j.datagen.source.FrameSource;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.OrganizedPointCloud;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.ImageTooLargeException;
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
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Intrinsics are in pixels for the images' size, with the principal point inside the image;
 * {@code depth_scale} is units per meter (1000 for millimetres, 5000 for TUM-style data). A frame is
 * any id with a colour image, a depth PNG or a PCD file; frames are sorted by id. A frame without a
 * colour image takes its picture from its PCD's {@code rgb} field; with neither, loading it fails
 * with a message saying so (a counted skip). Files that belong to no frame (an
 * {@code <id>.labels.png} without colour or depth, a stray {@code notes.txt}) are counted and named
 * in {@link #warnings()}; files whose name starts with a dot and sub-folders are ignored. A folder
 * without any frame is an error. A frame without labels gets its objects from the perception stage
 * when a models root is given (a COCO detector's boxes, masked by SAM or by the depth); otherwise it
 * is skipped for lack of masks. Images and clouds above the pixel limit given to {@link #open(Path,
 * long)} are not decoded ({@link io.github.spatialvlm4j.geometry.io.ImageTooLargeException}), and a
 * named pipe in place of a file is refused, not opened. The folder is listed once, when the source
 * is opened (by its canonical path, which {@link #describe()} names); frames are read lazily.
 * Thread-safe.
 */
public final class RgbdFolderSource implements FrameSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The per-frame files, {@code <id><suffix>}, longest suffixes first where one ends another. */
    private static final List<String> COLOR_SUFFIXES = List.of(".color.png", ".color.jpg", ".color.jpeg");
    private static final String DEPTH = ".depth.png";
    private static final String PCD = ".pcd";
    private static final List<String> FRAME_SUFFIXES = List.of(".color.png", ".color.jpg", ".color.jpeg", DEPTH, PCD,
            ".labels.png", ".objects.json", ".pose.json", ".truth.json");
    private static final List<String> FOLDER_FILES = List.of("intrinsics.json", "pose.json");

    private final Path dir;
    private final CameraIntrinsics intrinsics;
    private final double depthScale;
    private final List<String> ids;
    private final Map<String, Path> colorFiles;
    private final GravityHint folderGravity;
    private final long maxPixels;
    private final List<String> warnings;
    private final boolean readTruth;

    private RgbdFolderSource(Path dir, CameraIntrinsics intrinsics, double depthScale, List<String> ids,
            Map<String, Path> colorFiles, GravityHint folderGravity, long maxPixels, List<String> warnings,
            boolean readTruth) {
        this.dir = dir;
        this.intrinsics = intrinsics;
        this.depthScale = depthScale;
        this.colorFiles = colorFiles;
        this.ids = List.copyOf(ids);
        this.folderGravity = folderGravity;
        this.maxPixels = maxPixels;
        this.warnings = List.copyOf(warnings);
        this.readTruth = readTruth;
    }

    /**
     * This folder with its {@code <id>.truth.json} files left unread: frames without ground truth, for
     * runs that only generate data (the truth serves the audit, and costs a few milliseconds a frame).
     */
    public RgbdFolderSource withoutTruth() {
        return new RgbdFolderSource(dir, intrinsics, depthScale, ids, colorFiles, folderGravity, maxPixels, warnings,
                false);
    }

    /** As {@link #open(Path, long)} without a pixel limit. */
    public static RgbdFolderSource open(Path dir) throws IOException {
        return open(dir, ColorImages.UNLIMITED);
    }

    /**
     * Opens {@code dir}: reads {@code intrinsics.json} and lists the frames.
     *
     * @param maxPixels the most pixels an image, depth map, label image or PCD cloud may have, &gt;= 1;
     *     a frame with a larger one fails to load, naming the file, before it is decoded
     * @throws IOException naming the file when the folder or intrinsics are missing or malformed, the
     *     principal point lies outside the image, an id has two colour images, or the folder holds no
     *     frame
     */
    public static RgbdFolderSource open(Path dir, long maxPixels) throws IOException {
        ImageTooLargeException.requireLimit(maxPixels);
        if (!Files.isDirectory(dir)) {
            throw new IOException("RGB-D input folder not found: " + dir);
        }
        dir = dir.toRealPath();
        Path intrinsicsFile = dir.resolve("intrinsics.json");
        if (!Files.isRegularFile(intrinsicsFile)) {
            throw new IOException("Missing " + intrinsicsFile + ": expected {\"fx\", \"fy\", \"cx\", \"cy\", "
                    + "\"width\", \"height\", \"depth_scale\"}");
        }
        JsonNode k;
        try {
            k = JSON.readTree(intrinsicsFile.toFile());
        } catch (IOException e) {
            throw new IOException("Malformed JSON in " + intrinsicsFile + ": " + JsonErrors.describe(e), e);
        }
        if (k == null || !k.isObject()) {
            throw new IOException(intrinsicsFile + ": expected a JSON object {\"fx\", \"fy\", \"cx\", \"cy\", "
                    + "\"width\", \"height\", \"depth_scale\"}");
        }
        CameraIntrinsics intrinsics;
        double depthScale;
        try {
            intrinsics = new CameraIntrinsics(number(k, "fx", intrinsicsFile), number(k, "fy", intrinsicsFile),
                    number(k, "cx", intrinsicsFile), number(k, "cy", intrinsicsFile),
                    (int) number(k, "width", intrinsicsFile), (int) number(k, "height", intrinsicsFile));
            depthScale = number(k, "depth_scale", intrinsicsFile);
            if (!(depthScale > 0) || Double.isInfinite(depthScale)) {
                throw new IllegalArgumentException("Invalid depth_scale: " + depthScale + " (units per meter, must be > 0)");
            }
            requireInside("cx", intrinsics.cx(), intrinsics.width());
            requireInside("cy", intrinsics.cy(), intrinsics.height());
        } catch (IllegalArgumentException e) {
            throw new IOException(intrinsicsFile + ": " + e.getMessage(), e);
        }
        Map<String, Path> colors = new TreeMap<>();
        SortedSet<String> frames = new TreeSet<>();
        Map<String, List<String>> perId = new TreeMap<>();
        List<String> unmatched = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext();) {
                Path f = it.next();
                String name = f.getFileName().toString();
                if (name.startsWith(".") || Files.isDirectory(f) || FOLDER_FILES.contains(name)) {
                    continue;
                }
                String suffix = FRAME_SUFFIXES.stream().filter(x -> name.endsWith(x) && name.length() > x.length())
                        .findFirst().orElse(null);
                if (suffix == null) {
                    unmatched.add(name);
                    continue;
                }
                String id = name.substring(0, name.length() - suffix.length());
                perId.computeIfAbsent(id, x -> new ArrayList<>()).add(name);
                if (COLOR_SUFFIXES.contains(suffix)) {
                    Path previous = colors.put(id, f);
                    if (previous != null) {
                        throw new IOException("Frame " + id + " has two colour images: " + previous + " and " + f);
                    }
                }
                if (COLOR_SUFFIXES.contains(suffix) || suffix.equals(DEPTH) || suffix.equals(PCD)) {
                    frames.add(id);
                }
            }
        }
        perId.forEach((id, names) -> {
            if (!frames.contains(id)) {
                unmatched.addAll(names);
            }
        });
        if (frames.isEmpty()) {
            throw new IOException("No frames in " + dir + ": expected <id>.color.png or .jpg, <id>.depth.png or <id>.pcd"
                    + (unmatched.isEmpty() ? " (the folder holds only intrinsics.json)"
                            : " (found " + FileNames.firstFew(unmatched) + ")"));
        }
        List<String> warnings = unmatched.isEmpty() ? List.of()
                : List.of(FileNames.count(unmatched.size()) + " in " + dir + (unmatched.size() == 1
                        ? " belongs to no frame and is not read: " : " belong to no frame and are not read: ")
                        + FileNames.firstFew(unmatched));
        Path pose = dir.resolve("pose.json");
        GravityHint folderGravity = Files.isRegularFile(pose) ? PoseFile.read(pose) : GravityHint.NONE;
        return new RgbdFolderSource(dir, intrinsics, depthScale, List.copyOf(frames), colors, folderGravity,
                maxPixels, warnings, true);
    }

    /**
     * The principal point must lie within the image extended by its own size on each side:
     * {@code -size <= c <= 2 size} pixels. A crop of a frame keeps the camera's principal point, which may then
     * lie outside the crop (the top half of a frame has it below its bottom row); a point further out is a
     * typo or a unit error.
     */
    private static void requireInside(String name, double c, int size) {
        if (c < -size || c > 2.0 * size) {
            throw new IllegalArgumentException("Invalid " + name + ": " + c + " (pixels, the principal point must lie"
                    + " within the image extended by its size on each side, " + -size + " to " + 2 * size + ")");
        }
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
    public Optional<String> idOf(int index) {
        return index >= 0 && index < ids.size() ? Optional.of(ids.get(index)) : Optional.empty();
    }

    /** The frame's files that exist now, then {@code intrinsics.json} and {@code pose.json} (which every frame reads). */
    @Override
    public List<Path> inputFiles(int index) {
        checkIndex(index);
        String id = ids.get(index);
        List<Path> files = new ArrayList<>();
        for (String suffix : FRAME_SUFFIXES) {
            Path f = dir.resolve(id + suffix);
            if (Files.exists(f)) {
                files.add(f);
            }
        }
        for (String name : FOLDER_FILES) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                files.add(f);
            }
        }
        return files;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    private void checkIndex(int index) {
        FrameSource.checkIndex(index, ids.size());
    }

    @Override
    public Frame load(int index) throws IOException {
        return load(index, new FrameBuffers());
    }

    /** {@inheritDoc} The colour, depth and label PNGs on the fast decoding path are decoded into the planes. */
    @Override
    public Frame load(int index, FrameBuffers buffers) throws IOException {
        checkIndex(index);
        String id = ids.get(index);
        Path color = colorFiles.get(id);
        Path pcdFile = dir.resolve(id + PCD);
        Path depthFile = dir.resolve(id + DEPTH);
        Optional<OrganizedPointCloud> cloud = (!Files.exists(depthFile) || color == null) && Files.exists(pcdFile)
                ? Optional.of(PcdFormat.read(pcdFile, maxPixels)) : Optional.empty();
        RgbImage image;
        Optional<byte[]> png = Optional.empty();
        if (color != null) {
            ColorImages.Decoded decoded = ColorImages.readDecoded(color, maxPixels,
                    n -> buffers.ints(FrameBuffers.Plane.COLOR, n));
            image = decoded.image();
            png = decoded.png();
            intrinsicsMatch(image.width(), image.height(), color);
        } else if (cloud.isPresent() && cloud.get().rgb() != null) {
            intrinsicsMatch(cloud.get().width(), cloud.get().height(), pcdFile);
            image = new RgbImage(cloud.get().width(), cloud.get().height(), cloud.get().rgb().clone());
        } else {
            throw new IOException("Frame " + id + " has no colour image (" + id + ".color.png or .jpg)"
                    + (cloud.isPresent() ? " and " + pcdFile + " has no rgb field" : ", only " + depthFile)
                    + ": there is no picture to ask about");
        }
        Optional<DepthMap> depth = readDepth(depthFile, pcdFile, cloud, buffers);
        Path labelsFile = dir.resolve(id + ".labels.png");
        Optional<LabelImage> labels = Optional.empty();
        Map<Integer, String> captions = Map.of();
        if (Files.exists(labelsFile)) {
            LabelImage l = LabelPng.read(labelsFile, maxPixels, n -> buffers.ints(FrameBuffers.Plane.LABELS, n));
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
                gravity).withImagePng(png);
    }

    /** The depth PNG when there is one, else the PCD's z. */
    private Optional<DepthMap> readDepth(Path png, Path pcd, Optional<OrganizedPointCloud> cloud,
            FrameBuffers buffers) throws IOException {
        DepthMap depth;
        Path from;
        if (Files.exists(png)) {
            depth = DepthPng.read(png, depthScale, maxPixels, n -> buffers.floats(FrameBuffers.Plane.DEPTH, n));
            from = png;
        } else if (cloud.isPresent()) {
            depth = cloud.get().toDepthMap();
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
            throw new IOException("Malformed JSON in " + file + ": " + JsonErrors.describe(e), e);
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
