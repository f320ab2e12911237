import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../project-root";

/** One reference/current pair and what scipy/numpy computed for it. */
export interface DriftFixturePair {
  name: string;
  reference: number[];
  current: number[];
  psi: { edges: number[]; referenceShares: number[]; currentShares: number[]; value: number };
  ks: { statistic: number; pValue: number; pValueExact: number; pValueAsymp: number };
  /** scipy.spatial.distance.jensenshannon(shares on the reference's decile bins, base=2). */
  js: number;
}

/** datasets/fixtures/scipy-drift.json (built by datasets/_build/make_drift_fixtures.py). */
export interface DriftFixtures {
  generator: string;
  scipy: string;
  numpy: string;
  psiEpsilon: number;
  pairs: DriftFixturePair[];
  js: { p: number[]; q: number[]; base2: number; natural: number }[];
  kstwo: { n: number; d: number; sf: number }[];
}

let cached: DriftFixtures | undefined;

/** The scipy-computed drift fixtures (read once). */
export function driftFixtures(): DriftFixtures {
  cached ??= JSON.parse(
    fs.readFileSync(path.join(projectRoot(), "datasets", "fixtures", "scipy-drift.json"), "utf8"),
  ) as DriftFixtures;
  return cached;
}
