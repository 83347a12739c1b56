#!/usr/bin/env python3
"""Converts SUN RGB-D frames into the RGB-D truth folder layout (v1) read by
`generate/audit --source rgbd --input DIR`.

Three inputs are understood (see tools/realdata/README.md for where each comes from):

  --trainval DIR --id ID   votenet/mmdetection3d's extracted "sunrgbd_trainval" layout:
                           image/ID.jpg (or images/ID.jpg), depth/ID.mat (every valid pixel as
                           an upright point x, y, z, r, g, b), calib/ID.txt (Rtilt and K,
                           column-major), label/ID.txt (3D boxes, upright frame, half sizes;
                           optional: without it the frame has gravity but no objects)
  --mmdet3d-demo PKL       mmdetection3d's demo info file (v1.1 format: depth2img = K * C and
                           boxes [x, y, z, dx, dy, dz, yaw] in the upright frame) with its
                           .bin (50,000 upright points x, y, z, r, g, b, float32) and .jpg
  --raw FRAME_DIR          a raw SUN RGB-D frame folder: image/*.jpg, depth/*.png (SUN RGB-D's
                           bit-rotated millimetres), intrinsics.txt, extrinsics/*.txt (Rtilt), and
                           the 3D boxes in annotation3Dfinal/index.json when it has one (or the
                           file given with --annotation3d: a copy kept elsewhere)

SUN RGB-D's upright frame: x right, y forward, z up (gravity-aligned, from the data set's Rtilt).
Its intrinsics are MATLAB 1-based (the toolbox back-projects pixel column x = 1..W as x - cx); the
layout's are 0-based (pixel index u as u - cx), so cx and cy are written one less. Its toolbox clamps
depth to 8 m before making the points, so points at exactly 8 m are dropped.
For a camera-frame point p = (x, y, z) (x right, y down, z forward), upright = Rtilt * [x, z, -y].
So the upright-to-camera rotation is C = G^T Rtilt^T with G = [[1,0,0],[0,0,1],[0,-1,0]], and the
up direction in the camera frame is C * [0, 0, 1].

The output folder holds frames of one camera (intrinsics.json is per folder): a frame whose
intrinsics differ from the folder's is refused with the two values named.
"""

import argparse
import collections
import glob
import json
import os
import pickle
import sys

import numpy as np
from PIL import Image

import rgbdtruth as rt

G = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])
DEPTH_SCALE = 1000.0
# read3dPoints clamps depth to this, meters: such points are not measurements
TOOLBOX_CLAMP_M = 8.0
# mmdetection3d's SUN RGB-D classes (bbox_label_3d indexes them)
MMDET3D_CLASSES = ("bed", "table", "sofa", "chair", "toilet", "desk", "dresser", "night_stand",
                   "bookshelf", "bathtub")


def upright_to_camera(rtilt):
    return G.T @ np.asarray(rtilt, dtype=np.float64).T


def orthonormal(r):
    u, _, vt = np.linalg.svd(np.asarray(r, dtype=np.float64))
    return u @ vt


def box_from_upright(name, center, sizes, yaw, c):
    """A camera-frame Box from an upright-frame box: gravity centre, full sizes (dx along the
    heading (cos yaw, sin yaw, 0), dy across it, dz along up)."""
    a1 = np.array([np.cos(yaw), np.sin(yaw), 0.0])
    a2 = np.array([-np.sin(yaw), np.cos(yaw), 0.0])
    a3 = np.array([0.0, 0.0, 1.0])
    rot = c @ np.stack([a1, a2, a3], axis=1)
    return rt.Box(caption(name), c @ np.asarray(center, dtype=np.float64), sizes, rot)


def caption(name):
    return name.replace("_", " ")


def read_calib(path):
    """votenet calib/ID.txt: line 1 Rtilt, line 2 K, both column-major."""
    with open(path) as f:
        lines = [l.split() for l in f.read().strip().splitlines()]
    rtilt = np.array([float(v) for v in lines[0]]).reshape(3, 3, order="F")
    k = np.array([float(v) for v in lines[1]]).reshape(3, 3, order="F")
    return rtilt, k


def read_label(path, c):
    """votenet label/ID.txt: name, 2D box (4), centroid (3), half sizes w, l, h, orientation (2).
    The box's heading axis is the orientation vector, with half length l; w is across it."""
    boxes = []
    with open(path) as f:
        for line in f:
            t = line.split()
            if not t:
                continue
            v = [float(x) for x in t[1:]]
            w, l, h = v[7], v[8], v[9]
            yaw = np.arctan2(v[11], v[10])
            boxes.append(box_from_upright(t[0], v[4:7], [2 * l, 2 * w, 2 * h], yaw, c))
    return boxes


# SUN RGB-D's toolbox (readframeSUNRGBD) leaves these out of the objects: they are the room
ANNOTATION_ROOM_CLASSES = ("wall", "floor", "ceiling")
# a footprint whose corner angle is further than this from 90 degrees is not a box, degrees (the
# annotation tool snaps corners to a grid: the two "books" of b3do/img_0063 are 1.1 and 1.25 off)
RECTANGLE_TOLERANCE_DEG = 5.0


def annotation_class(name):
    """The class of an annotation name: the part before a ':' (the toolbox's "class: label"),
    without the '_' or ' ' before it."""
    i = name.find(":")
    return name if i < 0 else name[:i].rstrip("_ ")


def read_annotation3d(path, image_name, extrinsics_name, c):
    """SUN RGB-D's annotation3Dfinal/index.json: every object is a footprint polygon X, Z (the
    upright frame's x and y) with Ymin, Ymax along -z (the annotation tool's y points down), in the
    upright frame of the Rtilt named by "extrinsics". A box is the first three corners, as the
    toolbox reads it: centre halfway between corners 0 and 2, full sides |c1 - c0| (along the
    heading) and |c2 - c1|, height Ymax - Ymin. The file must name this frame's image in
    "fileList" and this frame's Rtilt file in "extrinsics" (a copy kept apart from its frame could
    belong to another). Objects that are null, of the room's classes (wall, floor, ceiling) or whose
    footprint is not a rectangle of 4 corners are left out and counted.
    Returns (boxes, {reason: count})."""
    with open(path, encoding="utf-8") as f:
        a = json.load(f)
    files = a.get("fileList") or []
    if image_name not in files:
        raise ValueError("%s annotates %s, not this frame's %s" % (path, files, image_name))
    if a.get("extrinsics") != extrinsics_name:
        raise ValueError("%s was annotated under extrinsics %r, this frame's Rtilt is %s"
                         % (path, a.get("extrinsics"), extrinsics_name))
    boxes, skipped = [], collections.Counter()
    for o in a.get("objects") or []:
        if isinstance(o, list):  # MATLAB's loadjson wraps each object in a cell
            o = o[0] if o else None
        if not o or not o.get("polygon"):
            skipped["null"] += 1
            continue
        cls = annotation_class(o["name"])
        if cls in ANNOTATION_ROOM_CLASSES:
            skipped["room"] += 1
            continue
        poly = o["polygon"][0]
        xy = np.stack([np.asarray(poly["X"], dtype=np.float64), np.asarray(poly["Z"], dtype=np.float64)],
                      axis=1)
        if xy.shape != (4, 2):
            skipped["not_a_rectangle"] += 1
            continue
        e1, e2 = xy[1] - xy[0], xy[2] - xy[1]
        if not (np.linalg.norm(e1) > 0 and np.linalg.norm(e2) > 0 and poly["Ymax"] > poly["Ymin"]):
            skipped["empty"] += 1
            continue
        corner = np.degrees(np.arccos(np.clip(np.dot(e1, e2) / np.linalg.norm(e1) / np.linalg.norm(e2),
                                              -1.0, 1.0)))
        if abs(corner - 90.0) > RECTANGLE_TOLERANCE_DEG:
            skipped["not_a_rectangle"] += 1
            continue
        centre = [0.5 * (xy[0, 0] + xy[2, 0]), 0.5 * (xy[0, 1] + xy[2, 1]),
                  -0.5 * (poly["Ymin"] + poly["Ymax"])]
        sizes = [np.linalg.norm(e1), np.linalg.norm(e2), poly["Ymax"] - poly["Ymin"]]
        boxes.append(box_from_upright(cls, centre, sizes, np.arctan2(e1[1], e1[0]), c))
    return boxes, dict(skipped)


def zero_based(k):
    """SUN RGB-D's 1-based K as the layout's 0-based K."""
    k = np.array(k, dtype=np.float64)
    k[0, 2] -= 1.0
    k[1, 2] -= 1.0
    return k


def unclamped(cam):
    """Drops camera-frame points whose depth is the toolbox's 8 m clamp."""
    return cam[np.abs(cam[:, 2] - TOOLBOX_CLAMP_M) > 1e-4]


def rq(m):
    """m = K @ C with K upper triangular (positive diagonal) and C a rotation."""
    p = np.flipud(np.eye(3))
    q, r = np.linalg.qr((p @ m).T)
    k = p @ r.T @ p
    c = p @ q.T
    s = np.diag(np.sign(np.diag(k)))
    k, c = k @ s, s @ c
    if np.linalg.det(c) < 0:
        raise ValueError("depth2img does not decompose into K and a rotation")
    return k / k[2, 2], c


def image_size(path):
    """(width, height) of an image file, closing it."""
    with Image.open(path) as im:
        return im.size


def sun_depth_png(path):
    """SUN RGB-D depth PNG to meters: the 16-bit value is rotated right by 3 bits (toolbox
    read3dPoints: bitor(bitshift(d, -3), bitshift(d, 16 - 3))), millimetres; 0 = invalid."""
    d = np.asarray(Image.open(path)).astype(np.uint32)
    d = ((d >> 3) | (d << 13)) & 0xFFFF
    return d.astype(np.float64) / 1000.0


class Frame:
    def __init__(self, frame_id, color_path, k, width, height, rtilt, depth, boxes, points_note):
        self.frame_id = frame_id
        self.color_path = color_path
        self.k = k
        self.width = width
        self.height = height
        self.rtilt = orthonormal(rtilt)
        self.depth = depth
        self.boxes = boxes
        self.points_note = points_note


def from_trainval(root, frame_id, splat_radius):
    rtilt, k = read_calib(os.path.join(root, "calib", frame_id + ".txt"))
    c = upright_to_camera(orthonormal(rtilt))
    img = os.path.join(root, "image", frame_id + ".jpg")
    if not os.path.exists(img):
        img = os.path.join(root, "images", frame_id + ".jpg")  # imvotenet's demo folder
    w, h = image_size(img)
    pts = rt.read_mat_v5(os.path.join(root, "depth", frame_id + ".mat"))
    if len(pts) != 1:
        raise ValueError("expected one matrix in depth/%s.mat, found %s" % (frame_id, list(pts)))
    up_pts = next(iter(pts.values()))[:, :3]
    cam = unclamped(up_pts @ c.T)
    k = zero_based(k)
    depth = rt.splat_depth(cam, k[0, 0], k[1, 1], k[0, 2], k[1, 2], w, h, splat_radius)
    label = os.path.join(root, "label", frame_id + ".txt")
    boxes = read_label(label, c) if os.path.exists(label) else []
    note = ("depth from %d upright points (every valid pixel but the 8 m clamp) projected with Rtilt "
            "and K, %dx%d pixels each" % (len(cam), 2 * splat_radius + 1, 2 * splat_radius + 1))
    return Frame("sunrgbd_" + frame_id, img, k, w, h, rtilt, depth, boxes, note)


def from_mmdet3d_demo(pkl, splat_radius):
    with open(pkl, "rb") as f:
        info = pickle.load(f)["data_list"][0]
    cam0 = info["images"]["CAM0"]
    k, c = rq(np.array(cam0["depth2img"], dtype=np.float64))
    k = zero_based(np.round(k, 3))
    rtilt = (G @ c).T  # C = G^T Rtilt^T
    base = os.path.dirname(pkl)
    img = os.path.join(base, cam0["img_path"])
    w, h = image_size(img)
    if (w, h) != (cam0["width"], cam0["height"]):
        raise ValueError("%s is %dx%d, the info says %dx%d" % (img, w, h, cam0["width"], cam0["height"]))
    up_pts = np.fromfile(os.path.join(base, info["lidar_points"]["lidar_path"]), dtype=np.float32)
    up_pts = up_pts.reshape(-1, info["lidar_points"]["num_pts_feats"])[:, :3].astype(np.float64)
    cam = unclamped(up_pts @ orthonormal(c).T)
    depth = rt.splat_depth(cam, k[0, 0], k[1, 1], k[0, 2], k[1, 2], w, h, splat_radius)
    boxes = []
    for inst in info["instances"]:
        b = inst["bbox_3d"]
        boxes.append(box_from_upright(MMDET3D_CLASSES[inst["bbox_label_3d"]], b[0:3], b[3:6], b[6],
                                      orthonormal(c)))
    frame_id = "sunrgbd_" + os.path.splitext(cam0["img_path"])[0]
    note = ("depth from %d subsampled upright points projected with K and C from depth2img, each "
            "splatted over %dx%d pixels, nearest first" % (len(cam), 2 * splat_radius + 1,
                                                           2 * splat_radius + 1))
    return Frame(frame_id, img, k, w, h, rtilt, depth, boxes, note)


def from_raw(frame_dir, annotation=None):
    k = zero_based(np.loadtxt(os.path.join(frame_dir, "intrinsics.txt")).reshape(3, 3))
    ext = sorted(glob.glob(os.path.join(frame_dir, "extrinsics", "*.txt")))
    if not ext:
        raise ValueError("%s has no extrinsics/*.txt (Rtilt)" % frame_dir)
    rtilt = np.loadtxt(ext[-1])[:, :3]  # the newest annotation's Rtilt, as the toolbox reads it
    imgs = sorted(glob.glob(os.path.join(frame_dir, "image", "*.jpg")))
    deps = sorted(glob.glob(os.path.join(frame_dir, "depth", "*.png")))
    if len(imgs) != 1 or len(deps) != 1:
        raise ValueError("%s: expected one image/*.jpg and one depth/*.png" % frame_dir)
    w, h = image_size(imgs[0])
    depth = sun_depth_png(deps[0])
    if depth.shape != (h, w):
        raise ValueError("%s: depth %r and image %r differ in size" % (frame_dir, depth.shape, (h, w)))
    note = "raw sensor depth (SUN RGB-D depth/, not the hole-filled depth_bfx/)"
    if annotation is None:
        own = os.path.join(frame_dir, "annotation3Dfinal", "index.json")
        annotation = own if os.path.exists(own) else None
    boxes = []
    if annotation is not None:
        boxes, skipped = read_annotation3d(annotation, os.path.basename(imgs[0]), os.path.basename(ext[-1]),
                                           upright_to_camera(orthonormal(rtilt)))
        note += "; boxes from %s (left out: %s)" % (annotation, skipped or "none")
    return Frame("sunrgbd_" + os.path.basename(os.path.normpath(frame_dir)), imgs[0], k, w, h, rtilt,
                 depth, boxes, note)


def check_intrinsics(out_dir, k, w, h):
    path = os.path.join(out_dir, "intrinsics.json")
    want = {"fx": float(k[0, 0]), "fy": float(k[1, 1]), "cx": float(k[0, 2]), "cy": float(k[1, 2]),
            "width": w, "height": h}
    if os.path.exists(path):
        with open(path) as f:
            have = json.load(f)
        for key, v in want.items():
            if abs(have[key] - v) > 1e-3:
                raise ValueError("%s has %s = %s but this frame needs %s: one camera per folder"
                                 % (path, key, have[key], v))
    else:
        rt.write_intrinsics(out_dir, want["fx"], want["fy"], want["cx"], want["cy"], w, h, DEPTH_SCALE)


def write(frame, out_dir):
    k = frame.k
    fx, fy, cx, cy = k[0, 0], k[1, 1], k[0, 2], k[1, 2]
    os.makedirs(out_dir, exist_ok=True)
    check_intrinsics(out_dir, k, frame.width, frame.height)
    c = upright_to_camera(frame.rtilt)
    up = c @ np.array([0.0, 0.0, 1.0])
    height, below, tilt = rt.estimate_floor_height(frame.depth, fx, fy, cx, cy, up)
    floor = None
    visible = False
    if height is not None and 0.3 <= height <= 2.5:
        floor = {"normal": up, "d": height}
        visible = rt.floor_fraction(frame.depth, fx, fy, cx, cy, up, height) >= rt.FLOOR_VISIBLE_FRACTION
    labels, counts, objects, captions = None, [], [], {}
    if frame.boxes:
        labels, counts = rt.render_labels(frame.depth, fx, fy, cx, cy, frame.boxes, up)
        # ids in the image stay 1..N; a box without pixels is in the truth with label 0
        for i, (b, n) in enumerate(zip(frame.boxes, counts)):
            objects.append(b.truth(i + 1 if n > 0 else 0))
            if n > 0:
                captions[i + 1] = b.name
    truth = {"up": up, "floor": floor, "floor_visible": bool(visible), "objects": objects}
    pose = {"rtilt": frame.rtilt}
    with open(frame.color_path, "rb") as f:
        color = f.read()
    rt.write_frame(out_dir, frame.frame_id, None, frame.depth, DEPTH_SCALE, labels, captions, truth,
                   pose, color_ext=".jpg", color_bytes=color)
    return {"id": frame.frame_id, "depth": frame.points_note,
            "valid_depth": float(np.count_nonzero(frame.depth > 0)) / frame.depth.size,
            "camera_height_estimated": height, "points_far_below_floor": below,
            "depth_floor_vs_up_deg": tilt,
            "floor_visible": visible,
            "objects": {b.name: n for b, n in zip(frame.boxes, counts)}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--trainval", metavar="DIR", help="a sunrgbd_trainval folder (with --id)")
    src.add_argument("--mmdet3d-demo", metavar="PKL", help="mmdetection3d's sunrgbd_*_infos.pkl")
    src.add_argument("--raw", metavar="FRAME_DIR", help="a raw SUN RGB-D frame folder")
    ap.add_argument("--id", help="frame id in the sunrgbd_trainval folder, e.g. 000001")
    ap.add_argument("--annotation3d", metavar="JSON",
                    help="with --raw: the frame's annotation3Dfinal/index.json kept elsewhere (default: "
                         "the frame folder's own, when it has one)")
    ap.add_argument("--out", required=True, help="output folder (one camera per folder)")
    ap.add_argument("--splat-radius", type=int,
                    help="pixels each projected point covers on each side (default: 0 for --trainval,"
                         " whose points are every valid pixel; 1 (3x3) for the subsampled --mmdet3d-demo)")
    a = ap.parse_args(argv)
    if a.annotation3d and not a.raw:
        ap.error("--annotation3d goes with --raw")
    if a.trainval:
        if not a.id:
            ap.error("--trainval needs --id")
        frame = from_trainval(a.trainval, a.id, 0 if a.splat_radius is None else a.splat_radius)
    elif a.mmdet3d_demo:
        frame = from_mmdet3d_demo(a.mmdet3d_demo, 1 if a.splat_radius is None else a.splat_radius)
    else:
        frame = from_raw(a.raw, a.annotation3d)
    print(json.dumps(rt.rounded(write(frame, a.out), 4)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
