#!/usr/bin/env python3
"""Builds datasets/competitions/fashion-new/: 3,000 Fashion-MNIST images (300 per class) from the
60k TRAINING file that are NOT in the bundled subset (and the held-out grading images come from
t10k, so none of these is anywhere else in the course). The practice competition "fashion-new"
(src/compete/) splits them 2,000 train / 1,000 test. Source: Debian's dataset-fashion-mnist
(MIT, Zalando SE 2017), /usr/share/datasets/fashion-mnist/train-*. Run from the repository root:

    apt-get install dataset-fashion-mnist && /usr/bin/python3 datasets/_build/make_competition_fashion.py
"""
import gzip, json, os
import numpy as np

SRC = "/usr/share/datasets/fashion-mnist"
OUT = "datasets/competitions/fashion-new"
PER_CLASS = 300

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

images = read_idx(f"{SRC}/train-images-idx3-ubyte.gz")
labels = read_idx(f"{SRC}/train-labels-idx1-ubyte.gz")
with open("datasets/images/fashion-mnist-subset/source_indices.json") as f:
    bundled = set(json.load(f)["train"])
rng = np.random.default_rng(1616)
chosen = []
for c in range(10):
    pool = [i for i in np.flatnonzero(labels == c) if int(i) not in bundled]
    chosen.extend(int(i) for i in rng.choice(pool, size=PER_CLASS, replace=False))
chosen.sort()
os.makedirs(OUT, exist_ok=True)
write_idx(f"{OUT}/images-idx3-ubyte.gz", images[chosen])
write_idx(f"{OUT}/labels-idx1-ubyte.gz", labels[chosen])
with open(f"{OUT}/source_indices.json", "w") as f:
    json.dump({"source": "train", "method": "numpy default_rng(1616), 300 per class, excluding the bundled subset's train rows", "train": chosen}, f)
print(len(chosen), "images written to", OUT)
