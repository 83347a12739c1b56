package io.github.spatialvlm4j.datagen.source.rgbd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spatialvlm4j.datagen.GravityHint;
import io.github.spatialvlm4j.datagen.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.joml.Matrix3d;
import org.joml.Vector3d;
import org.joml.Vector3f;

/**
 * Reads what a data set says about gravity for a frame: {@code pose.json} for a whole folder, or
 * {@code <id>.pose.json} for one frame. Exactly one of
 * <pre>
 * {"up": [x, y, z]}                                     up in the camera frame (x right, y down, z forward)
 * {"camera_to_world": M, "world_up": [0, 0, 1]}         M row-major 3x3 rotation or 4x4 rigid transform;
 *                                                       world_up defaults to [0, 0, 1]; up = R^T world_up
 * {"rtilt": R}                                          SUN RGB-D's Rtilt: upright = R [x, z, -y] for a
 *                                                       camera point (x, y, z), upright z up
 * </pre>
 * optionally with {@code "camera_height": h}, the camera's height above the floor in meters. ScanNet's
 * camera poses times its axis alignment are a {@code camera_to_world} with z up.
 *
 * <p>A file that cannot be read or holds invalid values (not a rotation, a zero or non-finite vector, a
 * non-positive height) gives {@link GravityHint#invalid} with the reason, so that the pipeline estimates up
 * instead and the record says why. Stateless.
 */
public final class PoseFile {
    /** Largest deviation of {@code R^T R} from the identity accepted for a rotation. */
    static final double ROTATION_TOLERANCE = 1e-3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoseFile() {
    }

    /** The gravity of {@code file}; {@link GravityHint#invalid} naming the file and the problem when unusable. */
    public static GravityHint read(Path file) {
        String name = file.getFileName().toString();
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                return GravityHint.invalid(name + ": expected a JSON object with \"up\", \"camera_to_world\" or \"rtilt\"");
            }
            int given = (root.has("up") ? 1 : 0) + (root.has("camera_to_world") ? 1 : 0) + (root.has("rtilt") ? 1 : 0);
            if (given != 1) {
                return GravityHint.invalid(name + ": needs exactly one of \"up\", \"camera_to_world\" or \"rtilt\", found "
                        + given);
            }
            Vector3d up;
            if (root.has("up")) {
                up = vector(root.get("up"), "up");
            } else if (root.has("camera_to_world")) {
                Matrix3d r = rotation(root.get("camera_to_world"), "camera_to_world", true);
                Vector3d worldUp = root.has("world_up") ? vector(root.get("world_up"), "world_up") : new Vector3d(0, 0, 1);
                up = r.transpose(new Matrix3d()).transform(worldUp.normalize(new Vector3d()));
            } else {
                // camera_to_world = Rtilt F, F mapping (x, y, z) to (x, z, -y); up = F^T Rtilt^T e_z.
                Matrix3d rtilt = rotation(root.get("rtilt"), "rtilt", false);
                Vector3d upright = rtilt.transpose(new Matrix3d()).transform(new Vector3d(0, 0, 1));
                up = new Vector3d(upright.x, -upright.z, upright.y);
            }
            if (!(up.length() > 1e-9) || !up.isFinite()) {
                return GravityHint.invalid(name + ": up direction " + up + " is zero or not finite");
            }
            OptionalDouble height = OptionalDouble.empty();
            if (root.has("camera_height")) {
                JsonNode h = root.get("camera_height");
                if (!h.isNumber() || !(h.asDouble() > 0) || !Double.isFinite(h.asDouble())) {
                    return GravityHint.invalid(name + ": camera_height " + h + " is not a positive number of meters");
                }
                height = OptionalDouble.of(h.asDouble());
            }
            return GravityHint.given(new Vector3f((float) up.x, (float) up.y, (float) up.z), height, name);
        } catch (IOException e) {
            return GravityHint.invalid(name + ": cannot be read (" + JsonErrors.describe(e) + ")");
        } catch (IllegalArgumentException e) {
            return GravityHint.invalid(name + ": " + e.getMessage());
        }
    }

    /** A finite 3-vector from a JSON array of three numbers. */
    static Vector3d vector(JsonNode node, String field) {
        if (node == null || !node.isArray() || node.size() != 3) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array of 3 numbers, got " + node);
        }
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!node.get(i).isNumber() || !Double.isFinite(node.get(i).asDouble())) {
                throw new IllegalArgumentException("\"" + field + "\"[" + i + "] is not a finite number: " + node.get(i));
            }
            v[i] = node.get(i).asDouble();
        }
        return new Vector3d(v[0], v[1], v[2]);
    }

    /** As {@link #vector}, refusing the zero vector: a direction ({@code "field" is a zero vector}). */
    static Vector3d direction(JsonNode node, String field) {
        Vector3d v = vector(node, field);
        if (!(v.length() > 1e-9)) {
            throw new IllegalArgumentException("\"" + field + "\" is a zero vector");
        }
        return v;
    }

    /**
     * The rotation part of a row-major 3x3 (or, with {@code affine}, 3x4 / 4x4) matrix given as a list of
     * rows, checked to be a rotation within {@value #ROTATION_TOLERANCE}.
     */
    static Matrix3d rotation(JsonNode node, String field, boolean affine) {
        if (node == null || !node.isArray() || !(node.size() == 3 || affine && node.size() == 4)) {
            throw new IllegalArgumentException("\"" + field + "\" must be a list of 3" + (affine ? " or 4" : "")
                    + " rows, got " + node);
        }
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray() || !(row.size() == 3 || affine && row.size() == 4)) {
                throw new IllegalArgumentException("\"" + field + "\" row " + r + " must hold 3" + (affine ? " or 4" : "")
                        + " numbers, got " + row);
            }
            for (int c = 0; c < 3; c++) {
                if (!row.get(c).isNumber() || !Double.isFinite(row.get(c).asDouble())) {
                    throw new IllegalArgumentException("\"" + field + "\"[" + r + "][" + c + "] is not a finite number: "
                            + row.get(c));
                }
                m[r][c] = row.get(c).asDouble();
            }
        }
        if (node.size() == 4) {
            JsonNode last = node.get(3);
            boolean rigid = last.isArray() && last.size() == 4;
            for (int c = 0; rigid && c < 4; c++) {
                double expected = c == 3 ? 1 : 0;
                rigid = last.get(c).isNumber() && Math.abs(last.get(c).asDouble() - expected) <= ROTATION_TOLERANCE;
            }
            if (!rigid) {
                throw new IllegalArgumentException("\"" + field + "\" row 3 of a 4x4 rigid transform must be"
                        + " [0, 0, 0, 1], got " + last);
            }
        }
        // JOML's constructor takes columns.
        Matrix3d out = new Matrix3d(m[0][0], m[1][0], m[2][0], m[0][1], m[1][1], m[2][1], m[0][2], m[1][2], m[2][2]);
        Matrix3d rtr = new Matrix3d(out).transpose().mul(out);
        double err = Math.abs(out.determinant() - 1);
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                err = Math.max(err, Math.abs(rtr.get(c, r) - (c == r ? 1 : 0)));
            }
        }
        if (!(err <= ROTATION_TOLERANCE)) {
            throw new IllegalArgumentException("\"" + field + "\" is not a rotation (R^T R deviates from I, or det R"
                    + " from 1, by " + err + ")");
        }
        return out;
    }
}
