#!/usr/bin/env python3
"""Copies a converted RGB-D truth folder (layout v1) with its depth made to look like a monocular depth
network's: real geometry and real ground truth, the depth a network would give. Used to check the
engine's smeared-depth path (ramps, `Ramps` in datagen) on real scenes, where the synthetic audit's
noise model is all it otherwise sees.

Two steps, as the synthetic `monocular` noise model does them (`NoiseModel.MonocularDepth`):
  1. holes filled: every pixel without depth takes the depth of the nearest pixel with one (a network
     leaves no holes; a Kinect leaves 13-38% on these frames);
  2. ramps: where a pixel's (2r+1) x (2r+1) window spans a depth step of more than 0.1 m, its depth
     becomes the window's mean, so every edge turns into a ramp about 2r pixels wide (default r = 4).
No scale error and no warp are added: the truth stays in the depth's metres, and what the audit reports
is what the ramps and the engine's handling of them do. Everything else (colour, labels, truth, pose,
intrinsics) is copied unchanged.

Usage: smear_depth.py IN_FOLDER OUT_FOLDER [--half-width R]
"""

import argparse
import json
import os
import shutil
import sys

import numpy as np
from PIL import Image
from scipy import ndimage

STEP_METERS = 0.1


def smear(depth_m, half_width):
    """The depth (metres, 0 where unknown) filled and smeared as described above."""
    valid = depth_m > 0
    if not valid.any():
        raise ValueError("a depth map without a single valid pixel")
    nearest = ndimage.distance_transform_edt(~valid, return_distances=False, return_indices=True)
    filled = depth_m[tuple(nearest)]
    size = 2 * half_width + 1
    mean = ndimage.uniform_filter(filled, size=size, mode="nearest")
    span = ndimage.maximum_filter(filled, size=size, mode="nearest") - ndimage.minimum_filter(
        filled, size=size, mode="nearest")
    return np.where(span > STEP_METERS, mean, filled)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--half-width", type=int, default=4, help="ramp half-width r, pixels (default 4)")
    args = parser.parse_args(argv)
    if args.half_width < 1 or args.half_width > 16:
        sys.exit("Invalid --half-width %d (pixels, must be in [1, 16])" % args.half_width)
    if os.path.exists(args.output):
        sys.exit("Output folder %s exists; remove it first" % args.output)
    with open(os.path.join(args.input, "intrinsics.json")) as f:
        scale = float(json.load(f)["depth_scale"])
    shutil.copytree(args.input, args.output)
    frames = 0
    for name in sorted(os.listdir(args.output)):
        if not name.endswith(".depth.png"):
            continue
        path = os.path.join(args.output, name)
        raw = np.array(Image.open(path)).astype(np.float64)
        smeared = smear(raw / scale, args.half_width)
        out = np.clip(np.round(smeared * scale), 0, 65535).astype(np.uint16)
        Image.fromarray(out).save(path)
        frames += 1
        print("%s: %.1f%% of the pixels had no depth" % (name, 100.0 * (raw == 0).mean()))
    print("%d depth maps smeared into %s" % (frames, args.output))


if __name__ == "__main__":
    main(sys.argv[1:])
