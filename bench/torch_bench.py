"""PyTorch side of `npm run bench`: the same architectures, steps and batch size as
bench/models.ts, timed the same way (one warm-up step, then 512 samples x 2 epochs, batch 64,
Adam; the fastest of --repeats runs). Prints one JSON line per model. Run with Debian's
/usr/bin/python3 (python3-torch).

    /usr/bin/python3 bench/torch_bench.py [--threads N] [--models cnn,mlp] [--repeats 3]

With --fmnist-to85 it instead trains lab 13's CNN (src/tf/models/fashion.ts, buildFashionCnn)
on the 6,000-image Fashion-MNIST subset until its accuracy on the 1,000 test images reaches
--target (bench/fmnist-to85.ts runs it and compares with TF.js):

    /usr/bin/python3 bench/torch_bench.py --fmnist-to85 --seed 1 [--max-epochs 10] [--target 0.85]
"""

import argparse
import gzip
import json
import os
import struct
import sys
import time

try:
    import torch
    from torch import nn
except ImportError:  # the caller prints a clear "skipped" message
    print(json.dumps({"error": "torch is not importable"}))
    sys.exit(0)

SAMPLES, BATCH, EPOCHS = 512, 64, 2
VOCAB, TOKENS, TS_WINDOW = 1000, 40, 30
MODELS = ["mlp", "cnn", "emb_lstm", "emb_gru", "emb_conv1d", "ts_lstm"]


class LastStep(nn.Module):
    """Runs a batch-first RNN and keeps the last output (Keras returnSequences=false)."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x):
        out, _ = self.rnn(x)
        return out[:, -1, :]


class ChannelsLast1d(nn.Module):
    """Conv1D over [batch, steps, channels] like Keras, then global average pooling."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(16, 32, 5)

    def forward(self, x):
        return torch.relu(self.conv(x.transpose(1, 2))).mean(dim=2)


def build(name):
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    if name == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * 5 * 5, 64), nn.ReLU(), nn.Linear(64, 10))
    if name == "emb_lstm":
        return nn.Sequential(nn.Embedding(VOCAB, 16), LastStep(nn.LSTM(16, 32, batch_first=True)),
                             nn.Linear(32, 1))
    if name == "emb_gru":
        return nn.Sequential(nn.Embedding(VOCAB, 16), LastStep(nn.GRU(16, 32, batch_first=True)),
                             nn.Linear(32, 1))
    if name == "emb_conv1d":
        return nn.Sequential(nn.Embedding(VOCAB, 16), ChannelsLast1d(), nn.Linear(32, 1))
    if name == "ts_lstm":
        return nn.Sequential(LastStep(nn.LSTM(1, 32, batch_first=True)), nn.Linear(32, 1))
    raise ValueError(name)


def data(name):
    g = torch.Generator().manual_seed(42)
    if name == "mlp":
        return torch.rand(SAMPLES, 784, generator=g), torch.randint(0, 10, (SAMPLES,), generator=g)
    if name == "cnn":
        return (torch.rand(SAMPLES, 1, 28, 28, generator=g),
                torch.randint(0, 10, (SAMPLES,), generator=g))
    if name.startswith("emb_"):
        return (torch.randint(0, VOCAB, (SAMPLES, TOKENS), generator=g),
                torch.randint(0, 2, (SAMPLES, 1), generator=g).float())
    t = torch.arange(TS_WINDOW + 1).float() * 0.2
    phase = torch.rand(SAMPLES, 1, generator=g) * 6.283
    series = torch.sin(phase + t)
    return series[:, :TS_WINDOW].unsqueeze(-1), series[:, TS_WINDOW:]


def loss_fn(name):
    if name in ("mlp", "cnn"):
        return nn.CrossEntropyLoss()
    if name == "ts_lstm":
        return nn.MSELoss()
    return nn.BCEWithLogitsLoss()


def run(name, repeats):
    torch.manual_seed(0)
    model, (x, y), crit = build(name), data(name), loss_fn(name)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step(xb, yb):
        opt.zero_grad()
        loss = crit(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.item()

    step(x[:BATCH], y[:BATCH])  # warm-up, not timed
    best, final_loss = float("inf"), None
    for r in range(repeats):
        start = time.perf_counter()
        losses = []
        for _ in range(EPOCHS):
            losses = [step(x[i:i + BATCH], y[i:i + BATCH]) for i in range(0, SAMPLES, BATCH)]
        best = min(best, time.perf_counter() - start)
        if r == 0:
            final_loss = sum(losses) / len(losses)
    return {"model": name, "seconds": best, "steps": EPOCHS * SAMPLES // BATCH,
            "finalLoss": final_loss}


FMNIST_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "datasets", "images",
                          "fashion-mnist-subset")


def read_idx(name):
    """An IDX file of unsigned bytes (gzip), as a uint8 tensor of its dims."""
    with gzip.open(os.path.join(FMNIST_DIR, name), "rb") as f:
        data = f.read()
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return torch.frombuffer(bytearray(data[4 + 4 * rank:]), dtype=torch.uint8).reshape(dims)


def fashion_cnn():
    """buildFashionCnn() of src/tf/models/fashion.ts (channels first; same layers and sizes)."""
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))


def fmnist_to85(seed, max_epochs, target):
    x = read_idx("train-images-idx3-ubyte.gz").float().div(255).unsqueeze(1)
    y = read_idx("train-labels-idx1-ubyte.gz").long()
    tx = read_idx("t10k-images-idx3-ubyte.gz").float().div(255).unsqueeze(1)
    ty = read_idx("t10k-labels-idx1-ubyte.gz").long()
    torch.manual_seed(seed)
    model = fashion_cnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    crit = nn.CrossEntropyLoss()

    def step(xb, yb):
        opt.zero_grad()
        loss = crit(model(xb), yb)
        loss.backward()
        opt.step()

    step(x[:BATCH], y[:BATCH])  # warm-up, not timed (as on the TF.js side)
    g = torch.Generator().manual_seed(seed)
    seconds, accuracies, epochs = 0.0, [], None
    for epoch in range(max_epochs):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), BATCH):
            idx = order[i:i + BATCH]
            step(x[idx], y[idx])
        seconds += time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            acc = (model(tx).argmax(1) == ty).float().mean().item()
        accuracies.append(acc)
        if acc >= target:
            epochs = epoch + 1
            break
    return {"side": f"pytorch-{torch.get_num_threads()}t", "seed": seed, "epochs": epochs,
            "seconds": seconds, "secondsPerEpoch": seconds / len(accuracies),
            "accuracies": accuracies, "version": torch.__version__}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=1,
                        help="torch intra-op threads; 0 keeps PyTorch's default (all cores)")
    parser.add_argument("--models", default=",".join(MODELS), help="comma-separated names")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs, fastest kept")
    parser.add_argument("--fmnist-to85", action="store_true", help="lab 13's CNN to --target")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-epochs", type=int, default=10)
    parser.add_argument("--target", type=float, default=0.85)
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    config = f"pytorch-{args.threads}t" if args.threads > 0 else "pytorch-default"
    if args.fmnist_to85:
        print(json.dumps(fmnist_to85(args.seed, args.max_epochs, args.target)), flush=True)
        return
    for name in args.models.split(","):
        result = run(name, args.repeats)
        result["config"] = config
        result["threads"] = torch.get_num_threads()
        result["version"] = torch.__version__
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
