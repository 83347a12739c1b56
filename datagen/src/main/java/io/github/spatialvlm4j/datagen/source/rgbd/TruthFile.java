package io.github.spatialvlm4j.datagen.source.rgbd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.JsonErrors;
import io.github.spatialvlm4j.datagen.facts.FloorState;
import io.github.spatialvlm4j.datagen.facts.GroundTruth;
import io.github.spatialvlm4j.datagen.facts.ObjectFacts;
import io.github.spatialvlm4j.datagen.facts.Occlusion;
import io.github.spatialvlm4j.datagen.facts.PixelBox;
import io.github.spatialvlm4j.datagen.facts.SceneFacts;
import io.github.spatialvlm4j.datagen.pipeline.FactsExtractor;
import io.github.spatialvlm4j.geometry.Boxes;
import io.github.spatialvlm4j.geometry.DepthMap;
import io.github.spatialvlm4j.geometry.FloorFrame;
import io.github.spatialvlm4j.geometry.GravityAlignedBox;
import io.github.spatialvlm4j.geometry.LabelImage;
import io.github.spatialvlm4j.geometry.OrientedBox;
import io.github.spatialvlm4j.geometry.Plane;
import io.github.spatialvlm4j.geometry.PointCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.joml.Matrix3d;
import org.joml.Matrix3f;
import org.joml.Matrix4fc;
import org.joml.Vector3d;
import org.joml.Vector3f;

/**
 * Reads the ground truth of one RGB-D frame, {@code <id>.truth.json}, for the audit:
 * <pre>
 * {"up": [x, y, z],                                   up (against gravity), camera frame, required
 *  "floor": {"normal": [x, y, z], "d": d},            floor plane n.p + d = 0, camera frame, normal up
 *                                                     (d = camera height); optional, null when unknown
 *  "floor_visible": true | false,                     whether floor pixels appear in the frame, required
 *  "objects": [{"label": 3, "name": "chair",          instance id in labels.png (0: not in the image)
 *               "center": [x, y, z],                  box centre, camera frame, meters
 *               "size": [sx, sy, sz],                 full sides along the box's own axes, meters
 *               "rotation": [[..], [..], [..]]}]}     row-major; its columns are the box axes
 * </pre>
 * The truth facts follow the {@link ObjectFacts} definitions, taken from the boxes: centre, the
 * gravity-aligned footprint of the box's corners (its two horizontal sides for a gravity-aligned box),
 * vertical span of the corners in the up frame (above the floor when it is known), and exact box-to-box
 * gaps ({@link OrientedBox#distance}); pixel extent, visible pixels and hidden outline share from the
 * frame's labels and depth, as for measured objects. Only labelled objects that appear in the label image
 * are kept, with the frame's captions. Stateless.
 */
public final class TruthFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TruthFile() {
    }

    /**
     * The ground truth in {@code file} for a frame of these labels, captions and depth.
     *
     * @throws IOException naming the file and the bad field when it cannot be read or is invalid
     */
    public static GroundTruth read(Path file, String frameId, LabelImage labels, Map<Integer, String> captions,
            DepthMap depth) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("Malformed JSON in " + file + ": " + JsonErrors.describe(e), e);
        }
        try {
            return parse(root, frameId, labels, captions, depth);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static GroundTruth parse(JsonNode root, String frameId, LabelImage labels, Map<Integer, String> captions,
            DepthMap depth) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        Vector3d up = PoseFile.direction(root.get("up"), "up").normalize();
        JsonNode visible = root.get("floor_visible");
        if (visible == null || !visible.isBoolean()) {
            throw new IllegalArgumentException("\"floor_visible\" must be true or false, got " + visible);
        }
        Optional<Plane> floor = Optional.empty();
        JsonNode f = root.get("floor");
        if (f != null && !f.isNull()) {
            Vector3d n = PoseFile.direction(f.get("normal"), "floor.normal");
            JsonNode d = f.get("d");
            if (d == null || !d.isNumber() || !Double.isFinite(d.asDouble())) {
                throw new IllegalArgumentException("\"floor.d\" must be a finite number, got " + d);
            }
            Plane plane = new Plane(n.x, n.y, n.z, d.asDouble());
            if (Math.toDegrees(plane.angleTo(up.x, up.y, up.z)) > 1) {
                throw new IllegalArgumentException("the floor normal " + n + " is not the up direction " + up);
            }
            floor = Optional.of(plane);
        }
        FloorFrame frame = floor.map(FloorFrame::fromFloorPlane).orElseGet(() -> FloorFrame.fromUp(up.x, up.y, up.z));
        Matrix4fc toUp = frame.cameraToFloor();
        Map<Integer, PixelBox> pixelBoxes = FactsExtractor.pixelBoxes(labels);
        Map<Integer, Float> occluded = Occlusion.occludedOutline(labels, depth);
        int[] pixels = new int[labels.distinctIds().length == 0 ? 1 : labels.distinctIds()[labels.distinctIds().length - 1] + 1];
        for (int id : labels.ids()) {
            if (id > 0) {
                pixels[id]++;
            }
        }
        JsonNode objects = root.get("objects");
        if (objects == null || !objects.isArray()) {
            throw new IllegalArgumentException("\"objects\" must be an array, got " + objects);
        }
        Map<Integer, OrientedBox> boxes = new TreeMap<>();
        Map<Integer, ObjectFacts> facts = new TreeMap<>();
        for (int k = 0; k < objects.size(); k++) {
            JsonNode o = objects.get(k);
            JsonNode labelNode = o.get("label");
            int label = labelNode == null || labelNode.isNull() ? 0 : labelNode.asInt(-1);
            if (label < 0 || labelNode != null && !labelNode.isNull() && !labelNode.isInt()) {
                throw new IllegalArgumentException("objects[" + k + "].label must be an integer >= 0, got " + labelNode);
            }
            OrientedBox box = box(o, k);
            if (label == 0 || label >= pixels.length || pixels[label] == 0) {
                continue;
            }
            if (boxes.put(label, box) != null) {
                throw new IllegalArgumentException("label " + label + " has two boxes");
            }
            String caption = captions.getOrDefault(label, o.hasNonNull("name") ? o.get("name").asText() : "object");
            facts.put(label, objectFacts(label, caption, box, toUp, floor.isPresent(), frame, pixelBoxes.get(label),
                    pixels[label], occluded.getOrDefault(label, 0f)));
        }
        List<ObjectFacts> list = new ArrayList<>(facts.values());
        List<OrientedBox> boxList = new ArrayList<>(boxes.values());
        int n = list.size();
        float[] gaps = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float g = (float) boxList.get(i).distance(boxList.get(j));
                gaps[i * n + j] = g;
                gaps[j * n + i] = g;
            }
        }
        FloorState state = floor.isPresent() ? FloorState.FLOOR : FloorState.UP_ONLY;
        SceneFacts truth = new SceneFacts(frameId, labels.width(), labels.height(), list, state, floor, toUp, gaps,
                "ground truth");
        return new GroundTruth(truth, visible.asBoolean(), 1);
    }

    private static OrientedBox box(JsonNode o, int k) {
        String where = "objects[" + k + "]";
        Vector3d c = PoseFile.vector(o.get("center"), where + ".center");
        Vector3d size = PoseFile.vector(o.get("size"), where + ".size");
        if (!(size.x >= 0 && size.y >= 0 && size.z >= 0)) {
            throw new IllegalArgumentException(where + ".size " + size + " has a negative side");
        }
        Matrix3d r = PoseFile.rotation(o.get("rotation"), where + ".rotation", false);
        // Gram-Schmidt, so that float rounding of a rotation given to a few digits still is one.
        Vector3d a0 = r.getColumn(0, new Vector3d()).normalize();
        Vector3d a1 = r.getColumn(1, new Vector3d());
        a1.fma(-a1.dot(a0), a0).normalize();
        Vector3d a2 = new Vector3d(a0).cross(a1);
        Matrix3f rf = new Matrix3f((float) a0.x, (float) a0.y, (float) a0.z, (float) a1.x, (float) a1.y, (float) a1.z,
                (float) a2.x, (float) a2.y, (float) a2.z);
        return new OrientedBox(new Vector3f((float) c.x, (float) c.y, (float) c.z), rf,
                new Vector3f((float) (0.5 * size.x), (float) (0.5 * size.y), (float) (0.5 * size.z)));
    }

    /** The {@link ObjectFacts} of a true box, in the up frame {@code toUp}. */
    private static ObjectFacts objectFacts(int id, String caption, OrientedBox box, Matrix4fc toUp, boolean onFloor,
            FloorFrame frame, PixelBox imageBox, int pixels, float occluded) {
        Vector3f[] corners = box.corners();
        float[] xyz = new float[3 * corners.length];
        for (int i = 0; i < corners.length; i++) {
            Vector3f p = toUp.transformPosition(new Vector3f(corners[i]));
            xyz[3 * i] = p.x;
            xyz[3 * i + 1] = p.y;
            xyz[3 * i + 2] = p.z;
        }
        PointCloud up = new PointCloud(xyz);
        GravityAlignedBox g = Boxes.gravityAligned(up);
        Vector3f centerUp = toUp.transformPosition(new Vector3f(box.center()));
        centerUp.z = (float) (0.5 * (g.zMin() + g.zMax()));
        Vector3f center = frame.floorToCamera().transformPosition(new Vector3f(centerUp));
        return new ObjectFacts(id, caption, center, centerUp, (float) g.majorExtent(), (float) g.minorExtent(),
                (float) g.height(), (float) g.zMin(), (float) g.zMax(), pixels, imageBox, occluded);
    }
}
