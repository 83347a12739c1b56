"""Shared helpers for the real-data converters: the RGB-D truth folder layout (v1), boxes, depth
splatting, instance-label rendering, floor-height estimation and a MATLAB v5 reader.

Frames: the camera frame is x right, y down, z forward, meters (the engine's convention).
Only numpy and Pillow are needed.
"""

import json
import math
import os
import re
import struct
import zlib

import numpy as np
from PIL import Image

# A frame shows the floor when at least this fraction of its pixels lies on the floor plane
# (layout v1: "enough to fit a plane: >= 2% of the image").
FLOOR_VISIBLE_FRACTION = 0.02
# A pixel lies on the floor plane when its point is within this distance of it, meters.
FLOOR_TOLERANCE_M = 0.05
# Depth beyond this is not used to decide floor visibility (sensor noise grows with range), meters.
FLOOR_MAX_RANGE_M = 6.0


# ----------------------------------------------------------------------------------------------
# Folder layout writers
# ----------------------------------------------------------------------------------------------

def rounded(x, digits=6):
    """Plain Python numbers (in nested dicts and lists) rounded for stable, readable JSON."""
    if isinstance(x, np.ndarray):
        x = x.tolist()
    if isinstance(x, dict):
        return {k: rounded(v, digits) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [rounded(v, digits) for v in x]
    if isinstance(x, (float, np.floating)):
        v = round(float(x), digits)
        return 0.0 if v == 0 else v
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, np.bool_):
        return bool(x)
    return x


_NUMBER_LIST = re.compile(r"\[[-0-9.eE,\s]*\]")


def write_json(path, obj):
    """Indented JSON with every list of plain numbers on one line."""
    text = json.dumps(rounded(obj), indent=1)
    text = _NUMBER_LIST.sub(lambda m: "[" + ", ".join(v.strip() for v in m.group(0)[1:-1].split(",")
                                                     if v.strip()) + "]", text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def write_intrinsics(out_dir, fx, fy, cx, cy, width, height, depth_scale):
    """DIR/intrinsics.json: pixels for the images' size; depth_scale in units per meter."""
    write_json(os.path.join(out_dir, "intrinsics.json"),
               {"fx": fx, "fy": fy, "cx": cx, "cy": cy, "width": int(width), "height": int(height),
                "depth_scale": depth_scale})


def write_depth_png(path, depth_m, depth_scale):
    """16-bit depth PNG, value = meters * depth_scale, 0 = invalid (NaN, <= 0 or beyond 16 bits)."""
    d = np.nan_to_num(np.asarray(depth_m, dtype=np.float64), nan=0.0)
    v = np.rint(d * depth_scale)
    v[(d <= 0) | (v > 65535)] = 0
    Image.fromarray(v.astype(np.uint16)).save(path)


def read_depth_png(path, depth_scale):
    """Meters from a 16-bit depth PNG (0 stays 0 = invalid)."""
    return np.asarray(Image.open(path), dtype=np.float64) / depth_scale


def write_labels_png(path, labels):
    """Instance ids, 8-bit when they fit, else 16-bit; 0 = none."""
    labels = np.asarray(labels)
    if labels.max(initial=0) < 256:
        Image.fromarray(labels.astype(np.uint8)).save(path)
    else:
        Image.fromarray(labels.astype(np.uint16)).save(path)


def write_frame(out_dir, frame_id, color, depth_m, depth_scale, labels, captions, truth, pose,
                color_ext=".jpg", color_bytes=None):
    """Writes one frame of the layout. color: a PIL image (re-encoded as PNG) unless color_bytes
    (the original JPEG/PNG bytes, copied unchanged) is given."""
    base = os.path.join(out_dir, frame_id)
    if color_bytes is not None:
        with open(base + ".color" + color_ext, "wb") as f:
            f.write(color_bytes)
    else:
        color.save(base + ".color.png")
    write_depth_png(base + ".depth.png", depth_m, depth_scale)
    if labels is not None:
        write_labels_png(base + ".labels.png", labels)
        write_json(base + ".objects.json", {str(k): v for k, v in sorted(captions.items())})
    if pose is not None:
        write_json(base + ".pose.json", pose)
    write_json(base + ".truth.json", truth)


# ----------------------------------------------------------------------------------------------
# Geometry
# ----------------------------------------------------------------------------------------------

def unit(v):
    v = np.asarray(v, dtype=np.float64)
    n = np.linalg.norm(v)
    if not n > 0:
        raise ValueError("zero vector: %r" % (v,))
    return v / n


def angle_deg(a, b):
    c = float(np.clip(np.dot(unit(a), unit(b)), -1.0, 1.0))
    return math.degrees(math.acos(c))


def backproject(depth_m, fx, fy, cx, cy):
    """Camera-frame points (H, W, 3) of a depth image; invalid pixels get z = 0."""
    h, w = depth_m.shape
    u, v = np.meshgrid(np.arange(w, dtype=np.float64), np.arange(h, dtype=np.float64))
    z = np.where(depth_m > 0, depth_m, 0.0)
    return np.stack([(u - cx) * z / fx, (v - cy) * z / fy, z], axis=-1)


def project(points, fx, fy, cx, cy):
    """Pixel coordinates (N, 2) of camera-frame points (N, 3) (z must be > 0)."""
    p = np.asarray(points, dtype=np.float64)
    return np.stack([fx * p[:, 0] / p[:, 2] + cx, fy * p[:, 1] / p[:, 2] + cy], axis=1)


def splat_depth(points, fx, fy, cx, cy, width, height, radius):
    """Depth image (meters, 0 = none) from camera-frame points: each point covers the
    (2*radius+1)^2 pixels around its projection; the nearest point wins (z-buffer)."""
    p = np.asarray(points, dtype=np.float64)
    p = p[p[:, 2] > 0.05]
    uv = project(p, fx, fy, cx, cy)
    u0 = np.rint(uv[:, 0]).astype(np.int64)  # pixel (u, v) is centred on integer coordinates
    v0 = np.rint(uv[:, 1]).astype(np.int64)
    buf = np.full(width * height, np.inf)
    for dv in range(-radius, radius + 1):
        for du in range(-radius, radius + 1):
            u = u0 + du
            v = v0 + dv
            ok = (u >= 0) & (u < width) & (v >= 0) & (v < height)
            np.minimum.at(buf, v[ok] * width + u[ok], p[ok, 2])
    buf[~np.isfinite(buf)] = 0.0
    return buf.reshape(height, width)


class Box:
    """An oriented 3D box in the camera frame: centre (3,), full side lengths size (3,) along the
    columns of rotation (3x3, the box's axes in the camera frame)."""

    def __init__(self, name, center, size, rotation):
        self.name = name
        self.center = np.asarray(center, dtype=np.float64)
        self.size = np.asarray(size, dtype=np.float64)
        self.rotation = np.asarray(rotation, dtype=np.float64)
        if self.center.shape != (3,) or self.size.shape != (3,) or self.rotation.shape != (3, 3):
            raise ValueError("bad box shapes for %s" % name)
        if not np.all(self.size > 0):
            raise ValueError("box %s has a non-positive size %r" % (name, self.size.tolist()))
        if not np.allclose(self.rotation.T @ self.rotation, np.eye(3), atol=1e-4):
            raise ValueError("box %s rotation is not orthonormal" % name)

    def volume(self):
        return float(np.prod(self.size))

    def corners(self):
        """(8, 3) corners, camera frame."""
        signs = np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)],
                         dtype=np.float64)
        return self.center + (signs * (self.size / 2)) @ self.rotation.T

    def local(self, points):
        """Points (N, 3) in the box's own frame (origin at the centre, axes = rotation columns)."""
        return (np.asarray(points, dtype=np.float64) - self.center) @ self.rotation

    def truth(self, label):
        return {"label": int(label), "name": self.name, "center": self.center,
                "size": self.size, "rotation": self.rotation}


def inside_box(box, points, up, margin, floor_clearance):
    """Which points (N, 3) lie in the box grown by margin (meters) on every side, except that a
    point must be at least floor_clearance above the box's lowest point along up (so the support
    surface under the box is not taken as the object)."""
    loc = box.local(points)
    half = box.size / 2 + margin
    ok = np.all(np.abs(loc) <= half, axis=1)
    corners = box.corners()
    bottom = float(np.min(corners @ up))
    return ok & ((np.asarray(points) @ up) >= bottom + floor_clearance)


def render_labels(depth_m, fx, fy, cx, cy, boxes, up, margin=0.02, floor_clearance=0.02):
    """Instance labels from 3D boxes and depth: a pixel takes the smallest box (by volume) that
    contains its point; boxes get ids 1..N in their given order. Returns (labels, pixel counts)."""
    pts = backproject(depth_m, fx, fy, cx, cy).reshape(-1, 3)
    valid = depth_m.reshape(-1) > 0
    labels = np.zeros(pts.shape[0], dtype=np.int32)
    best = np.full(pts.shape[0], np.inf)
    for i, b in enumerate(boxes):
        ins = valid & inside_box(b, pts, up, margin, floor_clearance)
        better = ins & (b.volume() < best)
        labels[better] = i + 1
        best[better] = b.volume()
    labels = labels.reshape(depth_m.shape)
    counts = [int(np.count_nonzero(labels == i + 1)) for i in range(len(boxes))]
    return labels, counts


def floor_fraction(depth_m, fx, fy, cx, cy, up, d):
    """Fraction of the image's pixels whose point (within FLOOR_MAX_RANGE_M) lies within
    FLOOR_TOLERANCE_M of the plane up.p + d = 0."""
    pts = backproject(depth_m, fx, fy, cx, cy).reshape(-1, 3)
    z = depth_m.reshape(-1)
    ok = (z > 0) & (z <= FLOOR_MAX_RANGE_M)
    dist = np.abs(pts[ok] @ unit(up) + d)
    return float(np.count_nonzero(dist <= FLOOR_TOLERANCE_M)) / depth_m.size


def fit_plane(points):
    """Least-squares plane through points (N, 3): (unit normal, centroid)."""
    c = points.mean(axis=0)
    _, v = np.linalg.eigh((points - c).T @ (points - c))
    return v[:, 0], c


def estimate_floor_height(depth_m, fx, fy, cx, cy, up, min_fraction=FLOOR_VISIBLE_FRACTION):
    """Camera height above the floor, meters, estimated from the depth given the exact up
    direction (camera frame).

    The floor is first the lowest horizontal layer (2 cm bins along up) holding at least
    min_fraction of the image's pixels. A plane is then fitted to the points near it (free normal,
    refitted to the points within 3 cm of it until it moves less than 0.01 degree, at most 20
    times), so that a floor seen slightly tilted in the
    depth (sensor distortion, an uneven floor) is followed over its whole extent; the height is the
    median height along up of that plane's points. Returns (height, fraction of points more than
    10 cm below it, angle in degrees between the fitted plane's normal and up), or (None, None, None)
    when no layer is large enough."""
    up = unit(up)
    pts = backproject(depth_m, fx, fy, cx, cy).reshape(-1, 3)
    z = depth_m.reshape(-1)
    pts = pts[(z > 0) & (z <= FLOOR_MAX_RANGE_M)]
    if pts.shape[0] == 0:
        return None, None, None
    h = pts @ up  # height along up relative to the camera (negative below it)
    bins = np.floor(h / 0.02).astype(np.int64)
    lo = bins.min()
    counts = np.bincount(bins - lo)
    need = min_fraction * depth_m.size
    # a layer is a bin plus its two neighbours (a tilted or noisy floor spreads over a few bins)
    layer = counts + np.concatenate([[0], counts[:-1]]) + np.concatenate([counts[1:], [0]])
    idx = np.nonzero(layer >= need)[0]
    if idx.size == 0:
        return None, None, None
    centre = (idx[0] + lo + 0.5) * 0.02
    on = np.abs(h - centre) <= FLOOR_TOLERANCE_M
    n = up
    for _ in range(20):
        n_new, c = fit_plane(pts[on])
        n_new = n_new if n_new @ up > 0 else -n_new
        on = np.abs((pts - c) @ n_new) <= 0.03
        converged = angle_deg(n_new, n) < 0.01
        n = n_new
        if converged:
            break
    floor_h = float(np.median(h[on]))
    below = float(np.count_nonzero(h < floor_h - 0.10)) / h.size
    return -floor_h, below, angle_deg(n, up)


# ----------------------------------------------------------------------------------------------
# MATLAB v5 .mat reader (numeric matrices only; what SUN RGB-D's extracted clouds use)
# ----------------------------------------------------------------------------------------------

_MI = {1: np.int8, 2: np.uint8, 3: np.int16, 4: np.uint16, 5: np.int32, 6: np.uint32,
       7: np.float32, 9: np.float64, 12: np.int64, 13: np.uint64}


def _elements(buf):
    off = 0
    while off + 8 <= len(buf):
        typ, size = struct.unpack("<II", buf[off:off + 8])
        if typ >> 16:  # small data element: size in the upper half, data in the next 4 bytes
            size, typ = typ >> 16, typ & 0xFFFF
            yield typ, buf[off + 4:off + 4 + size]
            off += 8
            continue
        yield typ, buf[off + 8:off + 8 + size]
        off += 8 + size
        off = (off + 7) // 8 * 8


def read_mat_v5(path):
    """{name: ndarray} for the numeric (real) matrices of a MATLAB level-5 MAT-file."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 128 or not data[:6] == b"MATLAB":
        raise ValueError("%s: not a MATLAB 5.0 MAT-file" % path)
    if data[126:128] != b"IM":
        raise ValueError("%s: big-endian MAT-files are not supported" % path)
    out = {}
    for typ, payload in _elements(data[128:]):
        if typ == 15:  # miCOMPRESSED
            inner = zlib.decompress(payload)
            typ, payload = next(_elements(inner))
        if typ != 14:  # miMATRIX
            continue
        parts = list(_elements(payload))
        flags = struct.unpack("<I", parts[0][1][:4])[0]
        mclass = flags & 0xFF
        if mclass < 6 or flags & 0x800:  # not numeric, or complex
            continue
        dims = np.frombuffer(parts[1][1], dtype=np.int32)
        name = parts[2][1].decode("ascii")
        rtype, rdata = parts[3]
        arr = np.frombuffer(rdata, dtype=_MI[rtype]).astype(np.float64)
        out[name] = arr.reshape(tuple(dims), order="F")
    return out
