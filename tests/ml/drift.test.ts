import { describe, expect, it } from "vitest";
import {
  binShares,
  jensenShannonDistance,
  jsFeatureDistance,
  kolmogorovCdf,
  ks2Sample,
  ksPValueAsymptotic,
  ksPValueExact,
  ksStatistic,
  psi,
  psiLevel,
  quantileEdges,
} from "../../src/ml/drift";
import { driftFixtures } from "../../src/ml/drift-fixtures";

const fx = driftFixtures();
const maxDiff: Record<string, number> = {};
const track = (what: string, got: number, want: number) => {
  maxDiff[what] = Math.max(maxDiff[what] ?? 0, Math.abs(got - want));
};

describe(`drift statistics vs scipy ${fx.scipy} / numpy ${fx.numpy} fixtures`, () => {
  it.each(fx.pairs.map((p) => [p.name, p] as const))("%s", (_, pair) => {
    const edges = quantileEdges(pair.reference, 10);
    expect(edges).toHaveLength(9);
    edges.forEach((e, i) => {
      expect(e).toBeCloseTo(pair.psi.edges[i], 12);
    });
    const r = binShares(pair.reference, edges);
    const c = binShares(pair.current, edges);
    r.forEach((v, i) => {
      expect(v === 0 ? fx.psiEpsilon : v).toBeCloseTo(pair.psi.referenceShares[i], 12);
    });
    c.forEach((v, i) => {
      expect(v === 0 ? fx.psiEpsilon : v).toBeCloseTo(pair.psi.currentShares[i], 12);
    });
    const value = psi(pair.reference, pair.current);
    expect(value).toBeCloseTo(pair.psi.value, 10);
    track("psi", value, pair.psi.value);

    const ks = ks2Sample(pair.reference, pair.current);
    expect(ks.statistic).toBeCloseTo(pair.ks.statistic, 12);
    expect(Math.abs(ks.pValue - pair.ks.pValue)).toBeLessThan(1e-10);
    track("ks statistic", ks.statistic, pair.ks.statistic);
    track("ks p (auto = exact)", ks.pValue, pair.ks.pValue);
    const n1 = pair.reference.length;
    const n2 = pair.current.length;
    const exact = ksPValueExact(ks.statistic, n1, n2);
    expect(Math.abs(exact - pair.ks.pValueExact)).toBeLessThan(1e-10);
    // Relative agreement for tiny p-values too (the DP absorbs mass instead of 1 − inside).
    if (pair.ks.pValueExact > 0) expect(exact / pair.ks.pValueExact).toBeCloseTo(1, 6);
    const asymp = ksPValueAsymptotic(ks.statistic, n1, n2);
    expect(Math.abs(asymp - pair.ks.pValueAsymp)).toBeLessThan(3e-6);
    track("ks p (asymp)", asymp, pair.ks.pValueAsymp);

    const js = jsFeatureDistance(pair.reference, pair.current);
    expect(js).toBeCloseTo(pair.js, 12);
    track("js (feature, base 2)", js, pair.js);
  });

  it("Jensen–Shannon distance on vectors, base 2 and natural log", () => {
    for (const c of fx.js) {
      expect(jensenShannonDistance(c.p, c.q)).toBeCloseTo(c.base2, 12);
      expect(jensenShannonDistance(c.p, c.q, Math.E)).toBeCloseTo(c.natural, 12);
      track("js (vectors)", jensenShannonDistance(c.p, c.q), c.base2);
    }
  });

  it("the one-sample Kolmogorov CDF (Durbin matrix) vs scipy.stats.kstwo.sf", () => {
    for (const c of fx.kstwo) {
      expect(Math.abs(1 - kolmogorovCdf(c.n, c.d) - c.sf)).toBeLessThan(3e-6);
      track("kstwo.sf", 1 - kolmogorovCdf(c.n, c.d), c.sf);
    }
    console.log("max |ours − scipy|:", maxDiff);
  });
});

describe("drift statistics: small cases by hand", () => {
  it("KS statistic handles ties and does not sort the caller's arrays", () => {
    const a = [3, 1, 2, 2];
    const b = [2, 2, 5];
    // After x = 2: F_a = 3/4, F_b = 2/3; after 1: 1/4 vs 0; after 3: 1 vs 2/3 → D = 1/3.
    expect(ksStatistic(a, b)).toBeCloseTo(1 / 3, 15);
    expect(a).toEqual([3, 1, 2, 2]);
    expect(ksStatistic([1, 1, 1], [1, 1])).toBe(0);
  });

  it("exact KS p-value: identical samples give 1, complete separation gives 2/C(n1+n2, n1)", () => {
    expect(ksPValueExact(0, 5, 5)).toBe(1);
    // D = 1 happens only for the two fully separated orders.
    expect(ksPValueExact(1, 3, 2)).toBeCloseTo(2 / 10, 15);
    expect(ksPValueExact(1, 4, 4)).toBeCloseTo(2 / 70, 15);
  });

  it("PSI is 0 for the reference itself, levels follow 0.1 / 0.25", () => {
    const ref = Array.from({ length: 100 }, (_, i) => i);
    expect(psi(ref, ref)).toBe(0);
    expect(psiLevel(0.05)).toBe("stable");
    expect(psiLevel(0.1)).toBe("moderate");
    expect(psiLevel(0.25)).toBe("moderate");
    expect(psiLevel(0.2501)).toBe("major");
    expect(() => quantileEdges(ref, 1)).toThrow("bins");
  });
});
