/**
 * Drift statistics for monitoring a deployed model: the platform's own copy, used by lab 18's
 * checks and notebook as the reference, and tested against scipy-computed fixtures
 * (datasets/fixtures/scipy-drift.json, built by datasets/_build/make_drift_fixtures.py).
 * The learner writes psi, the KS statistic and the Jensen–Shannon distance themselves in
 * solutions/18-monitoring.ts; the KS p-value (a lattice-path computation) is given from here.
 *
 * Conventions (the same as the lab's):
 *   - PSI bins: the reference sample's quantiles at 1/bins, 2/bins, … (numpy's default linear
 *     interpolation) are the interior edges; the outer bins are open, so current values
 *     outside the reference range still land in the first or last bin. A value equal to an
 *     edge goes to the bin ABOVE it (numpy.searchsorted(edges, x, side="right")).
 *   - PSI = Σ (cᵢ − rᵢ)·ln(cᵢ / rᵢ) over bin shares; a share of exactly 0 is replaced by
 *     epsilon = 1e-4 first (Evidently's fill value), so an empty bin gives a large but finite term.
 *   - Jensen–Shannon distance in base 2 (in [0, 1]), as Evidently's default and
 *     scipy.spatial.distance.jensenshannon(p, q, base=2).
 * What Evidently does (its source, src/evidently/calculations/stattests/): psi and
 * jensenshannon both default to threshold 0.1 (drift when the value is ≥ it); JS calls
 * distance.jensenshannon(…, base=2); empty shares become 0.0001 for PSI. Its numeric binning
 * differs from ours: numpy.histogram_bin_edges(reference + current, bins="sturges"), i.e.
 * equal-width bins over BOTH samples — here the bins are the reference's deciles, the
 * textbook PSI, so a batch never moves its own bins. Its default drift method for a numeric
 * column with ≤ 1 000 reference rows is the two-sample KS test at p < 0.05; above that,
 * the normed Wasserstein distance (0.1); JS (0.1) is the default for categorical columns
 * of large data.
 */

/** numpy.quantile's default ("linear") quantile of an ASCENDING array, q in [0, 1]. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error("quantile: the sample is empty.");
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be in [0, 1], got ${q}.`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** The bins − 1 interior bin edges: the reference's quantiles at k / bins, k = 1 … bins − 1. */
export function quantileEdges(reference: readonly number[], bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 2)
    throw new Error(`bins must be an integer ≥ 2, got ${bins}.`);
  const sorted = ascending(reference);
  return Array.from({ length: bins - 1 }, (_, k) => quantileSorted(sorted, (k + 1) / bins));
}

/** Number of edges ≤ x (numpy.searchsorted(edges, x, side="right")): the bin of x. */
export function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The share of `values` in each of the edges.length + 1 bins (sums to 1). */
export function binShares(values: readonly number[], edges: readonly number[]): number[] {
  if (values.length === 0) throw new Error("binShares: no values.");
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) counts[binOf(edges, v)]++;
  return counts.map((c) => c / values.length);
}

/** The fill value for an empty bin's share in PSI (Evidently uses the same 0.0001). */
export const PSI_EPSILON = 1e-4;

/** PSI of `current` against `reference` on the reference's quantile bins. */
export function psi(
  reference: readonly number[],
  current: readonly number[],
  options: { bins?: number; epsilon?: number } = {},
): number {
  const eps = options.epsilon ?? PSI_EPSILON;
  const edges = quantileEdges(reference, options.bins ?? 10);
  const r = binShares(reference, edges);
  const c = binShares(current, edges);
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] === 0 ? eps : r[i];
    const ci = c[i] === 0 ? eps : c[i];
    total += (ci - ri) * Math.log(ci / ri);
  }
  return total;
}

/** The usual reading of a PSI value: < 0.1 stable, 0.1 – 0.25 moderate, > 0.25 major. */
export function psiLevel(value: number): "stable" | "moderate" | "major" {
  if (value < 0.1) return "stable";
  if (value <= 0.25) return "moderate";
  return "major";
}

/**
 * The two-sample Kolmogorov–Smirnov statistic D = sup |F₁(x) − F₂(x)| (scipy.stats.ks_2samp's
 * statistic). Both empirical CDFs are evaluated after ALL copies of a tied value.
 */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) throw new Error("ksStatistic: a sample is empty.");
  const x = ascending(a);
  const y = ascending(b);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Exact P(D ≥ d) for sample sizes n1, n2 under H₀ (continuous data): the share of the
 * C(n1 + n2, n1) equally likely merge orders whose ECDF gap ever reaches d. Computed as the
 * probability mass of a random lattice path absorbed at the boundary |i/n1 − j/n2| ≥ d, so
 * small p-values keep their precision. O(n1·n2) time, O(n2) memory.
 * d is first rounded to the lattice, h / lcm(n1, n2), as scipy does.
 */
export function ksPValueExact(d: number, n1: number, n2: number): number {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  if (h === 0) return 1;
  const a = lcm / n1;
  const b = lcm / n2;
  const outside = (i: number, j: number) => Math.abs(i * a - j * b) >= h;
  let row = new Float64Array(n2 + 1); // mass at (i, j) for the current i
  row[0] = 1;
  let out = 0;
  for (let i = 0; i <= n1; i++) {
    const next = new Float64Array(n2 + 1);
    for (let j = 0; j <= n2; j++) {
      const mass = row[j];
      if (mass === 0) continue;
      if (outside(i, j)) {
        out += mass;
        continue;
      }
      const left = n1 - i + (n2 - j);
      if (left === 0) continue;
      if (i < n1) next[j] += (mass * (n1 - i)) / left;
      if (j < n2) row[j + 1] += (mass * (n2 - j)) / left;
    }
    row = next;
  }
  return Math.min(1, Math.max(0, out));
}

/**
 * P(Dₙ ≤ d) for the one-sample Kolmogorov statistic with n observations, exact, by Durbin's
 * matrix method as written by Marsaglia, Tsang and Wang (2003) (scipy's _kolmogn_DMTW).
 */
export function kolmogorovCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const H: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const v = new Array<number>(m);
  const w = new Array<number>(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r][i] = w[r - i + 1];
  for (let r = 0; r < m; r++) H[r][0] = v[r];
  for (let c = 0; c < m; c++) H[m - 1][c] = v[m - 1 - c];

  const E = 128;
  const BIG = 2 ** E;
  const multiply = (A: number[][], B: number[][]) =>
    A.map((rowA) => {
      const out = new Array<number>(m).fill(0);
      for (let t = 0; t < m; t++) {
        const x = rowA[t];
        if (x === 0) continue;
        const rowB = B[t];
        for (let c = 0; c < m; c++) out[c] += x * rowB[c];
      }
      return out;
    });
  let power: number[][] = Array.from({ length: m }, (_, r) =>
    Array.from({ length: m }, (_, c) => (r === c ? 1 : 0)),
  );
  let base = H;
  let nn = n;
  let expnt = 0;
  let baseExpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = multiply(power, base);
      expnt += baseExpnt;
    }
    base = multiply(base, base);
    baseExpnt *= 2;
    if (Math.abs(base[k - 1][k - 1]) > BIG) {
      base = base.map((r) => r.map((x) => x / BIG));
      baseExpnt += E;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power[k - 1][k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / BIG) {
      p *= BIG;
      expnt -= E;
    }
  }
  if (expnt !== 0) p *= 2 ** expnt;
  return Math.min(1, Math.max(0, p));
}

/**
 * scipy.stats.ks_2samp's method="asymp" (two-sided): the one-sample Kolmogorov distribution's
 * survival function at d with n = round(n1·n2 / (n1 + n2)). scipy evaluates it with several
 * algorithms (Pelz–Good above n = 140); this one is exact, so they differ by up to ~2e-6 there.
 */
export function ksPValueAsymptotic(d: number, n1: number, n2: number): number {
  const en = Math.round((n1 * n2) / (n1 + n2));
  return Math.min(1, Math.max(0, 1 - kolmogorovCdf(en, d)));
}

/** The largest sample size for which "auto" computes the exact p-value (scipy's MAX_AUTO_N). */
export const KS_MAX_EXACT_N = 10000;

/**
 * The two-sided p-value of a KS statistic d for sample sizes n1 and n2, as scipy.stats.ks_2samp
 * computes it: method "auto" (the default) is exact when max(n1, n2) ≤ 10 000, else "asymp".
 */
export function ksPValue(
  d: number,
  n1: number,
  n2: number,
  method: "auto" | "exact" | "asymp" = "auto",
): number {
  if (!(n1 >= 1 && n2 >= 1)) throw new Error("ksPValue: both sample sizes must be ≥ 1.");
  const exact = method === "exact" || (method === "auto" && Math.max(n1, n2) <= KS_MAX_EXACT_N);
  return exact ? ksPValueExact(d, n1, n2) : ksPValueAsymptotic(d, n1, n2);
}

/** scipy.stats.ks_2samp(a, b) (two-sided): the statistic and its p-value. */
export function ks2Sample(
  a: readonly number[],
  b: readonly number[],
  method: "auto" | "exact" | "asymp" = "auto",
): { statistic: number; pValue: number } {
  const statistic = ksStatistic(a, b);
  return { statistic, pValue: ksPValue(statistic, a.length, b.length, method) };
}

/**
 * The Jensen–Shannon DISTANCE between two distributions given as non-negative weights (each
 * normalised to sum 1): √((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2, logs in `base`
 * (default 2, so the result is in [0, 1]). scipy.spatial.distance.jensenshannon(p, q, base).
 */
export function jensenShannonDistance(
  p: readonly number[],
  q: readonly number[],
  base = 2,
): number {
  if (p.length !== q.length) throw new Error("jensenShannonDistance: lengths differ.");
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / sp;
    const qi = q[i] / sq;
    const mi = (pi + qi) / 2;
    if (pi > 0) kl += pi * Math.log(pi / mi);
    if (qi > 0) kl += qi * Math.log(qi / mi);
  }
  return Math.sqrt(Math.max(0, kl / 2) / Math.log(base));
}

/** Jensen–Shannon distance (base 2) of a feature's shares on the reference's quantile bins. */
export function jsFeatureDistance(
  reference: readonly number[],
  current: readonly number[],
  bins = 10,
): number {
  const edges = quantileEdges(reference, bins);
  return jensenShannonDistance(binShares(reference, edges), binShares(current, edges));
}
