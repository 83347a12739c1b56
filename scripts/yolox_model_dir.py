#!/usr/bin/env python3
"""Lays out a YOLOX ONNX export as a spatialvlm4j detector directory (Hugging Face-like layout).

    ROOT/NAME/onnx/model.onnx   the export, copied
    ROOT/NAME/config.json       what ObjectDetector reads: model_type, input size, channel order,
                                normalisation, letterbox, strides, COCO class names, thresholds

Verified with YOLOX-Nano from github.com/Kazuhito00/YOLOX-ONNX-TFLite-Sample (model/yolox_nano.onnx,
Apache-2.0, input `images` [1,3,416,416] BGR 0..255 letterboxed top-left with 114, output `output`
[1,3549,85] raw). The weights are not part of spatialvlm4j: fetch them yourself and keep them out of
the repository.

    python3 scripts/yolox_model_dir.py --onnx yolox_nano.onnx --root MODELS_ROOT [--name Kazuhito00/yolox-nano]

Standard library only.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys

# The 80 COCO category names, in the order YOLOX's class ids follow.
COCO = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
    "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
    "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
    "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
    "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
    "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard",
    "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
    "teddy bear", "hair drier", "toothbrush",
]

# SHA-256 of model/yolox_nano.onnx in Kazuhito00/YOLOX-ONNX-TFLite-Sample.
YOLOX_NANO_SHA256 = "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--onnx", required=True, help="the YOLOX ONNX export (e.g. yolox_nano.onnx)")
    p.add_argument("--root", required=True, help="the models root (SPATIALVLM4J_MODELS)")
    p.add_argument("--name", default="Kazuhito00/yolox-nano", help="model folder under the root")
    p.add_argument("--size", type=int, default=416, help="square input size of the export, pixels")
    a = p.parse_args()
    if len(COCO) != 80:
        sys.exit("internal error: %d COCO names" % len(COCO))
    with open(a.onnx, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if a.size == 416 and digest != YOLOX_NANO_SHA256:
        print("note: %s is not the verified YOLOX-Nano export (sha256 %s)" % (a.onnx, digest), file=sys.stderr)
    out = os.path.join(a.root, a.name)
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    shutil.copyfile(a.onnx, os.path.join(out, "onnx", "model.onnx"))
    config = {
        "model_type": "yolox",
        "input_size": {"height": a.size, "width": a.size},
        "channel_order": "bgr",
        "rescale_factor": 1.0,
        "letterbox": "top_left",
        "pad_value": 114,
        "strides": [8, 16, 32],
        "id2label": {str(i): name for i, name in enumerate(COCO)},
        "score_threshold": 0.3,
        "nms_iou": 0.45,
        "max_detections": 100,
    }
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
