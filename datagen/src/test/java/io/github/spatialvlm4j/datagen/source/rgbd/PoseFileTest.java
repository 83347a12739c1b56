package io.github.spatialvlm4j.datagen.source.rgbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.GravityHint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joml.Vector3f;
import org.joml.Vector3fc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PoseFile#read}: up, camera_to_world (3x3, 4x4, with and without world_up), SUN RGB-D's rtilt and
 * camera_height, and every invalid file giving {@link GravityHint#invalid} with a reason that names the
 * file and the field.
 */
class PoseFileTest {
    private static final float EXACT = 1e-6f;
    private static final double SIN30 = 0.5;
    private static final double COS30 = Math.sqrt(3) / 2;
    /**
     * World-from-camera rotation (row-major) of a camera pitched 30 degrees down, looking along world +y with
     * world z up: camera x is world x, camera z (forward) is (0, cos 30, -sin 30), camera y (down) is
     * (0, -sin 30, -cos 30). Up in the camera frame is its last row: (0, -cos 30, -sin 30).
     */
    private static final String PITCHED = "[[1, 0, 0], [0, " + -SIN30 + ", " + COS30 + "], [0, " + -COS30 + ", "
            + -SIN30 + "]]";

    @TempDir
    Path dir;

    private GravityHint read(String name, String json) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return PoseFile.read(f);
    }

    private static void assertUp(double x, double y, double z, GravityHint hint) {
        assertFalse(hint.isInvalid(), hint.source());
        Vector3fc up = hint.up().orElseThrow();
        Vector3f want = new Vector3f((float) x, (float) y, (float) z).normalize();
        assertTrue(up.equals(want, EXACT), "want " + want + ", got " + up);
    }

    private static void assertInvalid(GravityHint hint, String... parts) {
        assertTrue(hint.isInvalid(), "valid: " + hint);
        assertTrue(hint.up().isEmpty() && hint.cameraHeight().isEmpty(), hint.toString());
        for (String p : parts) {
            assertTrue(hint.source().contains(p), "'" + p + "' not in: " + hint.source());
        }
    }

    @Test
    void upIsNormalisedAndNamesItsFile() throws IOException {
        GravityHint h = read("pose.json", "{\"up\": [0, -2, 0]}");
        assertUp(0, -1, 0, h);
        assertEquals("pose.json", h.source());
        assertTrue(h.cameraHeight().isEmpty());
        assertUp(0.1, -1, -0.3, read("f1.pose.json", "{\"up\": [0.1, -1, -0.3]}"));
    }

    @Test
    void cameraToWorldThreeByThreeAndFourByFour() throws IOException {
        assertUp(0, -COS30, -SIN30, read("a.pose.json", "{\"camera_to_world\": " + PITCHED + "}"));
        // A 4x4 rigid transform: the translation does not matter.
        String rigid = "[[1, 0, 0, 2.5], [0, " + -SIN30 + ", " + COS30 + ", -1], [0, " + -COS30 + ", " + -SIN30
                + ", 1.4], [0, 0, 0, 1]]";
        assertUp(0, -COS30, -SIN30, read("b.pose.json", "{\"camera_to_world\": " + rigid + "}"));
        // world_up [0, 0, 1] is the default.
        assertUp(0, -COS30, -SIN30, read("c.pose.json", "{\"camera_to_world\": " + rigid + ", \"world_up\": [0, 0, 1]}"));
        // A y-up world: up = R^T (0, 1, 0), the middle row of R; world_up need not be unit length.
        assertUp(0, -SIN30, COS30, read("d.pose.json", "{\"camera_to_world\": " + PITCHED + ", \"world_up\": [0, 3, 0]}"));
    }

    /**
     * SUN RGB-D frame 2014-12-18_11-31-54_260595134347 (its {@code extrinsics/20141221170930.txt}, the Rtilt of
     * that frame). Upright = Rtilt [x, z, -y], so up in the camera frame is F^T Rtilt^T e_z with F (x, y, z) =
     * (x, z, -y): Rtilt^T e_z is Rtilt's last row (0.000840, -0.346710, 0.937972), and F^T (a, b, c) =
     * (a, -c, b) gives (0.000840, -0.937972, -0.346710): a camera pitched 20.3 degrees down.
     */
    @Test
    void sunRgbdRtilt() throws IOException {
        GravityHint h = read("sun.pose.json", "{\"rtilt\": [[0.999989, 0.004693, 0.000840], "
                + "[-0.004693, 0.937961, 0.346710], [0.000840, -0.346710, 0.937972]]}");
        assertUp(0.000840, -0.937972, -0.346710, h);
        assertEquals(20.3, Math.toDegrees(Math.asin(0.346710)), 0.05);
    }

    @Test
    void cameraHeight() throws IOException {
        GravityHint h = read("pose.json", "{\"up\": [0, -1, 0], \"camera_height\": 1.42}");
        assertUp(0, -1, 0, h);
        assertEquals(1.42, h.cameraHeight().orElseThrow(), 1e-12);
        GravityHint c = read("c.pose.json", "{\"camera_to_world\": " + PITCHED + ", \"camera_height\": 0.95}");
        assertEquals(0.95, c.cameraHeight().orElseThrow(), 1e-12);
    }

    @Test
    void notARotationIsInvalid() throws IOException {
        assertInvalid(read("s.pose.json", "{\"camera_to_world\": [[2, 0, 0], [0, 2, 0], [0, 0, 2]]}"),
                "s.pose.json", "camera_to_world", "not a rotation");
        // A reflection has R^T R = I but det -1.
        assertInvalid(read("m.pose.json", "{\"camera_to_world\": [[-1, 0, 0], [0, 1, 0], [0, 0, 1]]}"),
                "m.pose.json", "camera_to_world", "not a rotation");
        assertInvalid(read("r.pose.json", "{\"rtilt\": [[1, 0.2, 0], [0, 1, 0], [0, 0, 1]]}"), "r.pose.json", "rtilt",
                "not a rotation");
        // rtilt is 3x3 only.
        assertInvalid(read("r4.pose.json", "{\"rtilt\": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]}"),
                "r4.pose.json", "rtilt");
        assertInvalid(read("rows.pose.json", "{\"camera_to_world\": [[1, 0, 0], [0, 1, 0]]}"), "rows.pose.json",
                "camera_to_world", "rows");
        assertInvalid(read("last.pose.json", "{\"camera_to_world\": [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0],"
                + " [0, 0, 1, 1]]}"), "last.pose.json", "camera_to_world", "row 3", "[0, 0, 0, 1]");
        assertInvalid(read("cell.pose.json", "{\"camera_to_world\": [[1, 0, 0], [0, \"one\", 0], [0, 0, 1]]}"),
                "cell.pose.json", "camera_to_world", "[1][1]");
    }

    @Test
    void zeroOrBadVectorsAreInvalid() throws IOException {
        assertInvalid(read("z.pose.json", "{\"up\": [0, 0, 0]}"), "z.pose.json", "up", "zero");
        assertInvalid(read("w.pose.json", "{\"camera_to_world\": " + PITCHED + ", \"world_up\": [0, 0, 0]}"),
                "w.pose.json", "zero or not finite");
        assertInvalid(read("two.pose.json", "{\"up\": [0, -1]}"), "two.pose.json", "\"up\"", "3 numbers");
        assertInvalid(read("text.pose.json", "{\"up\": [0, \"down\", 0]}"), "text.pose.json", "\"up\"[1]");
        assertInvalid(read("wu.pose.json", "{\"camera_to_world\": " + PITCHED + ", \"world_up\": 1}"),
                "wu.pose.json", "world_up");
    }

    @Test
    void exactlyOneKindMustBeGiven() throws IOException {
        assertInvalid(read("both.pose.json", "{\"up\": [0, -1, 0], \"rtilt\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}"),
                "both.pose.json", "exactly one", "found 2");
        assertInvalid(read("all.pose.json", "{\"up\": [0, -1, 0], \"rtilt\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "
                + "\"camera_to_world\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}"), "all.pose.json", "found 3");
        assertInvalid(read("none.pose.json", "{\"camera_height\": 1.5}"), "none.pose.json", "found 0");
    }

    @Test
    void badCameraHeightIsInvalid() throws IOException {
        assertInvalid(read("neg.pose.json", "{\"up\": [0, -1, 0], \"camera_height\": -1.2}"), "neg.pose.json",
                "camera_height", "-1.2");
        assertInvalid(read("zero.pose.json", "{\"up\": [0, -1, 0], \"camera_height\": 0}"), "zero.pose.json",
                "camera_height");
        assertInvalid(read("text.pose.json", "{\"up\": [0, -1, 0], \"camera_height\": \"tall\"}"), "text.pose.json",
                "camera_height", "tall");
    }

    @Test
    void malformedJsonIsInvalid() throws IOException {
        assertInvalid(read("bad.pose.json", "{\"up\": [0, -1, "), "bad.pose.json", "cannot be read");
        assertInvalid(read("array.pose.json", "[0, -1, 0]"), "array.pose.json", "JSON object");
        assertInvalid(read("empty.pose.json", ""), "empty.pose.json");
        assertInvalid(PoseFile.read(dir.resolve("missing.pose.json")), "missing.pose.json", "cannot be read");
    }
}
