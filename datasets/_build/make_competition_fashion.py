#!/usr/bin/env python3
"""Builds datasets/competitions/fashion-new/: 3,000 Fashion-MNIST images (300 per class) from the
60k TRAINING file that are NOT in the bundled subset (and the held-out grading images come from
t10k, so none of these is anywhere else in the course). The practice competition "fashion-new"
(src/compete/) splits them 2,000 train / 1,000 test. Source: Debian's dataset-fashion-mnist
(MIT, Zalando SE 2017), /usr/share/datasets/fashion-mnist/train-*. Run from the repository root:

    apt-get install dataset-fashion-mnist && /usr/bin/python3 datasets/_build/make_competition_fashion.py
"""
import os, sys

sys.path.insert(0, os.path.dirname(__file__))
from fashion_idx import write_unbundled_sample

write_unbundled_sample("train", per_class=300, seed=1616, out="datasets/competitions/fashion-new")
