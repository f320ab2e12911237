#!/usr/bin/env python3
"""Builds datasets/heldout/fashion-mnist/: 2,000 Fashion-MNIST test images (200 per class)
that are NOT in the bundled subset, for grading trained models on images the learner's
loaders never return. Source: Debian's dataset-fashion-mnist (MIT, Zalando SE 2017),
/usr/share/datasets/fashion-mnist/t10k-*. Run from the repository root:

    apt-get install dataset-fashion-mnist && python3 datasets/_build/make_heldout.py
"""
import os, sys

sys.path.insert(0, os.path.dirname(__file__))
from fashion_idx import write_unbundled_sample

write_unbundled_sample("t10k", per_class=200, seed=2026, out="datasets/heldout/fashion-mnist")
