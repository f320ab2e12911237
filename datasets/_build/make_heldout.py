#!/usr/bin/env python3
"""Builds datasets/heldout/fashion-mnist/: 2,000 Fashion-MNIST test images (200 per class)
that are NOT in the bundled subset, for grading trained models on images the learner's
loaders never return. Source: Debian's dataset-fashion-mnist (MIT, Zalando SE 2017),
/usr/share/datasets/fashion-mnist/t10k-*. Run from the repository root:

    apt-get install dataset-fashion-mnist && python3 datasets/_build/make_heldout.py
"""
import gzip, json, os
import numpy as np

SRC = "/usr/share/datasets/fashion-mnist"
OUT = "datasets/heldout/fashion-mnist"
PER_CLASS = 200

def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)

def write_idx(path, array):
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    with gzip.GzipFile(path, "wb", mtime=0) as f:  # mtime 0: byte-identical rebuilds
        f.write(header + array.astype(np.uint8).tobytes())

images = read_idx(f"{SRC}/t10k-images-idx3-ubyte.gz")
labels = read_idx(f"{SRC}/t10k-labels-idx1-ubyte.gz")
with open("datasets/images/fashion-mnist-subset/source_indices.json") as f:
    bundled = set(json.load(f)["t10k"])
rng = np.random.default_rng(2026)
chosen = []
for c in range(10):
    pool = [i for i in np.flatnonzero(labels == c) if int(i) not in bundled]
    chosen.extend(int(i) for i in rng.choice(pool, size=PER_CLASS, replace=False))
chosen.sort()
os.makedirs(OUT, exist_ok=True)
write_idx(f"{OUT}/images-idx3-ubyte.gz", images[chosen])
write_idx(f"{OUT}/labels-idx1-ubyte.gz", labels[chosen])
with open(f"{OUT}/source_indices.json", "w") as f:
    json.dump({"source": "t10k", "method": "numpy default_rng(2026), 200 per class, excluding the bundled subset's t10k rows", "t10k": chosen}, f)
print(len(chosen), "images written to", OUT)
