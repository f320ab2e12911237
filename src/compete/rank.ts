import type { Competition } from "./competitions";
import { METRICS } from "./metrics";
import type { Entry } from "./session";

/** Best first by public score; ties go to the earlier submission (as on Kaggle). */
export function rankByPublic(c: Competition, entries: readonly Entry[]): Entry[] {
  const m = METRICS[c.metric];
  return [...entries].sort((a, b) =>
    a.public === b.public
      ? a.n - b.n
      : m.higherIsBetter
        ? b.public - a.public
        : a.public - b.public,
  );
}

export function rankByPrivate(c: Competition, entries: readonly Entry[]): Entry[] {
  const m = METRICS[c.metric];
  return [...entries].sort((a, b) =>
    a.private === b.private
      ? a.n - b.n
      : m.higherIsBetter
        ? b.private - a.private
        : a.private - b.private,
  );
}
