"""Lab 20 (responsible AI), development time only: Debian /usr/bin/python3 (numpy and
scikit-learn 1.2; no pandas, no fairlearn).

1. Adds the fixed split "arrests" to datasets/splits/splits.json (train_test_split,
   test_size 0.2, random_state 42, stratified by the target, like every other split).
2. Writes src/course/labs/fixtures/20-responsible-ai.json: expected values the lab's checks
   compare with, computed here independently of the TypeScript code:
   - fairness metrics on a small fixed example, per group from sklearn's confusion_matrix,
     aggregated as Fairlearn defines them (fairlearn/metrics/_fairness_metrics.py:
     demographic_parity_difference = max - min selection rate, _ratio = min / max,
     equalized_odds_difference = max(TPR difference, FPR difference), "between_groups");
   - partial dependence from sklearn.inspection.partial_dependence (method="brute",
     kind="average") of a scikit-learn LogisticRegression whose coefficients are stored;
   - UCBAdmissions admission rates (overall and per department) from the exported CSV.

Usage (from the repo root): /usr/bin/python3 datasets/_build/make_responsible_ai.py
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.inspection import partial_dependence
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

SEED = 42

# ------------------------------------------------------------------ 1. the arrests split
with open("datasets/tabular/arrests.csv") as f:
    target = np.array([int(row["target"]) for row in csv.DictReader(f)])
assert len(target) == 5226
idx = np.arange(len(target))
tr, te = train_test_split(idx, test_size=0.2, random_state=SEED, stratify=target)
with open("datasets/splits/splits.json") as f:
    splits = json.load(f)
splits["arrests"] = {
    "n": int(len(target)),
    "method": "sklearn.model_selection.train_test_split(test_size=0.2, random_state=42, stratify=y)",
    "train": [int(i) for i in tr],
    "test": [int(i) for i in te],
}
with open("datasets/splits/splits.json", "w") as f:
    json.dump(splits, f, indent=2)
    f.write("\n")

# ------------------------------------------------------------------ 2a. fairness metrics
# 30 rows, three groups of different sizes and base rates (fixed by hand, not random).
groups = ["a"] * 12 + ["b"] * 10 + ["c"] * 8
y_true = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
          1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
          1, 1, 1, 1, 1, 0, 0, 0]
y_pred = [1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0,
          1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
          1, 1, 1, 1, 1, 1, 1, 0]
g = np.array(groups)
yt = np.array(y_true)
yp = np.array(y_pred)
per_group = {}
for name in sorted(set(groups)):
    m = g == name
    tn, fp, fn, tp = confusion_matrix(yt[m], yp[m], labels=[0, 1]).ravel()
    per_group[name] = {
        "n": int(m.sum()),
        "selectionRate": float((tp + fp) / m.sum()),
        "tpr": float(tp / (tp + fn)),
        "fpr": float(fp / (fp + tn)),
        "baseRate": float(yt[m].mean()),
    }
sel = [v["selectionRate"] for v in per_group.values()]
tpr = [v["tpr"] for v in per_group.values()]
fpr = [v["fpr"] for v in per_group.values()]
fairness = {
    "groups": groups,
    "yTrue": y_true,
    "yPred": y_pred,
    "perGroup": per_group,
    "demographicParityDifference": float(max(sel) - min(sel)),
    "demographicParityRatio": float(min(sel) / max(sel)),
    "truePositiveRateDifference": float(max(tpr) - min(tpr)),
    "falsePositiveRateDifference": float(max(fpr) - min(fpr)),
    "equalizedOddsDifference": float(max(max(tpr) - min(tpr), max(fpr) - min(fpr))),
}

# ------------------------------------------------------------------ 2b. partial dependence
rng = np.random.default_rng(SEED)
X = np.round(rng.normal(size=(40, 3)), 3)
logit = 1.5 * X[:, 0] - 1.0 * X[:, 1] + 0.5 * X[:, 0] * X[:, 2]
y = (logit + rng.normal(scale=0.7, size=40) > 0).astype(int)
model = LogisticRegression(C=1.0).fit(X, y)
pd_result = partial_dependence(model, X, [1], grid_resolution=7, percentiles=(0, 1),
                               method="brute", kind="average")
grid_key = "values" if "values" in pd_result else "grid_values"
partial = {
    "x": X.tolist(),
    "y": y.tolist(),
    "C": 1.0,
    "coef": model.coef_[0].tolist(),
    "intercept": float(model.intercept_[0]),
    "feature": 1,
    "grid": [float(v) for v in pd_result[grid_key][0]],
    "average": [float(v) for v in pd_result["average"][0]],
}

# ------------------------------------------------------------------ 2c. UCBAdmissions
with open("datasets/tabular/ucb_admissions.csv") as f:
    ucb = [dict(row, count=int(row["count"])) for row in csv.DictReader(f)]


def rate(rows):
    admitted = sum(r["count"] for r in rows if r["admit"] == "Admitted")
    return float(admitted / sum(r["count"] for r in rows))


genders = ["Male", "Female"]
ucb_rates = {
    "overall": {gd: rate([r for r in ucb if r["gender"] == gd]) for gd in genders},
    "byDept": {
        dept: {gd: rate([r for r in ucb if r["dept"] == dept and r["gender"] == gd])
               for gd in genders}
        for dept in sorted({r["dept"] for r in ucb})
    },
    "applicants": {gd: sum(r["count"] for r in ucb if r["gender"] == gd) for gd in genders},
}

fixture = {
    "generatedBy": "datasets/_build/make_responsible_ai.py (numpy %s, scikit-learn %s)"
    % (np.__version__, sklearn.__version__),
    "fairness": fairness,
    "partialDependence": partial,
    "ucbAdmissions": ucb_rates,
}
with open("src/course/labs/fixtures/20-responsible-ai.json", "w") as f:
    json.dump(fixture, f, indent=2)
    f.write("\n")
print(json.dumps({k: v for k, v in fairness.items() if k not in ("groups", "yTrue", "yPred")}, indent=1))
print(partial["grid"], partial["average"])
print(ucb_rates["overall"])
