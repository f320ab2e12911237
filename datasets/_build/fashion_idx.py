"""Shared by make_heldout.py and make_competition_fashion.py: read and write Fashion-MNIST's
IDX files, and write a class-balanced sample of one split that avoids the bundled subset.
Source: Debian's dataset-fashion-mnist (MIT, Zalando SE 2017), /usr/share/datasets/fashion-mnist."""
import gzip, json, os
import numpy as np

SRC = "/usr/share/datasets/fashion-mnist"


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

def write_unbundled_sample(split, per_class, seed, out, bundled_split=None):
    """Writes `per_class` images of every class from `split` ("train" or "t10k") that are not
    in the bundled subset to `out`, with source_indices.json naming the rows taken."""
    images = read_idx(f"{SRC}/{split}-images-idx3-ubyte.gz")
    labels = read_idx(f"{SRC}/{split}-labels-idx1-ubyte.gz")
    with open("datasets/images/fashion-mnist-subset/source_indices.json") as f:
        bundled = set(json.load(f)[split])
    rng = np.random.default_rng(seed)
    chosen = []
    for c in range(10):
        pool = [i for i in np.flatnonzero(labels == c) if int(i) not in bundled]
        chosen.extend(int(i) for i in rng.choice(pool, size=per_class, replace=False))
    chosen.sort()
    os.makedirs(out, exist_ok=True)
    write_idx(f"{out}/images-idx3-ubyte.gz", images[chosen])
    write_idx(f"{out}/labels-idx1-ubyte.gz", labels[chosen])
    method = f"numpy default_rng({seed}), {per_class} per class, excluding the bundled subset's {split} rows"
    with open(f"{out}/source_indices.json", "w") as f:
        json.dump({"source": split, "method": method, split: chosen}, f)
    print(len(chosen), "images written to", out)
