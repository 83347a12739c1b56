#!/usr/bin/env python3
"""Converts the TUM, NYU and SUN RGB-D sample frames that Open3D once shipped as test data
(examples/test_data/RGBD/other_formats in isl-org/Open3D, removed in 2022) into spatialvlm4j
RGB-D folders, one per data set, without labels:

    OUT/tum/intrinsics.json, OUT/tum/tum.color.png, OUT/tum/tum.depth.png   (and nyu/, sun/)

Depth is written as 16-bit PNG in millimetres (depth_scale 1000):
  TUM  16-bit PNG, 5000 units per meter;
  NYU  raw Kinect disparity d (16-bit PGM, little-endian, 2047 = no return), meters = 351.3 / (1092.5 - d),
       as Open3D's NYU reader converts it;
  SUN  16-bit PNG with the bits rotated right by 3, millimetres after rotation.
Intrinsics are the PrimeSense defaults Open3D uses for these frames (fx = fy = 525, cx = 319.5,
cy = 239.5, 640x480); the true calibrations differ by a few percent. The frames are not part of
spatialvlm4j: take them from Open3D's history yourself and keep them out of the repository.

    python3 scripts/open3d_rgbd_samples.py --input OTHER_FORMATS_DIR --out OUT

Needs Pillow and NumPy (Debian: python3-pil, python3-numpy).
"""
import argparse
import json
import os

import numpy as np
from PIL import Image

INTRINSICS = {"fx": 525.0, "fy": 525.0, "cx": 319.5, "cy": 239.5, "width": 640, "height": 480,
              "depth_scale": 1000}


def read_pgm16(path):
    with open(path, "rb") as f:
        data = f.read()
    tokens = []
    pos = 0
    while len(tokens) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        tokens.append(data[pos:end])
        pos = end
    pos += 1  # the single whitespace after maxval
    if tokens[0] != b"P5" or int(tokens[3]) <= 255:
        raise SystemExit("%s: expected a 16-bit binary PGM (P5, maxval > 255), got %s" % (path, tokens))
    w, h = int(tokens[1]), int(tokens[2])
    # Open3D's sample stores the Kinect's raw values little-endian, against the PGM convention.
    return np.frombuffer(data[pos:pos + 2 * w * h], dtype="<u2").reshape(h, w)


def write(out, name, color, meters):
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "intrinsics.json"), "w") as f:
        json.dump(INTRINSICS, f)
        f.write("\n")
    color.convert("RGB").save(os.path.join(folder, name + ".color.png"))
    mm = np.where(np.isfinite(meters) & (meters > 0) & (meters < 65.535), np.round(meters * 1000), 0)
    Image.fromarray(mm.astype(np.uint16)).save(os.path.join(folder, name + ".depth.png"))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--input", required=True, help="folder with TUM_*, NYU_*, SUN_* sample files")
    p.add_argument("--out", required=True, help="output root: one RGB-D folder per data set")
    a = p.parse_args()
    src = a.input

    tum = np.array(Image.open(os.path.join(src, "TUM_depth.png")), dtype=np.float64) / 5000.0
    write(a.out, "tum", Image.open(os.path.join(src, "TUM_color.png")), tum)

    d = read_pgm16(os.path.join(src, "NYU_depth.pgm")).astype(np.float64)
    with np.errstate(divide="ignore"):
        nyu = np.where(d < 2047, 351.3 / (1092.5 - d), 0.0)
    nyu[(nyu < 0.3) | (nyu > 10)] = 0
    write(a.out, "nyu", Image.open(os.path.join(src, "NYU_color.ppm")), nyu)

    raw = np.array(Image.open(os.path.join(src, "SUN_depth.png")), dtype=np.uint32)
    sun = ((raw >> 3) | ((raw << 13) & 0xFFFF)).astype(np.float64) / 1000.0
    sun[sun > 10] = 0
    write(a.out, "sun", Image.open(os.path.join(src, "SUN_color.jpg")), sun)


if __name__ == "__main__":
    main()
