#!/usr/bin/env python3
"""Crops every frame of a converted RGB-D truth folder (layout v1) to one pixel window, writing a
new folder: a narrower camera looking the same way. Used to make real frames that do not show the
floor (the top of a room view) from frames that do, with the same exact ground truth.

The camera frame does not change, so up, the floor plane and the 3D boxes are copied unchanged;
intrinsics keep fx, fy and shift the principal point by the window's corner (cx - x0, cy - y0).
floor_visible is decided again from the cropped depth (>= 2% of the window's pixels within 5 cm of
the floor plane). Labels keep their ids; an object left without pixels keeps its box with label 0,
and only the ids still present get captions. The colour image is written as PNG (no second JPEG
loss).
"""

import argparse
import glob
import json
import os
import sys

import numpy as np
from PIL import Image

import rgbdtruth as rt


def crop_frame(in_dir, out_dir, fid, box, intr):
    x0, y0, w, h = box
    win = (x0, y0, x0 + w, y0 + h)
    color = Image.open(glob.glob(os.path.join(in_dir, fid + ".color.*"))[0]).convert("RGB").crop(win)
    scale = float(intr["depth_scale"])
    depth = rt.read_depth_png(os.path.join(in_dir, fid + ".depth.png"), scale)[y0:y0 + h, x0:x0 + w]
    fx, fy = float(intr["fx"]), float(intr["fy"])
    cx, cy = float(intr["cx"]) - x0, float(intr["cy"]) - y0
    labels, captions = None, {}
    lp = os.path.join(in_dir, fid + ".labels.png")
    if os.path.exists(lp):
        labels = np.asarray(Image.open(lp)).astype(np.int64)[y0:y0 + h, x0:x0 + w]
        with open(os.path.join(in_dir, fid + ".objects.json"), encoding="utf-8") as f:
            all_captions = json.load(f)
        present = set(np.unique(labels).tolist()) - {0}
        captions = {i: all_captions[str(i)] for i in sorted(present)}
    with open(os.path.join(in_dir, fid + ".truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    if truth.get("floor") is not None:
        fl = truth["floor"]
        frac = rt.floor_fraction(depth, fx, fy, cx, cy, fl["normal"], float(fl["d"]))
        truth["floor_visible"] = frac >= rt.FLOOR_VISIBLE_FRACTION
    else:
        frac = None
    for o in truth.get("objects", []):
        if labels is not None and o.get("label", 0) and o["label"] not in captions:
            o["label"] = 0
    pose = None
    pp = os.path.join(in_dir, fid + ".pose.json")
    if os.path.exists(pp):
        with open(pp, encoding="utf-8") as f:
            pose = json.load(f)
    rt.write_frame(out_dir, fid, color, depth, scale, labels, captions, truth, pose)
    return {"id": fid, "floor_pixels": frac, "floor_visible": truth["floor_visible"],
            "labels": sorted(captions)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="a converted folder")
    ap.add_argument("output", help="the folder of cropped frames (created)")
    ap.add_argument("--box", nargs=4, type=int, required=True, metavar=("X0", "Y0", "W", "H"),
                    help="the window, pixels: left column, top row, width, height")
    ap.add_argument("--only-without-floor", action="store_true",
                    help="keep only the frames whose crop does not show the floor")
    a = ap.parse_args(argv)
    with open(os.path.join(a.input, "intrinsics.json"), encoding="utf-8") as f:
        intr = json.load(f)
    x0, y0, w, h = a.box
    if x0 < 0 or y0 < 0 or w <= 0 or h <= 0 or x0 + w > intr["width"] or y0 + h > intr["height"]:
        ap.error("--box %r does not fit a %dx%d image" % (a.box, intr["width"], intr["height"]))
    if os.path.exists(os.path.join(a.output, "intrinsics.json")):
        ap.error("%s already holds a folder: choose a new one" % a.output)
    os.makedirs(a.output, exist_ok=True)
    rt.write_intrinsics(a.output, intr["fx"], intr["fy"], intr["cx"] - x0, intr["cy"] - y0, w, h,
                        intr["depth_scale"])
    ids = sorted({os.path.basename(p).split(".color.")[0] for p in glob.glob(os.path.join(a.input, "*.color.*"))})
    for fid in ids:
        if not os.path.exists(os.path.join(a.input, fid + ".truth.json")):
            continue
        r = crop_frame(a.input, a.output, fid, a.box, intr)
        if a.only_without_floor and r["floor_visible"]:
            for p in glob.glob(os.path.join(a.output, fid + ".*")):
                os.remove(p)
            r["dropped"] = "shows the floor"
        print(json.dumps(rt.rounded(r, 4)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
