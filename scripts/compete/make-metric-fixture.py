#!/usr/bin/env python3
"""Maintainer script: computes the competition metrics with scikit-learn on fixed random cases
and writes tests/fixtures/compete/metrics.json, which tests/compete/metrics.test.ts compares with
src/compete/metrics.ts. Learners never need Python. Run from the repository root (Debian's
python3-sklearn 1.2.1, numpy 1.24):

    /usr/bin/python3 scripts/compete/make-metric-fixture.py && npm run format
"""
import json
import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, f1_score, log_loss, mean_squared_error

rng = np.random.default_rng(16)
cases = []

def label_case(name, y_true, y_pred):
    cases.append({
        "name": name, "kind": "labels",
        "y_true": [int(v) for v in y_true], "y_pred": [int(v) for v in y_pred],
        "accuracy": accuracy_score(y_true, y_pred),
        "macro_f1": f1_score(y_true, y_pred, average="macro"),
    })

# Ten classes, a noisy classifier that never predicts class 6 (its F1 counts as 0).
y = rng.integers(0, 10, 300)
p = np.where(rng.random(300) < 0.7, y, rng.integers(0, 10, 300))
p[p == 6] = 0
label_case("10 classes, class 6 never predicted", y, p)
# Binary, imbalanced.
y = (rng.random(120) < 0.2).astype(int)
p = np.where(rng.random(120) < 0.8, y, 1 - y)
label_case("binary, imbalanced", y, p)
# A predicted label that never occurs in y_true (it joins the average with F1 0).
label_case("a predicted label absent from y_true", [0, 0, 1, 1, 2, 2, 0, 1], [0, 1, 1, 1, 2, 3, 0, 3])
label_case("all correct", [3, 1, 2, 3, 1], [3, 1, 2, 3, 1])

for n, scale in [(150, 5.0), (37, 0.01)]:
    y = rng.normal(20, 6, n)
    p = y + rng.normal(0, scale, n)
    cases.append({"name": f"regression n={n}", "kind": "values", "y_true": y.tolist(), "y_pred": p.tolist(),
                  "rmse": mean_squared_error(y, p, squared=False)})

y = (rng.random(200) < 0.37).astype(int)
prob = np.clip(0.37 + 0.4 * (y - 0.37) + rng.normal(0, 0.2, 200), 0.01, 0.99)
cases.append({"name": "probabilities", "kind": "probabilities", "y_true": y.tolist(), "y_pred": prob.tolist(),
              "log_loss": log_loss(y, prob, eps=1e-15)})
y = [1, 0, 1, 0, 1, 1]
prob = [1.0, 0.0, 0.0, 0.2, 0.9, 0.5]
cases.append({"name": "probabilities 0 and 1 (clipped at 1e-15)", "kind": "probabilities", "y_true": y, "y_pred": prob,
              "log_loss": log_loss(y, prob, eps=1e-15)})

out = {"generated_by": "scripts/compete/make-metric-fixture.py", "sklearn": sklearn.__version__,
       "numpy": np.__version__, "cases": cases}
with open("tests/fixtures/compete/metrics.json", "w") as f:
    json.dump(out, f, indent=1)
print(len(cases), "cases written to tests/fixtures/compete/metrics.json")
