package io.github.spatialvlm4j.datagen.source.rgbd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneGenerator;
import io.github.spatialvlm4j.datagen.source.synthetic.SyntheticSceneOptions;
import io.github.spatialvlm4j.geometry.CameraIntrinsics;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import io.github.spatialvlm4j.geometry.io.DepthPng;
import io.github.spatialvlm4j.geometry.io.LabelPng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes RGB-D folders in the layout {@link RgbdFolderSource} reads, with the geometry.io writers. */
public final class RgbdFolders {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RgbdFolders() {
    }

    /** {@code dir/intrinsics.json} for {@code k} at {@code depthScale} units per meter. */
    public static void writeIntrinsics(Path dir, CameraIntrinsics k, double depthScale) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("fx", k.fx());
        n.put("fy", k.fy());
        n.put("cx", k.cx());
        n.put("cy", k.cy());
        n.put("width", k.width());
        n.put("height", k.height());
        n.put("depth_scale", depthScale);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("intrinsics.json"), JSON.writeValueAsString(n));
    }

    /** {@code dir/<id>.objects.json}: captions by id. */
    public static void writeCaptions(Path dir, String id, Map<Integer, String> captions) throws IOException {
        Map<String, String> byKey = new TreeMap<>();
        captions.forEach((k, v) -> byKey.put(Integer.toString(k), v));
        Files.writeString(dir.resolve(id + ".objects.json"), JSON.writeValueAsString(byKey));
    }

    /**
     * Writes {@code frame} (which must have depth and intrinsics) as {@code <id>.color.png},
     * {@code <id>.depth.png} at {@code depthScale}, and, when it has labels, {@code <id>.labels.png}
     * and {@code <id>.objects.json}; also writes intrinsics.json.
     */
    public static void writeFrame(Path dir, Frame frame, double depthScale) throws IOException {
        writeIntrinsics(dir, frame.intrinsics().orElseThrow(), depthScale);
        String id = frame.id();
        ColorImages.writePng(frame.image(), dir.resolve(id + ".color.png"));
        DepthPng.write(frame.depth().orElseThrow(), dir.resolve(id + ".depth.png"), depthScale);
        if (frame.labels().isPresent()) {
            LabelPng.write(frame.labels().get(), dir.resolve(id + ".labels.png"));
            writeCaptions(dir, id, frame.captions());
        }
    }

    /**
     * {@code count} synthetic scenes of {@code width x height} with 3 to 6 objects, written as frames
     * {@code scene000 ...} of an RGB-D folder (depth in millimetres), seeded by {@code seed}.
     */
    public static void writeScenes(Path dir, int count, int width, int height, long seed) throws IOException {
        SyntheticSceneGenerator gen = new SyntheticSceneGenerator(
                SyntheticSceneOptions.defaults().withSize(width, height).withObjects(3, 6));
        for (int i = 0; i < count; i++) {
            writeFrame(dir, gen.generate(String.format(java.util.Locale.ROOT, "scene%03d", i), seed + i), 1000);
        }
    }
}
