#!/usr/bin/env python3
"""Builds datasets/exam/images/: the source pictures of the mock exam's real-world image task,
downscaled, as gzip-compressed raw bytes (row-major, channels last) plus index.json.
All from Debian's python3-skimage (skimage/data): brick, grass, gravel (CC0 textures),
coffee and chelsea (CC0 photos), astronaut and rocket (public domain). From the repo root:

    apt-get install python3-skimage && python3 datasets/_build/make_exam_images.py
"""
import gzip, json, os
import numpy as np
from skimage import data, transform

OUT = "datasets/exam/images"
os.makedirs(OUT, exist_ok=True)
sources = {
    "brick": (data.brick(), 256), "grass": (data.grass(), 256), "gravel": (data.gravel(), 256),
    "coffee": (data.coffee(), 192), "chelsea": (data.chelsea(), 192),
    "astronaut": (data.astronaut(), 192), "rocket": (data.rocket(), 192),
}
index = {}
for name, (img, height) in sources.items():
    h, w = img.shape[:2]
    width = round(w * height / h)
    small = transform.resize(img, (height, width), anti_aliasing=True, preserve_range=True)
    small = np.clip(np.round(small), 0, 255).astype(np.uint8)
    channels = 1 if small.ndim == 2 else small.shape[2]
    with gzip.GzipFile(f"{OUT}/{name}.raw.gz", "wb", mtime=0) as f:
        f.write(small.tobytes())
    index[name] = {"width": width, "height": height, "channels": channels}
with open(f"{OUT}/index.json", "w") as f:
    json.dump(index, f, indent=1)
print(index)
