#!/usr/bin/env python3
"""Per-object table of a real-data audit: for every object of a converted folder (layout v1) that the
engine's `audit --source rgbd` measured, the annotators' box, the part of it the depth shows, and
the engine's measure side by side, as Markdown.

    object_table.py FOLDER AUDIT_DIR [--max-hidden 0.1] [--misses]

FOLDER is the converted folder the audit read, AUDIT_DIR its --out folder (objects.jsonl: the
engine's measured and true sizes and hidden outline share per object).

Columns (meters; heights along the truth's up, tops and bottoms above the truth's floor):
  hidden      the audit's occluded outline share (0..1)
  box h/l/s   the box's full height, long and short horizontal sides
  seen top/bottom/l/s
              the labelled points' extent: the 99.5th / 0.5th percentile of their height above
              the floor, and the spread (99.5th - 0.5th percentile) along the box's long and
              short horizontal axes. Labels are rendered from the boxes (tools/realdata/README.md),
              so these are "the points inside the box": what any method could measure from this
              depth, whatever the box claims beyond it.
  measured h/w/d/bottom/top
              the engine's height, major and minor horizontal extents, bottom and top above its
              floor (objects.jsonl "estimated")
  err h/w/d   the audit's relative errors against the box (objects.jsonl)

An object whose engine height is near its seen top - bottom but far from the box height is a limit of
the truth (hidden or unmeasured parts); one far from both is the engine's.
"""

import argparse
import json
import os
import sys

import numpy as np
from PIL import Image

import rgbdtruth as rt

LOW_PERCENTILE = 0.5
HIGH_PERCENTILE = 99.5


def box_axes(box, up):
    """Indices (vertical, long, short) of the box's axes: the one most parallel to up, then the
    other two ordered by the box's side lengths."""
    vertical = int(np.argmax(np.abs(box.rotation.T @ rt.unit(up))))
    a, b = [i for i in range(3) if i != vertical]
    return (vertical, a, b) if box.size[a] >= box.size[b] else (vertical, b, a)


def seen_extents(points, box, up, floor_d):
    """What the points (N, 3), camera frame, show of a box: top and bottom (the 99.5th and 0.5th
    percentile of up.p + floor_d, meters above the floor) and the spread along the box's long and
    short horizontal axes (99.5th minus 0.5th percentile of the points' box-frame coordinates)."""
    p = np.asarray(points, dtype=np.float64)
    if p.ndim != 2 or p.shape[1] != 3 or len(p) == 0:
        raise ValueError("expected a non-empty (N, 3) point array, got shape %r" % (p.shape,))
    lo, hi = LOW_PERCENTILE, HIGH_PERCENTILE
    h = p @ rt.unit(up) + floor_d
    loc = box.local(p)
    _, long_axis, short_axis = box_axes(box, up)

    def spread(v):
        return float(np.percentile(v, hi) - np.percentile(v, lo))

    return {"top": float(np.percentile(h, hi)), "bottom": float(np.percentile(h, lo)),
            "long": spread(loc[:, long_axis]), "short": spread(loc[:, short_axis])}


def box_sides(box, up):
    """(height, long, short): the box's full side along up and its two horizontal sides."""
    return tuple(float(box.size[i]) for i in box_axes(box, up))


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def frame_rows(folder, fid, intr, measured):
    """One row per truth object of frame fid that the audit measured (measured: id -> objects.jsonl
    line)."""
    truth = load_json(os.path.join(folder, fid + ".truth.json"))
    if truth.get("floor") is None:
        raise ValueError("%s has no floor in %s.truth.json: heights above the floor are undefined"
                         % (folder, fid))
    up = np.asarray(truth["up"], dtype=np.float64)
    floor_d = float(truth["floor"]["d"])
    fx, fy, cx, cy = (float(intr[k]) for k in ("fx", "fy", "cx", "cy"))
    depth = rt.read_depth_png(os.path.join(folder, fid + ".depth.png"), float(intr["depth_scale"]))
    with Image.open(os.path.join(folder, fid + ".labels.png")) as im:
        labels = np.asarray(im).astype(np.int64)
    pts = rt.backproject(depth, fx, fy, cx, cy)
    rows = []
    for o in truth["objects"]:
        label = int(o["label"])
        if label == 0 or label not in measured:
            continue
        box = rt.Box(o["name"], o["center"], o["size"], o["rotation"])
        seen = seen_extents(pts[(labels == label) & (depth > 0)], box, up, floor_d)
        h, l, s = box_sides(box, up)
        m = measured[label]
        e = m["estimated"]
        rows.append({"frame": fid, "id": label, "name": o["name"], "hidden": m["occluded_outline"],
                     "box": (h, l, s), "seen": seen,
                     "measured": (e["height"], e["width"], e["depth"], e["bottom"], e["top"]),
                     "errors": (m.get("height_error"), m.get("width_error"), m.get("depth_error"))})
    return rows


def table(folder, audit_dir):
    intr = load_json(os.path.join(folder, "intrinsics.json"))
    by_frame = {}
    with open(os.path.join(audit_dir, "objects.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                by_frame.setdefault(o["frame"], {})[int(o["id"])] = o
    rows = []
    for fid in sorted(by_frame):
        if not os.path.exists(os.path.join(folder, fid + ".labels.png")):
            raise ValueError("%s lists frame %s, which %s has no labels.png for: not the folder the "
                             "audit read" % (audit_dir, fid, folder))
        rows.extend(frame_rows(folder, fid, intr, by_frame[fid]))
    return rows


def is_miss(row, limit=0.1):
    return any(e is not None and e > limit for e in row["errors"])


def markdown(rows):
    def f(v):
        return "-" if v is None else "%.2f" % v

    out = ["| frame | object | hidden | box h / l / s | seen top / bottom / l / s "
           "| measured h / w / d | measured bottom / top | err h / w / d |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        s, (mh, mw, md, mb, mt) = r["seen"], r["measured"]
        out.append("| %s | %s | %.2f | %s | %s | %s | %s | %s |" % (
            r["frame"], r["name"], r["hidden"], " / ".join(f(v) for v in r["box"]),
            " / ".join(f(s[k]) for k in ("top", "bottom", "long", "short")),
            " / ".join(f(v) for v in (mh, mw, md)), " / ".join(f(v) for v in (mb, mt)),
            " / ".join("-" if e is None else "%.0f%%" % (100 * e) for e in r["errors"])))
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="the converted folder the audit read")
    ap.add_argument("audit_dir", help="the audit's --out folder (objects.jsonl)")
    ap.add_argument("--max-hidden", type=float, default=None,
                    help="only objects whose hidden outline share is at most this (the audit's size "
                         "rule uses 0.1)")
    ap.add_argument("--misses", action="store_true",
                    help="only objects with a height, width or depth more than 10%% off the box")
    a = ap.parse_args(argv)
    rows = table(a.folder, a.audit_dir)
    if a.max_hidden is not None:
        rows = [r for r in rows if r["hidden"] <= a.max_hidden]
    if a.misses:
        rows = [r for r in rows if is_miss(r)]
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
