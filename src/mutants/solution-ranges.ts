import { SOLUTION_MARKER } from "../course/stubs";

/** 1-based, inclusive line numbers of the code between one BEGIN/END SOLUTION pair. */
export interface LineRange {
  start: number;
  end: number;
}

/**
 * The code a learner writes: the lines strictly between each `// BEGIN SOLUTION` and
 * `// END SOLUTION` marker (SOLUTION-ONLY blocks are the course's helpers, not exercises).
 * Empty blocks are skipped; unbalanced markers are an error.
 */
export function solutionLineRanges(source: string, fileLabel: string): LineRange[] {
  const ranges: LineRange[] = [];
  let begin: number | undefined;
  source.split("\n").forEach((line, i) => {
    const marker = line.match(SOLUTION_MARKER);
    if (!marker || marker[3] !== "SOLUTION") return;
    if (marker[2] === "BEGIN") {
      if (begin !== undefined)
        throw new Error(
          `${fileLabel}:${i + 1}: BEGIN SOLUTION inside the block opened at line ${begin}.`,
        );
      begin = i + 1;
      return;
    }
    if (begin === undefined)
      throw new Error(`${fileLabel}:${i + 1}: END SOLUTION without a matching BEGIN SOLUTION.`);
    if (i + 1 - begin > 1) ranges.push({ start: begin + 1, end: i });
    begin = undefined;
  });
  if (begin !== undefined)
    throw new Error(`${fileLabel}:${begin}: BEGIN SOLUTION is never closed.`);
  return ranges;
}

/** Stryker `mutate` patterns for those ranges: "solutions/01-x.ts:12-15". */
export function mutatePatterns(file: string, ranges: LineRange[]): string[] {
  return ranges.map((r) => `${file}:${r.start}-${r.end}`);
}
