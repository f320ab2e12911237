/**
 * Banded partial credit for trained models: a metric earns full marks at or beyond `full`,
 * nothing at or before `zero`, and a straight line in between. Thresholds come from the
 * reference solutions run over several seeds (see each lab's calibration comment).
 */

import { formatNumber } from "./expect";
import type { ScoredOutcome } from "./types";

export interface Band {
  /** What is measured, e.g. "test accuracy" or "validation MAE (mpg)". */
  metric: string;
  /** Full marks at this value or better. */
  full: number;
  /** No marks at this value or worse. */
  zero: number;
  /** "higher" for accuracy, "lower" for errors (inferred from full vs zero when omitted). */
  better?: "higher" | "lower";
}

/** The fraction of marks `value` earns in `band` (0..1; NaN earns 0). */
export function bandFraction(value: number, band: Band): number {
  const better = band.better ?? (band.full >= band.zero ? "higher" : "lower");
  if (!Number.isFinite(value)) return 0;
  const t = (value - band.zero) / (band.full - band.zero);
  if (better === "higher" ? value >= band.full : value <= band.full) return 1;
  return Math.max(0, Math.min(1, t));
}

/**
 * A ScoredOutcome for `value`: score 1 with no message at full marks, otherwise a message
 * that says where the value stands and what earns full marks.
 */
export function bandScore(value: number, band: Band, advice?: string): ScoredOutcome {
  const score = bandFraction(value, band);
  if (score === 1) return { score };
  const better = band.better ?? (band.full >= band.zero ? "higher" : "lower");
  const goal =
    better === "higher" ? `≥ ${formatNumber(band.full)}` : `≤ ${formatNumber(band.full)}`;
  const shown = Number.isFinite(value) ? formatNumber(value) : String(value);
  return {
    score,
    message: `${band.metric} ${shown}; ${goal} earns full marks (${Math.round(score * 100)} % earned).${advice ? ` ${advice}` : ""}`,
    expected: `${band.metric} ${goal}`,
    got: `${band.metric} ${shown}`,
  };
}
