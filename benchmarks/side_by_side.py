#!/usr/bin/env python3
"""Side by side, in one run: spatialvlm4j's `generate --source rgbd` and Open3D's per-frame
geometry in the VQASynth order, on the same seeded, noisy RGB-D folder, with each side's box-extent
error against the known boxes, so that speed and accuracy are read together.

    /usr/bin/python3 benchmarks/side_by_side.py --jar datagen/target/spatialvlm4j-cli.jar --work WORK_DIR

Needs numpy, Pillow and Open3D 0.16 (Debian: python3-numpy, python3-pil, python3-open3d) and the
command-line jar (`mvn -B -q -DskipTests -pl datagen -am package`). Not part of CI. Writes only
under WORK_DIR (outside the repository: the frames are large).

What it does, per size (640x480 and 1280x720 by default):

1. Generates a folder in the layout `--source rgbd` reads (with tools/realdata/rgbdtruth.py's
   writers): a floor, a wall and four boxes of known size and yaw on the floor, ray-cast for a
   pinhole camera 1.3-1.6 m above the floor pitched 20-30 degrees down. The depth is corrupted like
   a Kinect (as the engine's `--noise sensor` preset): flying pixels on half of the 10 cm depth
   edges, noise sigma = 1.2 mm + 1.9 mm/m^2 (z - 0.4 m)^2, 2% outliers uniform in [0.3, 9] m, 2%
   missing pixels; the instance masks are dilated by 2 pixels onto the background (a segmenter's
   bleed). `--distinct` scenes are drawn from `--seed`; the folder holds `--frames` frames, the
   scenes repeated under new ids (hard links) to make a run long enough to time. A folder written
   earlier with the same arguments is reused (a stamp file, `.side_by_side.json`, which the engine
   ignores as a dot-file).
2. Runs the engine on it (`generate --exact --format jsonl,parquet`) with each `--threads` value
   and reads its end-of-run summary: frames per second end to end, milliseconds per stage; and,
   from the operating system, its CPU time per frame, how many cores it kept busy on average and
   its peak resident memory. Dirty pages are synced to disk before each run (the engine syncs
   every file it commits and would otherwise wait for the previous run's write-back). With `--threads 1`
   the kernels of the one frame in flight use every core; with `--threads N` the N frames in flight
   share them (`LocalRunner.threadsPerFrame`).
3. Runs Open3D on the distinct scenes, reading the same files: back-project, RANSAC floor among the
   points on no object (0.05 m, 3 points, 1000 iterations), then per object (SPEC stage 4 parameters)
   voxel max(1 cm, scale / 20), DBSCAN eps scale / 3.6 with min_points n / 10 keeping the largest
   cluster, statistical outliers (50 neighbours, std ratio 1.2), the oriented and axis-aligned boxes,
   and per pair the centroid distance and the closest-point gap.
   Open3D parallelizes some of these steps (OpenMP) over every core, one frame at a time, like the
   engine's one-thread run, which the ratio compares it with. Only its geometry is timed, not
   reading the PNG files (printed apart).
4. Prints frames per second, the geometry time per frame of each side and their ratio (the
   engine's geometry is its lift, clean, canonicalize and facts stages: everything between
   loading a frame and writing questions), and the
   relative error of each side's box extents (width = longer horizontal side, depth = shorter,
   height = vertical) against the known boxes. Open3D's extents are given twice: its oriented box
   (PCA, what VQASynth reports) and an upright box in its own floor frame (minimum-area rectangle
   over the footprint, the engine's box definition), so a difference in the second is the cleaning's.
"""
import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "realdata"))
import rgbdtruth  # noqa: E402  (the RGB-D folder layout writers)

DEPTH_SCALE = 1000.0
CAPTIONS = ["red box", "blue box", "green box", "yellow box", "white box", "black box"]
COLOURS = [(200, 40, 40), (40, 60, 200), (40, 170, 60), (220, 200, 40), (230, 230, 230), (40, 40, 40)]


# ----------------------------------------------------------------------------------------------
# The seeded noisy scene
# ----------------------------------------------------------------------------------------------

def camera(width, height):
    """Pinhole intrinsics with a 60 degree horizontal field of view (pixels)."""
    fx = (width / 2) / math.tan(math.radians(30))
    return fx, fx, (width - 1) / 2, (height - 1) / 2


def scene(rng, width, height, boxes=4):
    """One scene: camera height and pitch, and `boxes` boxes standing on the floor, all in view.

    World frame: z up, the floor at z = 0, the camera at (0, 0, h) looking along +y pitched down.
    Returns (camera_to_world rotation, camera height, [(centre, size, yaw)] in the world frame)."""
    fx, fy, cx, cy = camera(width, height)
    h = rng.uniform(1.3, 1.6)
    pitch = math.radians(rng.uniform(20, 30))
    # camera axes in the world frame: x right, y down, z forward
    fwd = np.array([0.0, math.cos(pitch), -math.sin(pitch)])
    right = np.array([1.0, 0.0, 0.0])
    down = np.cross(fwd, right)
    rot = np.stack([right, down, fwd], axis=1)  # columns: camera axes in the world
    placed = []
    tries = 0
    while len(placed) < boxes:
        tries += 1
        if tries > 10000:
            raise RuntimeError("cannot place %d boxes in view" % boxes)
        size = np.array([rng.uniform(0.25, 0.8), rng.uniform(0.25, 0.8), rng.uniform(0.25, 0.9)])
        centre = np.array([rng.uniform(-1.5, 1.5), rng.uniform(2.0, 4.5), size[2] / 2])
        yaw = rng.uniform(0, math.pi)
        if any(np.linalg.norm(centre[:2] - c[:2]) < 0.6 + 0.5 * (np.max(size[:2]) + np.max(s[:2]))
               for c, s, _ in placed):
            continue
        corners = box_corners(centre, size, yaw)
        cam = (corners - np.array([0, 0, h])) @ rot
        if np.any(cam[:, 2] < 0.5):
            continue
        u = fx * cam[:, 0] / cam[:, 2] + cx
        v = fy * cam[:, 1] / cam[:, 2] + cy
        margin = 0.05 * width
        if u.min() < margin or u.max() > width - 1 - margin or v.min() < margin or v.max() > height - 1 - margin:
            continue
        placed.append((centre, size, yaw))
    return rot, h, placed


def yaw_matrix(yaw):
    c, s = math.cos(yaw), math.sin(yaw)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]])


def box_corners(centre, size, yaw):
    signs = np.array([[a, b, c] for a in (-1, 1) for b in (-1, 1) for c in (-1, 1)], dtype=np.float64)
    return centre + (signs * size / 2) @ yaw_matrix(yaw).T


def render(rng, width, height, rot, h, boxes):
    """Exact depth (z, meters), instance labels (1..N, 0 = none) and an RGB image with shading and
    pixel noise, ray-cast for every pixel centre (u, v) on integer coordinates."""
    fx, fy, cx, cy = camera(width, height)
    u, v = np.meshgrid(np.arange(width, dtype=np.float64), np.arange(height, dtype=np.float64))
    d_cam = np.stack([(u - cx) / fx, (v - cy) / fy, np.ones_like(u)], axis=-1).reshape(-1, 3)
    d = d_cam @ rot.T  # world directions; the ray parameter t is the camera z (d_cam.z = 1)
    origin = np.array([0.0, 0.0, h])
    n = d.shape[0]
    t_best = np.full(n, np.inf)
    label = np.zeros(n, dtype=np.int32)
    normal = np.zeros((n, 3))
    # floor z = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(d[:, 2] < -1e-9, -h / d[:, 2], np.inf)
    hit = t < t_best
    t_best[hit] = t[hit]
    normal[hit] = (0, 0, 1)
    kind = np.where(hit, 1, 0)
    # back wall y = 7 m
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(d[:, 1] > 1e-9, 7.0 / d[:, 1], np.inf)
    hit = t < t_best
    t_best[hit] = t[hit]
    normal[hit] = (0, -1, 0)
    kind[hit] = 2
    for i, (centre, size, yaw) in enumerate(boxes):
        r = yaw_matrix(yaw)
        o = (origin - centre) @ r  # ray in the box frame
        dl = d @ r
        with np.errstate(divide="ignore", invalid="ignore"):
            t1 = (-size / 2 - o) / dl
            t2 = (size / 2 - o) / dl
        tmin = np.minimum(t1, t2)
        tmax = np.maximum(t1, t2)
        tmin = np.where(np.isnan(tmin), -np.inf, tmin)
        tmax = np.where(np.isnan(tmax), np.inf, tmax)
        near = tmin.max(axis=1)
        far = tmax.min(axis=1)
        hit = (near <= far) & (near > 0) & (near < t_best)
        axis = tmin.argmax(axis=1)
        t_best[hit] = near[hit]
        label[hit] = i + 1
        kind[hit] = 3 + i
        face = np.zeros((n, 3))
        face[np.arange(n), axis] = -np.sign(dl[np.arange(n), axis])
        normal[hit] = face[hit] @ r.T
    depth = np.where(np.isfinite(t_best), t_best, 0.0).reshape(height, width)
    light = np.array([0.3, -0.5, 0.8]) / np.linalg.norm([0.3, -0.5, 0.8])
    shade = 0.55 + 0.45 * np.clip(normal @ light, 0, 1)
    base = np.zeros((n, 3))
    base[kind == 1] = (150, 130, 110)
    base[kind == 2] = (200, 200, 190)
    for i in range(len(boxes)):
        base[kind == 3 + i] = COLOURS[i % len(COLOURS)]
    rgb = base * shade[:, None] + rng.normal(0, 4.0, (n, 3))
    rgb = np.clip(np.rint(rgb), 0, 255).astype(np.uint8).reshape(height, width, 3)
    return depth, label.reshape(height, width), rgb


NEIGHBOURS = ((0, 1), (0, -1), (1, 0), (-1, 0))


def neighbour(a, dy, dx):
    """a shifted so that each pixel holds its neighbour at (row + dy, column + dx); 0 beyond the border."""
    h, w = a.shape
    nb = np.zeros_like(a)
    src = (slice(max(dy, 0), h + min(dy, 0)), slice(max(dx, 0), w + min(dx, 0)))
    dst = (slice(max(-dy, 0), h + min(-dy, 0)), slice(max(-dx, 0), w + min(-dx, 0)))
    nb[dst] = a[src]
    return nb


def corrupt(rng, depth, labels):
    """Kinect-like depth corruption (the order and parameters of the engine's sensor preset) and masks
    dilated by 2 pixels onto the background."""
    z = depth.copy()
    # flying pixels: a pixel with a 4-neighbour more than 10 cm away becomes, with probability 0.5, a mix
    best_jump = np.zeros_like(z)
    best_n = np.zeros_like(z)
    for dy, dx in NEIGHBOURS:
        nb = neighbour(depth, dy, dx)
        jump = np.where((nb > 0) & (depth > 0), np.abs(nb - depth), 0)
        better = jump > best_jump
        best_jump[better] = jump[better]
        best_n[better] = nb[better]
    fly = (best_jump > 0.1) & (rng.random(z.shape) < 0.5)
    t = rng.random(z.shape)
    z[fly] = depth[fly] + t[fly] * (best_n[fly] - depth[fly])
    valid = z > 0
    sigma = 0.0012 + 0.0019 * (z - 0.4) ** 2
    z = np.where(valid, z + rng.normal(0, 1, z.shape) * sigma, 0)
    out = valid & (rng.random(z.shape) < 0.02)
    z[out] = rng.uniform(0.3, 9.0, np.count_nonzero(out))
    z[valid & (rng.random(z.shape) < 0.02)] = 0
    z[z <= 0] = 0
    dilated = labels.copy()
    for _ in range(2):
        grown = dilated.copy()
        for dy, dx in NEIGHBOURS:
            nb = neighbour(dilated, dy, dx)
            take = (grown == 0) & (nb > 0)
            grown[take] = nb[take]
        dilated = grown
    return z, dilated


STAMP = ".side_by_side.json"  # a dot-file: the engine ignores it


def write_folder(folder, width, height, distinct, frames, seed, noisy_input=True):
    """The folder of `frames` frames made of `distinct` scenes; returns (the truth per frame id,
    whether the folder was reused: one written earlier with the same arguments is kept)."""
    params = {"width": width, "height": height, "distinct": distinct, "frames": frames, "seed": seed,
              "noisy": noisy_input, "version": 1}
    stamp = os.path.join(folder, STAMP)
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as f:
            if json.load(f) == params:
                truths = {}
                for k in range(frames):
                    fid = "f%05d" % k
                    with open(os.path.join(folder, fid + ".truth.json"), encoding="utf-8") as t:
                        truths[fid] = json.load(t)
                return truths, True
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    fx, fy, cx, cy = camera(width, height)
    rgbdtruth.write_intrinsics(folder, fx, fy, cx, cy, width, height, DEPTH_SCALE)
    rng = np.random.default_rng(seed)
    truths = {}
    for k in range(distinct):
        rot, h, boxes = scene(rng, width, height)
        depth, labels, rgb = render(rng, width, height, rot, h, boxes)
        noisy, masks = corrupt(rng, depth, labels) if noisy_input else (depth, labels)
        up = rot.T @ np.array([0.0, 0.0, 1.0])  # world up in the camera frame
        objects = []
        for i, (centre, size, yaw) in enumerate(boxes):
            c_cam = rot.T @ (centre - np.array([0, 0, h]))
            objects.append(rgbdtruth.Box(CAPTIONS[i], c_cam, size, rot.T @ yaw_matrix(yaw)).truth(i + 1))
        truth = {"up": up, "floor": {"normal": up, "d": h}, "floor_visible": True, "objects": objects}
        fid = "f%05d" % k
        rgbdtruth.write_frame(folder, fid, Image.fromarray(rgb), noisy, DEPTH_SCALE, masks,
                              {i + 1: CAPTIONS[i] for i in range(len(boxes))}, truth, None)
        truths[fid] = truth
    for k in range(distinct, frames):
        src = "f%05d" % (k % distinct)
        fid = "f%05d" % k
        for ext in (".color.png", ".depth.png", ".labels.png", ".objects.json", ".truth.json"):
            os.link(os.path.join(folder, src + ext), os.path.join(folder, fid + ext))
        truths[fid] = truths[src]
    with open(stamp, "w", encoding="utf-8") as f:
        json.dump(params, f)
    return truths, False


def true_extents(obj, up):
    """(width, depth, height) of a truth box: its side along up is the height."""
    rot = np.asarray(obj["rotation"])
    size = np.asarray(obj["size"])
    vertical = int(np.argmax(np.abs(rot.T @ up)))
    horizontal = sorted((size[i] for i in range(3) if i != vertical), reverse=True)
    return np.array([horizontal[0], horizontal[1], size[vertical]])


# ----------------------------------------------------------------------------------------------
# The engine
# ----------------------------------------------------------------------------------------------

STAGE_LINE = re.compile(r"^(\w+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)%$")


def run_engine(jar, folder, out, threads, java):
    """Runs `generate` once; returns its command, end-to-end frames per second, ms per frame of each
    stage (from the end-of-run summary), wall seconds, CPU ms per frame (user + system of the JVM,
    its JIT and GC threads included) and peak resident memory (MiB)."""
    if os.path.exists(out):
        shutil.rmtree(out)
    cmd = [java, "-jar", jar, "generate", "--source", "rgbd", "--input", folder, "--out", out, "--exact",
           "--format", "jsonl,parquet", "--threads", str(threads)]
    # The engine syncs every file it commits: without this, it would also wait for the disk to write back
    # what the previous run (or the folder's generation) left in the page cache.
    os.sync()
    t0 = time.perf_counter()
    with open(out + ".log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    with open(out + ".log", encoding="utf-8") as log:
        stdout = log.read()
    if proc.returncode != 0:
        raise RuntimeError("engine failed (%d): %s\n%s" % (proc.returncode, " ".join(cmd), stdout[-4000:]))
    fps = None
    frames = None
    stages = {}
    for line in stdout.splitlines():
        m = re.match(r"(\d+) frames: .*; ([\d.]+) frames/s$", line)
        if m:
            frames = int(m.group(1))
            fps = float(m.group(2))
        m = STAGE_LINE.match(line.strip())
        if m:
            stages[m.group(1)] = float(m.group(3))
    if fps is None:
        raise RuntimeError("no summary line in the engine's output (%s.log):\n%s" % (out, stdout[-4000:]))
    cpu = usage.ru_utime + usage.ru_stime
    return {"cmd": " ".join(cmd), "fps": fps, "stages": stages, "wall": wall,
            "cpu_ms": 1000 * cpu / max(1, frames or 0), "busy": cpu / wall, "rss_mib": usage.ru_maxrss / 1024}


def engine_extents(out):
    """{frame id: {object id: (width, depth, height)}} from the JSONL output."""
    result = {}
    jsonl = os.path.join(out, "jsonl")
    for name in sorted(os.listdir(jsonl)):
        with open(os.path.join(jsonl, name), encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                result[rec["id"]] = {o["id"]: np.array([o["width"], o["depth"], o["height"]])
                                     for o in rec["objects"]}
    return result


# ----------------------------------------------------------------------------------------------
# Open3D, VQASynth order
# ----------------------------------------------------------------------------------------------

def load_frame(folder, fid):
    depth = np.asarray(Image.open(os.path.join(folder, fid + ".depth.png")), dtype=np.uint16)
    labels = np.asarray(Image.open(os.path.join(folder, fid + ".labels.png")), dtype=np.int32)
    color = np.asarray(Image.open(os.path.join(folder, fid + ".color.png")).convert("RGB"))
    return depth, labels, color


def min_area_rectangle(xy):
    """Sides (longer, shorter) of the minimum-area rectangle around 2D points, over 0.5 degree steps."""
    best = None
    for a in np.radians(np.arange(0, 90, 0.5)):
        c, s = math.cos(a), math.sin(a)
        p = xy @ np.array([[c, -s], [s, c]])
        ext = p.max(axis=0) - p.min(axis=0)
        if best is None or ext[0] * ext[1] < best[0] * best[1]:
            best = ext
    return max(best), min(best)


def open3d_frame(o3d, depth_raw, labels, width, height):
    """The geometry of one frame; returns ({label: (obb extents, upright extents)}, seconds)."""
    fx, fy, cx, cy = camera(width, height)
    t0 = time.perf_counter()
    intr = o3d.camera.PinholeCameraIntrinsic(width, height, fx, fy, cx, cy)
    cloud = o3d.geometry.PointCloud.create_from_depth_image(
        o3d.geometry.Image(depth_raw), intr, depth_scale=DEPTH_SCALE, depth_trunc=20.0,
        project_valid_depth_only=False)
    pts = np.asarray(cloud.points)
    valid = np.isfinite(pts[:, 2]) & (pts[:, 2] > 0)
    flat_labels = labels.reshape(-1)
    background = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(pts[valid & (flat_labels == 0)]))
    plane, _ = background.segment_plane(distance_threshold=0.05, ransac_n=3, num_iterations=1000)
    normal = np.array(plane[:3])
    d = plane[3]
    if normal[1] > 0:  # up is against camera +y
        normal, d = -normal, -d
    scale_n = np.linalg.norm(normal)
    normal, d = normal / scale_n, d / scale_n
    # floor frame: z = normal, x = camera x projected on the floor
    x_axis = np.array([1.0, 0, 0]) - normal[0] * normal
    x_axis /= np.linalg.norm(x_axis)
    to_floor = np.stack([x_axis, np.cross(normal, x_axis), normal])
    clouds = {}
    boxes = {}
    for lid in np.unique(flat_labels[valid]):
        if lid == 0:
            continue
        pcd = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(pts[valid & (flat_labels == lid)]))
        p = np.asarray(pcd.points)
        scale = np.linalg.norm(p.std(axis=0)) * 3.0 + 1e-6
        pcd = pcd.voxel_down_sample(max(0.01, scale / 20))
        n = len(pcd.points)
        cl = np.asarray(pcd.cluster_dbscan(eps=scale / 3.6, min_points=max(1, n // 10)))
        if cl.size == 0 or cl.max() < 0:
            continue
        largest = np.bincount(cl[cl >= 0]).argmax()
        pcd = pcd.select_by_index(np.nonzero(cl == largest)[0])
        pcd, _ = pcd.remove_statistical_outlier(nb_neighbors=50, std_ratio=1.2)
        if len(pcd.points) < 10:
            continue
        obb = pcd.get_oriented_bounding_box()
        pcd.get_axis_aligned_bounding_box()
        clouds[int(lid)] = pcd
        boxes[int(lid)] = obb
    ids = sorted(clouds)
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            a, b = clouds[ids[i]], clouds[ids[j]]
            np.linalg.norm(a.get_center() - b.get_center())
            np.asarray(a.compute_point_cloud_distance(b)).min()
    elapsed = time.perf_counter() - t0
    # extents (outside the timed geometry: the engine's are part of its facts stage, these are the
    # comparison's own bookkeeping)
    result = {}
    for lid in ids:
        obb = boxes[lid]
        axes = np.asarray(obb.R)
        ext = np.asarray(obb.extent)
        vertical = int(np.argmax(np.abs(axes.T @ normal)))
        hor = sorted((ext[k] for k in range(3) if k != vertical), reverse=True)
        p = np.asarray(clouds[lid].points) @ to_floor.T
        w, dd = min_area_rectangle(p[:, :2])
        result[lid] = (np.array([hor[0], hor[1], ext[vertical]]), np.array([w, dd, p[:, 2].max() - p[:, 2].min()]))
    return result, elapsed


def run_open3d(folder, fids, width, height):
    import open3d as o3d
    o3d.utility.set_verbosity_level(o3d.utility.VerbosityLevel.Error)
    load = []
    geometry = []
    extents = {}
    for fid in fids:
        t0 = time.perf_counter()
        depth, labels, _ = load_frame(folder, fid)
        load.append(time.perf_counter() - t0)
        extents[fid], sec = open3d_frame(o3d, depth, labels, width, height)
        geometry.append(sec)
    return {"load_ms": 1000 * float(np.median(load)), "geometry_ms": 1000 * float(np.median(geometry)),
            "extents": extents, "version": o3d.__version__}


# ----------------------------------------------------------------------------------------------
# Errors and the report
# ----------------------------------------------------------------------------------------------

def extent_errors(measured, truths, pick=None):
    """Relative errors |measured / true - 1| of width, depth, height over every object measured, and
    the number of objects measured of those known."""
    errs = []
    known = 0
    for fid, objs in measured.items():
        truth = truths[fid]
        up = np.asarray(truth["up"])
        by_label = {o["label"]: o for o in truth["objects"]}
        known += len(by_label)
        for lid, ext in objs.items():
            if lid not in by_label:
                continue
            e = ext if pick is None else ext[pick]
            errs.append(np.abs(e / true_extents(by_label[lid], up) - 1))
    return np.array(errs).reshape(-1, 3), known


def fmt_err(errs):
    if errs.size == 0:
        return "no objects"
    med = np.median(errs, axis=0)
    return "width %.1f%%, depth %.1f%%, height %.1f%% (median); all extents within 10%%: %.0f%%" % (
        100 * med[0], 100 * med[1], 100 * med[2], 100 * np.mean(errs < 0.10))


def geometry_ms(engine):
    """The engine's geometry per frame, ms: its lift, clean, canonicalize and facts stages."""
    return sum(engine["stages"].get(s, 0.0) for s in ("lift", "clean", "canonicalize", "facts"))


def load_average():
    return " ".join("%.2f" % x for x in os.getloadavg())


def java_version(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()
    return out[0] if out else "java ?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jar", required=True, help="datagen/target/spatialvlm4j-cli.jar")
    ap.add_argument("--work", required=True, help="folder for the frames and outputs (outside the repository)")
    ap.add_argument("--sizes", default="640x480,1280x720")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--frames", type=int, default=240, help="frames per folder (default: %(default)s)")
    ap.add_argument("--distinct", type=int, default=16, help="distinct scenes per folder (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--noise", choices=("sensor", "none"), default="sensor",
                    help="sensor: corrupt depth and masks (default); none: exact depth and masks, to check the harness")
    ap.add_argument("--java", default=os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                    if os.environ.get("JAVA_HOME") else "java")
    args = ap.parse_args()
    sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]
    threads = [int(t) for t in args.threads.split(",")]
    os.makedirs(args.work, exist_ok=True)
    print("side_by_side.py, %s, %s, %d cores, %s, load average %s" % (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), platform.platform(), os.cpu_count(),
        java_version(args.java), load_average()))
    for width, height in sizes:
        folder = os.path.join(args.work, "rgbd-%dx%d" % (width, height))
        t0 = time.perf_counter()
        truths, reused = write_folder(folder, width, height, args.distinct, args.frames, args.seed,
                                      args.noise == "sensor")
        print("\n== %dx%d: %d frames (%d distinct scenes, seed %d, noise %s), %s; load average %s" % (
            width, height, args.frames, args.distinct, args.seed, args.noise,
            "reused from an earlier run" if reused else "generated in %.0f s" % (time.perf_counter() - t0),
            load_average()))
        engine = {}
        for t in threads:
            engine[t] = run_engine(args.jar, folder, os.path.join(args.work, "out-%dx%d-t%d" % (width, height, t)),
                                   t, args.java)
            e = engine[t]
            geo = geometry_ms(e)
            print("engine, %d thread%s: %.1f frames/s end to end (process %.1f s, CPU %.0f ms/frame, %.2f cores busy, "
                  "peak RSS %.0f MiB); ms/frame: %s; geometry %.1f ms; load average %s\n  %s" % (
                      t, "" if t == 1 else "s", e["fps"], e["wall"], e["cpu_ms"], e["busy"], e["rss_mib"],
                      ", ".join("%s %.1f" % (k, v) for k, v in e["stages"].items() if v > 0), geo, load_average(),
                      e["cmd"]))
        if len(threads) > 1:
            print("speed-up %d -> %d threads: %.2fx" % (threads[0], threads[-1],
                                                        engine[threads[-1]]["fps"] / engine[threads[0]]["fps"]))
        o3d_res = run_open3d(folder, sorted(truths)[:args.distinct], width, height)
        one = engine[threads[0]]
        geo1 = geometry_ms(one)
        print("open3d %s, VQASynth order: geometry %.1f ms/frame (median of %d frames), loading %.1f ms/frame" % (
            o3d_res["version"], o3d_res["geometry_ms"], args.distinct, o3d_res["load_ms"]))
        print("geometry ratio (open3d / engine, %d thread%s): %.1fx" % (
            threads[0], "" if threads[0] == 1 else "s", o3d_res["geometry_ms"] / geo1))
        ours = {fid: ext for fid, ext in engine_extents(os.path.join(
            args.work, "out-%dx%d-t%d" % (width, height, threads[0]))).items() if fid in o3d_res["extents"]}
        err, known = extent_errors(ours, truths)
        print("box extents, engine:            %d of %d objects; %s" % (len(err), known, fmt_err(err)))
        err, known = extent_errors(o3d_res["extents"], truths, pick=0)
        print("box extents, open3d oriented:   %d of %d objects; %s" % (len(err), known, fmt_err(err)))
        err, known = extent_errors(o3d_res["extents"], truths, pick=1)
        print("box extents, open3d upright:    %d of %d objects; %s" % (len(err), known, fmt_err(err)))


if __name__ == "__main__":
    main()
