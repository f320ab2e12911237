import type { RunResult } from "./run-one";

/** A ratio whose rounds disagree by more than this is flagged, not quoted as one number. */
export const MAX_ROUND_SPREAD = 0.25;

/**
 * The ours / PyTorch ratio of each round on its own (fastest run within the round), their
 * spread (max / min − 1), and a flag when the rounds disagree: load from other processes
 * moves single rounds, and one number would hide that.
 */
export function roundRatios(
  results: RunResult[],
  model: string,
  ours: string,
  theirs: string,
): { ratios: number[]; spread: number | null; unstable: boolean } {
  const rounds = [...new Set(results.map((r) => r.round).filter((r) => r !== undefined))];
  const best = (config: string, round: number | undefined) => {
    const secs = results
      .filter((r) => r.model === model && r.config === config && r.round === round)
      .map((r) => r.seconds)
      .filter((s): s is number => s !== null);
    return secs.length > 0 ? Math.min(...secs) : null;
  };
  const ratios: number[] = [];
  for (const round of rounds) {
    const a = best(ours, round);
    const b = best(theirs, round);
    if (a !== null && b !== null) ratios.push(a / b);
  }
  if (ratios.length < 2) return { ratios, spread: null, unstable: false };
  const spread = Math.max(...ratios) / Math.min(...ratios) - 1;
  return { ratios, spread, unstable: spread > MAX_ROUND_SPREAD };
}
