#!/usr/bin/env python3
"""Builds (python3 + numpy only) datasets/exam/austen-heldout.json.gz: 70 passages per novel from the six Jane Austen
novels in r-cran-janeaustenr (MIT; the novels are public domain), cut into paragraphs exactly
as make_datasets.py does, none of them in text/austen_passages.csv. The mock exam scores text
models on these; no learner loader returns them (gzip JSON, not a CSV). From the repo root:

    apt-get install r-base-core r-cran-janeaustenr
    Rscript datasets/_build/export_austen.R /tmp/austen_lines.csv
    python3 datasets/_build/make_exam_text.py /tmp/austen_lines.csv
"""
import csv, gzip, json, sys
import numpy as np

PER_BOOK = 70  # Northanger Abbey has only 73 paragraphs left after the bundled 400
with open(sys.argv[1], newline="") as f:
    lines = list(csv.DictReader(f))
with open("datasets/text/austen_passages.csv", newline="") as f:
    bundled = list(csv.DictReader(f))
books = list(dict.fromkeys(r["book"] for r in bundled))  # the bundled target order
seen = {r["text"] for r in bundled}
paras = []
for book in dict.fromkeys(r["book"] for r in lines):
    buf = []
    for t in [r["text"] for r in lines if r["book"] == book] + [""]:
        if t.strip() == "":
            if buf:
                p = " ".join(buf)
                nw = len(p.split())
                if 20 <= nw <= 120 and not p.isupper() and not p.startswith("CHAPTER") and p not in seen:
                    paras.append((book, p))
                buf = []
        else:
            buf.append(t.strip())
print({b: sum(1 for x, _ in paras if x == b) for b in books}, "unused passages per novel")
rng = np.random.default_rng(2026)
texts, targets = [], []
for target, book in enumerate(books):
    pool = [p for b, p in paras if b == book]
    for i in sorted(rng.choice(len(pool), size=PER_BOOK, replace=False)):
        texts.append(pool[i])
        targets.append(target)
with gzip.GzipFile("datasets/exam/austen-heldout.json.gz", "wb", mtime=0) as f:
    f.write(json.dumps({"books": books, "texts": texts, "targets": targets}).encode())
print(len(texts), "held-out passages;", {b: targets.count(i) for i, b in enumerate(books)})
