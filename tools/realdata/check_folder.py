#!/usr/bin/env python3
"""Validates a converted RGB-D truth folder (layout v1) and, with --overlays, draws each frame's
ground truth on its image for a look by eye.

Checks, per frame (a failure is printed with the frame id and the bad value; the exit status is 1
when any check fails):
  - intrinsics.json has fx, fy, cx, cy, width, height, depth_scale; colour, depth and labels images
    have its size; depth is 16-bit; labels are 8- or 16-bit;
  - every id in <id>.labels.png has a caption in <id>.objects.json and, when the truth lists
    objects, a truth object with that label;
  - truth.up is a unit vector; floor.normal is a unit vector within 0.5 degrees of up and d > 0;
    a pose.json / <id>.pose.json gives the same up as the truth (within 0.1 degrees);
  - every box has positive sizes and an orthonormal rotation; the labelled pixels of an object lie
    inside its projected box: >= 99% of them within 1.5 px of the convex hull of the corners of the
    box grown by --margin (the converters label points up to 2 cm outside a box, and splatted depth
    moves a point up to the splat radius); the span of the labelled pixels over the projected box's
    image extent is printed;
  - floor_visible agrees with the depth: the pixels within 5 cm of the floor plane are >= 2% of the
    image exactly when floor_visible is true (only checked when the floor is known).

Overlays (PNG, written to --overlays DIR, which should be outside the repository): the image with
labelled pixels tinted per instance, the projected box edges in the same colour with the name,
floor pixels (within 5 cm of the truth floor) tinted green, and the up direction drawn from the
image centre.
"""

import argparse
import glob
import json
import math
import os
import sys

import numpy as np
from PIL import Image, ImageDraw

import rgbdtruth as rt

PALETTE = [(230, 25, 75), (60, 120, 255), (255, 225, 25), (245, 130, 48), (145, 30, 180),
           (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212), (0, 128, 128),
           (220, 190, 255), (170, 110, 40), (128, 0, 0), (170, 255, 195), (128, 128, 0)]
EDGES = [(0, 1), (2, 3), (4, 5), (6, 7), (0, 2), (1, 3), (4, 6), (5, 7), (0, 4), (1, 5), (2, 6), (3, 7)]


class Report:
    def __init__(self):
        self.failures = []

    def fail(self, frame, msg):
        self.failures.append("%s: %s" % (frame, msg))


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def pose_up(pose):
    """Up in the camera frame from a pose.json object (layout v1)."""
    if "up" in pose:
        return rt.unit(pose["up"])
    if "rtilt" in pose:
        g = np.array([[1.0, 0, 0], [0, 0, 1.0], [0, -1.0, 0]])
        return rt.unit((np.array(pose["rtilt"]) @ g).T @ np.array([0, 0, 1.0]))
    if "camera_to_world" in pose:
        m = np.array(pose["camera_to_world"], dtype=np.float64)[:3, :3]
        return rt.unit(m.T @ np.array(pose.get("world_up", [0, 0, 1.0]), dtype=np.float64))
    raise ValueError("pose has none of up, rtilt, camera_to_world: %r" % list(pose))


def convex_hull(points):
    """Andrew's monotone chain; (M, 2) hull in counter-clockwise order."""
    pts = sorted(set(map(tuple, np.round(points, 6))))
    if len(pts) < 3:
        return np.array(pts)

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])


def distance_outside_hull(hull, pts):
    """Distance (px) of each point outside a convex counter-clockwise hull (0 inside)."""
    d = np.zeros(len(pts))
    for i in range(len(hull)):
        a, b = hull[i], hull[(i + 1) % len(hull)]
        e = b - a
        n = np.array([e[1], -e[0]]) / np.linalg.norm(e)  # outward normal for ccw order
        d = np.maximum(d, (pts - a) @ n)
    return d


def check_frame(d, fid, intr, rep, overlay_dir, folder_pose, margin, slack_px):
    fx, fy, cx, cy = (float(intr[k]) for k in ("fx", "fy", "cx", "cy"))
    w, h, scale = int(intr["width"]), int(intr["height"]), float(intr["depth_scale"])
    colors = [p for p in glob.glob(os.path.join(d, fid + ".color.*"))]
    img = Image.open(colors[0]).convert("RGB")
    if img.size != (w, h):
        rep.fail(fid, "colour image is %dx%d, intrinsics say %dx%d" % (img.size + (w, h)))
    dimg = Image.open(os.path.join(d, fid + ".depth.png"))
    darr = np.asarray(dimg)
    if darr.dtype != np.uint16 and dimg.mode not in ("I;16", "I"):
        rep.fail(fid, "depth is not 16-bit (mode %s)" % dimg.mode)
    if darr.shape != (h, w):
        rep.fail(fid, "depth is %r, intrinsics say %dx%d" % (darr.shape, w, h))
        return None
    depth = darr.astype(np.float64) / scale
    labels = None
    lp = os.path.join(d, fid + ".labels.png")
    captions = {}
    if os.path.exists(lp):
        limg = Image.open(lp)
        if limg.mode not in ("L", "I;16", "I"):
            rep.fail(fid, "labels image mode %s is not 8- or 16-bit grey" % limg.mode)
        labels = np.asarray(limg).astype(np.int64)
        if labels.shape != (h, w):
            rep.fail(fid, "labels are %r, intrinsics say %dx%d" % (labels.shape, w, h))
            labels = None
        captions = load_json(os.path.join(d, fid + ".objects.json"))
    tp = os.path.join(d, fid + ".truth.json")
    truth = load_json(tp) if os.path.exists(tp) else None
    ids = sorted(set(np.unique(labels).tolist()) - {0}) if labels is not None else []
    for i in ids:
        if str(i) not in captions:
            rep.fail(fid, "label %d has no caption in objects.json" % i)
    summary = {"id": fid, "valid_depth": round(float(np.count_nonzero(depth > 0)) / depth.size, 3),
               "labels": len(ids)}
    if truth is None:
        return summary
    up = np.array(truth["up"], dtype=np.float64)
    if abs(np.linalg.norm(up) - 1) > 1e-3:
        rep.fail(fid, "truth up %r is not a unit vector (norm %.5f)" % (up.tolist(), np.linalg.norm(up)))
    up = rt.unit(up)
    pp = os.path.join(d, fid + ".pose.json")
    pose = load_json(pp) if os.path.exists(pp) else folder_pose
    if pose is not None:
        a = rt.angle_deg(pose_up(pose), up)
        summary["pose_vs_truth_up_deg"] = round(a, 4)
        if a > 0.1:
            rep.fail(fid, "pose.json up is %.3f degrees from the truth up" % a)
    floor = truth.get("floor")
    frac = None
    if floor is not None:
        n = np.array(floor["normal"], dtype=np.float64)
        if abs(np.linalg.norm(n) - 1) > 1e-3:
            rep.fail(fid, "floor normal %r is not a unit vector" % n.tolist())
        if rt.angle_deg(n, up) > 0.5:
            rep.fail(fid, "floor normal is %.2f degrees from up" % rt.angle_deg(n, up))
        if not floor["d"] > 0:
            rep.fail(fid, "floor d = %r: the camera must be above the floor" % floor["d"])
        frac = rt.floor_fraction(depth, fx, fy, cx, cy, rt.unit(n), float(floor["d"]))
        summary["floor_pixels"] = round(frac, 4)
        summary["camera_height"] = round(float(floor["d"]), 3)
        if (frac >= rt.FLOOR_VISIBLE_FRACTION) != bool(truth["floor_visible"]):
            rep.fail(fid, "floor_visible is %s but %.2f%% of the pixels lie within %.0f cm of the floor"
                     % (truth["floor_visible"], 100 * frac, 100 * rt.FLOOR_TOLERANCE_M))
    summary["floor_visible"] = bool(truth["floor_visible"])
    objects = truth.get("objects", [])
    by_label = {}
    boxes = []
    for o in objects:
        try:
            b = rt.Box(o["name"], o["center"], o["size"], o["rotation"])
        except ValueError as e:
            rep.fail(fid, str(e))
            continue
        boxes.append((int(o.get("label", 0)), b))
        if int(o.get("label", 0)) > 0:
            by_label[int(o["label"])] = b
    if objects:
        for i in ids:
            if i not in by_label:
                rep.fail(fid, "label %d is in labels.png but no truth object has it" % i)
    fits = []
    for lab, b in boxes:
        if lab == 0 or labels is None:
            continue
        vs, us = np.nonzero(labels == lab)
        if len(us) == 0:
            rep.fail(fid, "truth object %d (%s) has no pixels in labels.png" % (lab, b.name))
            continue
        c = rt.Box(b.name, b.center, b.size + 2 * margin, b.rotation).corners()
        if np.any(c[:, 2] <= 0.05):
            continue  # box reaches behind the camera: its projection is not a convex polygon
        uv = rt.project(c, fx, fy, cx, cy)
        hull = convex_hull(uv)
        out = distance_outside_hull(hull, np.stack([us, vs], axis=1).astype(np.float64))
        inside = float(np.count_nonzero(out <= slack_px)) / len(us)
        # how much of the box's (image-clipped) extent the labelled pixels span
        bx0, by0 = max(uv[:, 0].min(), 0), max(uv[:, 1].min(), 0)
        bx1, by1 = min(uv[:, 0].max(), w - 1), min(uv[:, 1].max(), h - 1)
        span = ((us.max() - us.min() + 1) * (vs.max() - vs.min() + 1)) / max(1.0, (bx1 - bx0 + 1) * (by1 - by0 + 1))
        fits.append((lab, b.name, round(inside, 4), round(float(span), 3), len(us)))
        if inside < 0.99:
            rep.fail(fid, "only %.1f%% of the pixels of label %d (%s) lie inside its projected box"
                     % (100 * inside, lab, b.name))
    summary["objects"] = fits
    if overlay_dir:
        draw_overlay(img, depth, labels, boxes, up, floor, (fx, fy, cx, cy), w, h,
                     os.path.join(overlay_dir, fid + ".png"), fid, truth)
    return summary


def draw_overlay(img, depth, labels, boxes, up, floor, k, w, h, path, fid, truth):
    fx, fy, cx, cy = k
    base = np.asarray(img).astype(np.float64)
    if floor is not None:
        pts = rt.backproject(depth, fx, fy, cx, cy)
        dist = np.abs(pts @ rt.unit(floor["normal"]) + float(floor["d"]))
        on = (depth > 0) & (depth <= rt.FLOOR_MAX_RANGE_M) & (dist <= rt.FLOOR_TOLERANCE_M)
        base[on] = 0.5 * base[on] + 0.5 * np.array([0, 200, 0])
    if labels is not None:
        for lab in sorted(set(np.unique(labels).tolist()) - {0}):
            m = labels == lab
            base[m] = 0.45 * base[m] + 0.55 * np.array(PALETTE[(lab - 1) % len(PALETTE)])
    out = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    dr = ImageDraw.Draw(out)
    for lab, b in boxes:
        col = PALETTE[(lab - 1) % len(PALETTE)] if lab > 0 else (255, 255, 255)
        c = b.corners()
        for i, j in EDGES:
            p, q = c[i], c[j]
            if p[2] < 0.05 and q[2] < 0.05:
                continue
            if p[2] < 0.05 or q[2] < 0.05:  # clip the edge at z = 0.05
                t = (0.05 - p[2]) / (q[2] - p[2])
                r = p + t * (q - p)
                p, q = (r, q) if p[2] < 0.05 else (p, r)
            (u0, v0), (u1, v1) = rt.project(np.stack([p, q]), fx, fy, cx, cy)
            dr.line([(u0, v0), (u1, v1)], fill=col, width=2)
        top = rt.project(c[np.argmin(c @ up)][None], fx, fy, cx, cy)[0] if np.all(c[:, 2] > 0.05) else None
        if top is not None:
            dr.text((top[0] + 3, top[1] - 12), "%d %s" % (lab, b.name), fill=col)
    # up direction: from the image centre, the projection of a 0.3 m step along up at 2 m ahead
    p0 = np.array([0.0, 0.0, 2.0])
    uv = rt.project(np.stack([p0, p0 + 0.3 * up]), fx, fy, cx, cy)
    dr.line([tuple(uv[0]), tuple(uv[1])], fill=(255, 255, 255), width=3)
    dr.text((tuple(uv[1])[0] + 4, tuple(uv[1])[1]), "up", fill=(255, 255, 255))
    txt = "%s  floor_visible=%s" % (fid, truth["floor_visible"])
    if floor is not None:
        txt += "  camera height %.2f m" % float(floor["d"])
    dr.rectangle([0, 0, 8 * len(txt) // 1.3, 14], fill=(0, 0, 0))
    dr.text((3, 2), txt, fill=(255, 255, 255))
    out.save(path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="+", help="converted folders to check")
    ap.add_argument("--overlays", metavar="DIR", help="write one overlay PNG per frame here")
    ap.add_argument("--quiet", action="store_true", help="print failures and totals only")
    ap.add_argument("--margin", type=float, default=0.02,
                    help="meters a labelled point may lie outside its box (default 0.02, the converters')")
    ap.add_argument("--slack", type=float, default=1.5,
                    help="pixels a labelled pixel may lie outside the grown box's projection (default 1.5)")
    a = ap.parse_args(argv)
    rep = Report()
    frames = 0
    for d in a.folder:
        intr = load_json(os.path.join(d, "intrinsics.json"))
        for key in ("fx", "fy", "cx", "cy", "width", "height", "depth_scale"):
            if key not in intr:
                rep.fail(d, "intrinsics.json lacks %s" % key)
        fp = os.path.join(d, "pose.json")
        folder_pose = load_json(fp) if os.path.exists(fp) else None
        odir = None
        if a.overlays:
            odir = os.path.join(a.overlays, os.path.basename(os.path.normpath(d)))
            os.makedirs(odir, exist_ok=True)
        ids = sorted({os.path.basename(p).split(".color.")[0] for p in glob.glob(os.path.join(d, "*.color.*"))})
        for fid in ids:
            s = check_frame(d, fid, intr, rep, odir, folder_pose, a.margin, a.slack)
            frames += 1
            if s is not None and not a.quiet:
                print(json.dumps(s))
    for f in rep.failures:
        print("FAIL " + f)
    print("%d frames checked, %d failures" % (frames, len(rep.failures)))
    return 1 if rep.failures else 0


if __name__ == "__main__":
    sys.exit(main())
