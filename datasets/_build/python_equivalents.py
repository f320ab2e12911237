"""Maintainers only: the Python side of every lab's "The same in Python" table.

Run with Debian's Python (numpy, scipy, scikit-learn and PyTorch from apt):

    npx tsx scripts/python-names.ts | /usr/bin/python3 datasets/_build/python_equivalents.py
    npm run format   # the fixture in the project's JSON style

It reads, on stdin, the dotted Python names the tables mention (one per line), checks that
each one that belongs to numpy, scipy, scikit-learn or torch exists in the installed version,
computes the reference values below on small fixed inputs, and writes
tests/fixtures/python-equivalents.json. tests/course/python-equivalents.test.ts runs the
TypeScript side of each row on the same inputs and must reproduce these values. Learners never
need Python. Keras, TensorFlow and pandas are not packaged in Debian: their names were checked
against the libraries' documentation instead (see the table files).
"""

import importlib
import json
import pathlib
import sys

import numpy as np
import scipy
import scipy.spatial.distance
import scipy.special
import scipy.stats
import sklearn
import sklearn.cluster
import sklearn.decomposition
import sklearn.feature_extraction.text as sktext
import sklearn.linear_model
import sklearn.metrics
import sklearn.metrics.pairwise
import sklearn.preprocessing
import torch

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "python-equivalents.json"
CHECKED_LIBRARIES = ("numpy", "scipy", "sklearn", "torch")


def resolve(name):
    """True when a dotted name (module path + attributes) exists."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def as_list(value):
    if isinstance(value, torch.Tensor):
        value = value.detach().numpy()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value


# The shared small inputs (the test file repeats them literally).
X = np.array([[1, 1], [1, 2], [1, 3], [1, 5]], dtype=float)  # first column: the bias
y = np.array([1, 2, 2, 4], dtype=float)
w = np.array([0.5, 0.5])
D = np.array([[2, 0], [0, 1], [3, 4], [1, 1], [4, 3]], dtype=float)
v = np.array([2, 4, 4, 4, 5, 5, 7, 9], dtype=float)
u = np.array([1, 3, 2, 5, 4, 6, 8, 7], dtype=float)
labels_true = np.array([0, 1, 2, 2, 1, 0, 1, 2])
labels_pred = np.array([0, 2, 2, 2, 1, 0, 0, 1])
binary_true = np.array([0, 0, 1, 1, 0, 1, 1, 0])
scores = np.array([0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.55])
clusters = np.array([[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5]], dtype=float)
cluster_labels = np.array([0, 0, 0, 1, 1, 1])

values = {}

# 01 gradient descent
values["01/mse"] = sklearn.metrics.mean_squared_error(y, X @ w)
values["01/gradient"] = (2 / len(y)) * X.T @ (X @ w - y)
values["01/normal-equation"] = np.linalg.lstsq(X, y, rcond=None)[0]

# 02 linear algebra
a, b = np.array([1.0, 2.0, 3.0]), np.array([4.0, -5.0, 6.0])
values["02/dot"] = np.dot(a, b)
values["02/norm"] = np.linalg.norm(a)
values["02/matmul"] = np.array([[1, 2], [3, 4]]) @ np.array([[5, 6, 7], [8, 9, 10]])
values["02/cov"] = np.cov(D, rowvar=False)
pca = sklearn.decomposition.PCA(n_components=2).fit(D)
values["02/pca-explained-variance"] = pca.explained_variance_
values["02/pca-ratio"] = pca.explained_variance_ratio_

# 03 probability and statistics
values["03/mean"] = np.mean(v)
values["03/var-ddof1"] = np.var(v, ddof=1)
values["03/pearson"] = scipy.stats.pearsonr(v, u)[0]
values["03/quantile"] = np.quantile(v, 0.3)
values["03/norm-logpdf-sum"] = scipy.stats.norm.logpdf(v, loc=5, scale=2).sum()

# 04 data preparation
train = np.array([[1.0, 10.0], [2.0, 20.0], [4.0, 60.0]])
test = np.array([[3.0, 30.0]])
values["04/standard-scaler"] = sklearn.preprocessing.StandardScaler().fit(train).transform(test)
values["04/min-max-scaler"] = sklearn.preprocessing.MinMaxScaler().fit(train).transform(test)
q1, q3 = np.percentile(v, [25, 75])
values["04/iqr-flags"] = ((v < q1 - 1.5 * (q3 - q1)) | (v > q3 + 1.5 * (q3 - q1))).astype(int)

# 05 linear and logistic regression
ridge = sklearn.linear_model.Ridge(alpha=len(y) * 0.25).fit(X[:, 1:], y)  # ours: alpha = 0.25
values["05/ridge"] = [ridge.intercept_, *ridge.coef_]
lasso = sklearn.linear_model.Lasso(alpha=0.2, tol=1e-12, max_iter=100000).fit(X[:, 1:], y)
values["05/lasso"] = [lasso.intercept_, *lasso.coef_]
values["05/sigmoid"] = scipy.special.expit(0.7)
values["05/log-loss"] = sklearn.metrics.log_loss(binary_true, scores)
values["05/logsumexp"] = scipy.special.logsumexp([1000.0, 1001.0, 999.0])
values["05/softmax"] = scipy.special.softmax([1.0, 2.0, 3.0])

# 06 decision trees
counts = np.array([3, 1, 2])
p = counts / counts.sum()
values["06/gini"] = 1 - np.sum(p**2)
values["06/entropy-bits"] = scipy.stats.entropy(counts, base=2)

# 07 random forests
values["07/majority"] = np.bincount([2, 0, 2, 1, 0, 2], minlength=3).argmax()

# 08 support vector machines
A = np.array([[0.0, 1.0], [1.0, 1.0]])
B = np.array([[1.0, 0.0], [2.0, 2.0], [0.0, 0.0]])
values["08/rbf-kernel"] = sklearn.metrics.pairwise.rbf_kernel(A, B, gamma=0.5)
signed = np.array([1, -1, 1, -1])
margins = np.array([2.0, 0.3, 0.5, -1.5])
values["08/hinge"] = np.maximum(0, 1 - signed * margins)

# 09 k-means
values["09/silhouette"] = sklearn.metrics.silhouette_score(clusters, cluster_labels)
values["09/ari"] = sklearn.metrics.adjusted_rand_score(labels_true, labels_pred)
centroids = np.array([clusters[:3].mean(axis=0), clusters[3:].mean(axis=0)])
values["09/inertia"] = sklearn.cluster.KMeans(
    n_clusters=2, init=centroids, n_init=1, max_iter=1
).fit(clusters).inertia_

# 10 evaluation and tuning
values["10/confusion"] = sklearn.metrics.confusion_matrix(labels_true, labels_pred)
values["10/macro-f1"] = sklearn.metrics.f1_score(labels_true, labels_pred, average="macro")
values["10/roc-auc"] = sklearn.metrics.roc_auc_score(binary_true, scores)
values["10/r2"] = sklearn.metrics.r2_score(y, X @ w)
values["10/mae"] = sklearn.metrics.mean_absolute_error(y, X @ w)

# 11 TensorFlow.js fundamentals (PyTorch stands in for the autograd side)
wt = torch.tensor(w, requires_grad=True)
loss = torch.mean((torch.tensor(X) @ wt - torch.tensor(y)) ** 2)
loss.backward()
values["11/autograd-mse"] = wt.grad
values["11/one-hot"] = torch.nn.functional.one_hot(torch.tensor([2, 0, 1]), 3)

# 12 regression network
values["12/normalizer-std"] = np.std(train, axis=0)  # population std, as Keras' Normalization

# 13 image classification: parameter counts
values["13/conv-params"] = sum(p.numel() for p in torch.nn.Conv2d(1, 16, 3).parameters())
values["13/dense-params"] = sum(p.numel() for p in torch.nn.Linear(784, 128).parameters())

# 15 natural language (ids 2, 3, 4 are the words w2, w3, w4; 0 pads, 1 is unknown)
tfidf = sktext.TfidfVectorizer(vocabulary={"w2": 0, "w3": 1, "w4": 2}, token_pattern=r"\S+")
tfidf.fit(["w2 w3", "w2", "w3 w4 w4"])
values["15/tfidf"] = tfidf.transform(["w2 w3 w3", "w4"]).toarray()
values["15/cross-entropy"] = sklearn.metrics.log_loss(
    [1, 0, 2], [[0.1, 0.6, 0.3], [0.5, 0.25, 0.25], [0.2, 0.2, 0.6]], labels=[0, 1, 2]
)

# 16 time series
series = np.arange(1.0, 9.0)
win = np.lib.stride_tricks.sliding_window_view(series, 3)[:-1]  # windows with a next value
values["16/windows-x"] = win
values["16/windows-y"] = series[3:]
values["16/huber"] = torch.nn.functional.huber_loss(
    torch.tensor([0.5, 3.0, -0.2]), torch.tensor([0.0, 0.0, 0.0]), delta=1.0
)

# 18 monitoring
ks_a = [0.1, 0.5, 0.9, 1.3, 2.0, 2.2, 3.1]
ks_b = [0.4, 0.6, 1.0, 2.5, 2.7, 3.5, 3.9, 4.0]
values["18/ks-statistic"] = scipy.stats.ks_2samp(ks_a, ks_b).statistic
values["18/js-distance"] = scipy.spatial.distance.jensenshannon([1, 2, 3, 4], [4, 3, 2, 2], base=2)


names = sorted({line.strip() for line in sys.stdin if line.strip()})
checkable = [n for n in names if n.split(".")[0] in CHECKED_LIBRARIES]
missing = [n for n in checkable if not resolve(n)]

result = {
    "generatedBy": "datasets/_build/python_equivalents.py",
    "versions": {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "torch": torch.__version__,
    },
    "namesChecked": checkable,
    "namesMissing": missing,
    "values": {k: as_list(val) for k, val in values.items()},
}
OUT.write_text(json.dumps(result, indent=1) + "\n")
print(f"wrote {OUT} ({len(values)} values, {len(checkable)} names checked, {len(missing)} missing)")
if missing:
    print("missing:", ", ".join(missing))
    sys.exit(1)
