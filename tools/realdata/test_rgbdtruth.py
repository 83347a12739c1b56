"""Known-answer tests of the real-data tools. Run: python3 -m unittest discover tools/realdata"""

import contextlib
import io
import json
import os
import struct
import sys
import tempfile
import unittest
import zlib

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import check_folder  # noqa: E402
import convert_sunrgbd as sun  # noqa: E402
import crop_frames  # noqa: E402
import object_table  # noqa: E402
import rgbdtruth as rt  # noqa: E402

FX, FY, CX, CY, W, H = 300.0, 300.0, 79.5, 59.5, 160, 120


def rotation(axis, deg):
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    if axis == "x":
        return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])
    if axis == "y":
        return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def ray_depth(up, height, box):
    """Exact depth of a camera 'height' above an infinite floor (normal up), with one box standing
    on it: per pixel, the nearest hit along the ray."""
    u, v = np.meshgrid(np.arange(W, dtype=float), np.arange(H, dtype=float))
    d = np.stack([(u - CX) / FX, (v - CY) / FY, np.ones_like(u)], axis=-1)  # ray with z = 1
    t_floor = -height / (d @ up)
    depth = np.where(t_floor > 0, t_floor, np.inf)
    # slab test against the box in its own frame
    o = -box.center @ box.rotation
    dl = d @ box.rotation
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = (-box.size / 2 - o) / dl
        t2 = (box.size / 2 - o) / dl
    tmin = np.nanmax(np.minimum(t1, t2), axis=-1)
    tmax = np.nanmin(np.maximum(t1, t2), axis=-1)
    hit = (tmax >= tmin) & (tmin > 0)
    depth = np.where(hit & (tmin < depth), tmin, depth)
    depth[~np.isfinite(depth)] = 0
    depth[depth > 8] = 0
    return depth  # t along a z = 1 ray is the depth


class GeometryTest(unittest.TestCase):

    def test_rtilt_maps_camera_points_to_upright_and_back(self):
        rtilt = rotation("x", 12) @ rotation("y", -3)
        p = np.array([0.3, -0.2, 2.0])
        upright = rtilt @ np.array([p[0], p[2], -p[1]])
        np.testing.assert_allclose(sun.upright_to_camera(rtilt) @ upright, p, atol=1e-12)

    def test_level_camera_has_up_along_minus_y(self):
        up = sun.upright_to_camera(np.eye(3)) @ np.array([0, 0, 1.0])
        np.testing.assert_allclose(up, [0, -1, 0], atol=1e-12)

    def test_rq_recovers_intrinsics_and_rotation(self):
        k = np.array([[529.5, 0, 365.0], [0, 529.5, 265.0], [0, 0, 1]])
        c = rotation("x", -10) @ rotation("z", 2) @ sun.upright_to_camera(np.eye(3))
        k2, c2 = sun.rq(k @ c)
        np.testing.assert_allclose(k2, k, atol=1e-9)
        np.testing.assert_allclose(c2, c, atol=1e-12)

    def test_upright_box_axes_follow_the_heading(self):
        c = sun.upright_to_camera(np.eye(3))
        b = sun.box_from_upright("night_stand", [1, 2, 0.5], [0.4, 0.6, 0.7], np.pi / 2, c)
        self.assertEqual(b.name, "night stand")
        # heading (0, 1, 0) upright = forward = camera +z; third axis up = camera -y
        np.testing.assert_allclose(b.rotation[:, 0], [0, 0, 1], atol=1e-12)
        np.testing.assert_allclose(b.rotation[:, 2], [0, -1, 0], atol=1e-12)
        np.testing.assert_allclose(b.center, [1, -0.5, 2], atol=1e-12)

    def test_votenet_label_line_uses_full_sizes_along_the_heading(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "label.txt")
            with open(p, "w") as f:
                f.write("dresser 1 1 221 529 -1.0 2.0 -0.1 0.78 0.35 1.05 0.0 1.0\n")
            b = sun.read_label(p, np.eye(3))[0]
        np.testing.assert_allclose(b.size, [0.70, 1.56, 2.10])
        np.testing.assert_allclose(b.rotation[:, 0], [0, 1, 0], atol=1e-12)

    def annotation(self, d, objects, files=("img_0001.jpg",), extrinsics="20140101000000.txt"):
        p = os.path.join(d, "index.json")
        with open(p, "w") as f:
            json.dump({"name": "b3do/img_0001", "objects": objects, "fileList": list(files),
                       "extrinsics": extrinsics}, f)
        return p

    @staticmethod
    def footprint(name, yaw_deg, long_side, short_side, centre, ymin, ymax, corner_deg=90.0):
        """An annotation3Dfinal object: corners 0-1 along the heading, 1-2 at corner_deg to it."""
        a, b = np.radians(yaw_deg), np.radians(yaw_deg + 180 - corner_deg)
        e1 = long_side * np.array([np.cos(a), np.sin(a)])
        e2 = short_side * np.array([np.cos(b), np.sin(b)])
        c0 = np.asarray(centre) - 0.5 * (e1 + e2)
        xy = [c0, c0 + e1, c0 + e1 + e2, c0 + e2]
        return {"name": name, "polygon": [{"X": [p[0] for p in xy], "Z": [p[1] for p in xy],
                                           "Ymin": ymin, "Ymax": ymax, "rectangle": True}]}

    def test_annotation3d_boxes_are_read_as_the_toolbox_reads_them(self):
        c = sun.upright_to_camera(np.eye(3))
        with tempfile.TemporaryDirectory() as d:
            p = self.annotation(d, [
                None,
                self.footprint("wall", 0, 3.0, 0.1, [0, 3], -1.0, 1.2),
                [self.footprint("chair: office chair", 30, 0.6, 0.5, [0.4, 2.0], 0.3, 1.2)],  # loadjson's cell
                self.footprint("rug", 0, 1.0, 1.0, [0, 2], 1.1, 1.2, corner_deg=80)])
            boxes, skipped = sun.read_annotation3d(p, "img_0001.jpg", "20140101000000.txt", c)
        self.assertEqual(skipped, {"null": 1, "room": 1, "not_a_rectangle": 1})
        self.assertEqual(len(boxes), 1)
        b = boxes[0]
        self.assertEqual(b.name, "chair")
        np.testing.assert_allclose(b.size, [0.6, 0.5, 0.9], atol=1e-12)
        # upright (x right, y forward, z up = -Y) to camera (x right, y down, z forward)
        np.testing.assert_allclose(b.center, [0.4, 0.75, 2.0], atol=1e-12)
        np.testing.assert_allclose(b.rotation[:, 0], [np.cos(np.radians(30)), 0, np.sin(np.radians(30))],
                                   atol=1e-12)
        np.testing.assert_allclose(b.rotation[:, 2], [0, -1, 0], atol=1e-12)

    def test_annotation3d_of_another_frame_is_refused(self):
        c = sun.upright_to_camera(np.eye(3))
        with tempfile.TemporaryDirectory() as d:
            p = self.annotation(d, [], files=("img_0002.jpg",))
            with self.assertRaisesRegex(ValueError, r"img_0002.jpg.*img_0001.jpg"):
                sun.read_annotation3d(p, "img_0001.jpg", "20140101000000.txt", c)
            p = self.annotation(d, [], extrinsics="20150101000000.txt")
            with self.assertRaisesRegex(ValueError, r"20150101000000.txt.*20140101000000.txt"):
                sun.read_annotation3d(p, "img_0001.jpg", "20140101000000.txt", c)

    def test_raw_frame_takes_the_boxes_of_its_own_annotation3dfinal(self):
        with tempfile.TemporaryDirectory() as d:
            for sub in ("image", "depth", "extrinsics", "annotation3Dfinal"):
                os.makedirs(os.path.join(d, sub))
            np.savetxt(os.path.join(d, "intrinsics.txt"), [[300, 0, 80.5], [0, 300, 60.5], [0, 0, 1]])
            np.savetxt(os.path.join(d, "extrinsics", "20140101000000.txt"), np.hstack([np.eye(3), np.zeros((3, 1))]))
            Image.new("RGB", (W, H)).save(os.path.join(d, "image", "img_0001.jpg"))
            mm = np.full((H, W), 2000, dtype=np.uint32)
            Image.fromarray((((mm << 3) | (mm >> 13)) & 0xFFFF).astype(np.uint16)).save(
                os.path.join(d, "depth", "img_0001.png"))
            self.annotation(os.path.join(d, "annotation3Dfinal"),
                            [self.footprint("table", 0, 1.2, 0.8, [0, 2.5], 0.5, 1.2)])
            frame = sun.from_raw(d)
        self.assertEqual(frame.frame_id, "sunrgbd_" + os.path.basename(d))
        self.assertEqual([b.name for b in frame.boxes], ["table"])
        np.testing.assert_allclose(frame.depth, 2.0)
        np.testing.assert_allclose(frame.boxes[0].center, [0, 0.85, 2.5], atol=1e-12)

    def test_splatting_the_points_of_a_depth_image_gives_it_back(self):
        depth = np.random.default_rng(3).uniform(0.5, 4.0, size=(H, W))
        pts = rt.backproject(depth, FX, FY, CX, CY).reshape(-1, 3)
        np.testing.assert_allclose(rt.splat_depth(pts, FX, FY, CX, CY, W, H, 0), depth, rtol=1e-9)

    def test_mat_v5_reader_reads_a_compressed_double_matrix(self):
        a = np.arange(12, dtype=np.float64).reshape(4, 3)

        def element(typ, payload):
            pad = (-len(payload)) % 8
            return struct.pack("<II", typ, len(payload)) + payload + b"\0" * pad

        name = b"instance"
        body = (element(6, struct.pack("<II", 6, 0)) + element(5, struct.pack("<ii", 4, 3))
                + element(1, name) + element(9, a.tobytes(order="F")))
        matrix = element(14, body)
        header = b"MATLAB 5.0 MAT-file".ljust(116, b" ") + b"\0" * 8 + struct.pack("<H", 0x0100) + b"IM"
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "x.mat")
            with open(p, "wb") as f:
                f.write(header + element(15, zlib.compress(matrix)))
            got = rt.read_mat_v5(p)
        np.testing.assert_array_equal(got["instance"], a)


class FloorTest(unittest.TestCase):

    def test_floor_height_is_found_under_a_tilted_camera(self):
        up = rotation("x", 20) @ np.array([0, -1.0, 0])
        box = rt.Box("box", [0, 0.9, 2.5], [0.5, 0.5, 0.5], np.eye(3))
        depth = ray_depth(up, 1.3, box)
        h, below, tilt = rt.estimate_floor_height(depth, FX, FY, CX, CY, up)
        self.assertAlmostEqual(h, 1.3, places=3)
        self.assertLess(tilt, 0.01)
        self.assertEqual(below, 0.0)

    def test_floor_seen_tilted_is_reported(self):
        up = rotation("x", 25) @ np.array([0, -1.0, 0])
        floor_normal = rotation("x", 3) @ up  # the depth's floor is 3 degrees off the given up
        self.assertAlmostEqual(rt.angle_deg(floor_normal, up), 3.0, places=9)
        depth = ray_depth(floor_normal, 1.2, rt.Box("far", [0, 0, 30], [1, 1, 1], np.eye(3)))
        _, _, tilt = rt.estimate_floor_height(depth, FX, FY, CX, CY, up)
        self.assertAlmostEqual(tilt, 3.0, delta=0.01)

    def test_seen_extents_of_the_points_of_a_box(self):
        # a yawed box 0.8 long, 0.4 wide, 0.5 tall standing on a floor 1.2 m below a level camera:
        # its points fill it, so what they show is the box (to the 0.5 / 99.5 percentiles)
        up = np.array([0, -1.0, 0])
        rot = np.stack([rotation("y", 30) @ [0, 0, 1], rotation("y", 30) @ [1, 0, 0], up], axis=1)
        box = rt.Box("table", [0.3, 1.2 - 0.25, 3.0], [0.8, 0.4, 0.5], rot)
        g = np.linspace(-0.5, 0.5, 41)
        local = np.stack(np.meshgrid(g, g, g), axis=-1).reshape(-1, 3) * box.size
        pts = box.center + local @ box.rotation.T
        seen = object_table.seen_extents(pts, box, up, 1.2)
        self.assertAlmostEqual(seen["top"], 0.5, delta=0.01)
        self.assertAlmostEqual(seen["bottom"], 0.0, delta=0.01)
        self.assertAlmostEqual(seen["long"], 0.8, delta=0.02)
        self.assertAlmostEqual(seen["short"], 0.4, delta=0.01)
        self.assertEqual(object_table.box_sides(box, up), (0.5, 0.8, 0.4))
        # only the front half shows: half the short side, the full height and length
        front = pts[local[:, 1] >= 0]
        self.assertAlmostEqual(object_table.seen_extents(front, box, up, 1.2)["short"], 0.2, delta=0.01)

    def test_seen_extents_refuse_no_points(self):
        box = rt.Box("cup", [0, 0, 1], [0.1, 0.1, 0.1], np.eye(3))
        with self.assertRaisesRegex(ValueError, r"\(0, 3\)"):
            object_table.seen_extents(np.zeros((0, 3)), box, [0, -1, 0], 1.0)

    def test_no_floor_when_no_layer_is_large_enough(self):
        depth = np.zeros((H, W))
        depth[:5, :5] = 2.0
        self.assertEqual(rt.estimate_floor_height(depth, FX, FY, CX, CY, [0, -1, 0]), (None, None, None))


def box_centre(up):
    """The centre of FolderTest's chair (0.7 m tall), standing on the floor 1.3 m below the camera."""
    centre = np.array([0.2, 0, 2.6])
    return centre - (centre @ up + 1.3) * up + 0.35 * up


class FolderTest(unittest.TestCase):
    """Writes a frame with the layout writers, then checks it passes check_folder and that each
    injected error is reported."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "frames")
        os.makedirs(self.dir)
        self.up = rotation("x", 15) @ np.array([0, -1.0, 0])
        box_rot = np.stack([rotation("x", 15) @ [1, 0, 0], rotation("x", 15) @ [0, 0, 1], self.up], axis=1)
        box = rt.Box("chair", box_centre(self.up), [0.5, 0.6, 0.7], box_rot)
        depth = ray_depth(self.up, 1.3, box)
        labels, counts = rt.render_labels(depth, FX, FY, CX, CY, [box], self.up)
        self.assertGreater(counts[0], 200)
        frac = rt.floor_fraction(depth, FX, FY, CX, CY, self.up, 1.3)
        truth = {"up": self.up, "floor": {"normal": self.up, "d": 1.3},
                 "floor_visible": frac >= rt.FLOOR_VISIBLE_FRACTION, "objects": [box.truth(1)]}
        rt.write_intrinsics(self.dir, FX, FY, CX, CY, W, H, 1000.0)
        rt.write_frame(self.dir, "f1", Image.new("RGB", (W, H), (90, 90, 90)), depth, 1000.0, labels,
                       {1: "chair"}, truth, {"up": self.up})

    def tearDown(self):
        self.tmp.cleanup()

    def failures(self, folder=None):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            check_folder.main([folder or self.dir, "--quiet"])
        return [l for l in out.getvalue().splitlines() if l.startswith("FAIL")]

    def edit(self, name, change):
        p = os.path.join(self.dir, name)
        with open(p) as f:
            d = json.load(f)
        change(d)
        with open(p, "w") as f:
            json.dump(d, f)

    def test_a_correct_frame_passes(self):
        self.assertEqual(self.failures(), [])

    def test_shifted_principal_point_is_reported(self):
        self.edit("intrinsics.json", lambda d: d.update(cx=d["cx"] + 15))
        self.assertTrue(any("inside its projected box" in f for f in self.failures()))

    def test_wrong_up_is_reported(self):
        self.edit("f1.pose.json", lambda d: d.update(up=[-x for x in d["up"]]))
        self.assertTrue(any("pose.json up" in f for f in self.failures()))

    def test_wrong_floor_visible_is_reported(self):
        self.edit("f1.truth.json", lambda d: d.update(floor_visible=not d["floor_visible"]))
        self.assertTrue(any("floor_visible" in f for f in self.failures()))

    def test_label_without_caption_is_reported(self):
        self.edit("f1.objects.json", lambda d: d.clear())
        self.assertTrue(any("no caption" in f for f in self.failures()))

    def test_a_crop_above_the_floor_does_not_show_it(self):
        out = os.path.join(self.tmp.name, "top")
        with contextlib.redirect_stdout(io.StringIO()):
            crop_frames.main([self.dir, out, "--box", "0", "0", str(W), "30"])
        with open(os.path.join(out, "f1.truth.json")) as f:
            truth = json.load(f)
        with open(os.path.join(out, "intrinsics.json")) as f:
            intr = json.load(f)
        self.assertFalse(truth["floor_visible"])
        self.assertEqual((intr["cx"], intr["cy"], intr["height"]), (CX, CY, 30))
        self.assertEqual(self.failures(out), [])

    def audit_objects(self, errors):
        """An audit folder whose objects.jsonl holds one engine measure of the chair (label 1)."""
        audit = os.path.join(self.tmp.name, "audit")
        os.makedirs(audit, exist_ok=True)
        est = {"id": 1, "caption": "chair", "width": 0.6, "depth": 0.5, "height": 0.55, "bottom": 0.0,
               "top": 0.55, "points": 900}
        line = {"frame": "f1", "id": 1, "caption": "chair", "occluded_outline": 0.02,
                "height_error": errors[0], "width_error": errors[1], "depth_error": errors[2],
                "estimated": est, "true": est}
        with open(os.path.join(audit, "objects.jsonl"), "w") as f:
            f.write(json.dumps(line) + "\n")
        return audit

    def test_object_table_puts_box_seen_part_and_measure_side_by_side(self):
        rows = object_table.table(self.dir, self.audit_objects((0.21, 0.0, 0.0)))
        self.assertEqual(len(rows), 1)
        r = rows[0]
        self.assertEqual((r["frame"], r["id"], r["name"], r["hidden"]), ("f1", 1, "chair", 0.02))
        self.assertEqual(r["box"], (0.7, 0.6, 0.5))
        # the camera, 1.3 m up and pitched 15 degrees down, sees the top face whole (0.6 x 0.5, at
        # 0.7 m) and the front face down to where the image's bottom row meets it
        front = box_centre(self.up) - 0.3 * (rotation("x", 15) @ [0, 0, 1])
        ray = np.array([0.0, (H - 1 - CY) / FY, 1.0])
        lowest = ray * (front @ (rotation("x", 15) @ [0, 0, 1])) / (ray @ (rotation("x", 15) @ [0, 0, 1]))
        self.assertAlmostEqual(lowest @ self.up + 1.3, 0.211, delta=0.001)
        self.assertAlmostEqual(r["seen"]["top"], 0.7, delta=0.02)
        self.assertAlmostEqual(r["seen"]["bottom"], lowest @ self.up + 1.3, delta=0.01)
        # (the percentiles trim 1% of the points: on the top face, seen at a grazing angle, the far
        # rows hold few pixels each, so the trim takes a few centimetres off its 0.6 m)
        self.assertAlmostEqual(r["seen"]["long"], 0.6, delta=0.05)
        self.assertLessEqual(r["seen"]["long"], 0.6)
        self.assertAlmostEqual(r["seen"]["short"], 0.5, delta=0.03)
        self.assertTrue(object_table.is_miss(r))
        self.assertIn("| f1 | chair | 0.02 | 0.70 / 0.60 / 0.50 |", object_table.markdown(rows))
        self.assertIn("| 0.55 / 0.60 / 0.50 | 0.00 / 0.55 | 21% / 0% / 0% |", object_table.markdown(rows))

    def test_object_table_keeps_misses_only_when_asked(self):
        audit = self.audit_objects((0.05, 0.0, None))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            object_table.main([self.dir, audit, "--misses"])
        self.assertEqual(len(out.getvalue().splitlines()), 2)  # the header only
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            object_table.main([self.dir, audit])
        self.assertIn("5% / 0% / -", out.getvalue())

    def test_object_table_refuses_an_audit_of_another_folder(self):
        audit = self.audit_objects((0.0, 0.0, 0.0))
        os.remove(os.path.join(self.dir, "f1.labels.png"))
        with self.assertRaisesRegex(ValueError, "frame f1"):
            object_table.table(self.dir, audit)



class SmearTest(unittest.TestCase):

    def test_a_step_becomes_a_ramp_and_holes_are_filled(self):
        import smear_depth
        depth = np.full((20, 40), 5.0)
        depth[:, 20:] = 3.0
        depth[5, 10] = 0.0  # a hole on the far side
        out = smear_depth.smear(depth, 4)
        # Far from the step, the depth is kept, and the hole takes its neighbours' 5 m.
        self.assertAlmostEqual(out[10, 2], 5.0)
        self.assertAlmostEqual(out[10, 37], 3.0)
        self.assertAlmostEqual(out[5, 10], 5.0)
        # Across the step, a ramp of the 9 x 9 mean: the window around column 20 is 5 parts 3 m, 4 parts 5 m.
        self.assertAlmostEqual(out[10, 20], (5 * 3.0 + 4 * 5.0) / 9)
        self.assertTrue(all(out[10, u] > out[10, u + 1] for u in range(15, 24)))
        self.assertAlmostEqual(out[10, 15], 5.0)
        self.assertAlmostEqual(out[10, 25], 3.0)

    def test_gentle_slopes_are_not_smeared(self):
        import smear_depth
        ramp = np.tile(np.linspace(2.0, 2.2, 50), (10, 1))
        np.testing.assert_allclose(smear_depth.smear(ramp, 4), ramp)

    def test_a_map_without_depth_is_refused(self):
        import smear_depth
        with self.assertRaises(ValueError):
            smear_depth.smear(np.zeros((4, 4)), 4)

if __name__ == "__main__":
    unittest.main()
