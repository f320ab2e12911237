import * as fs from "node:fs";
import * as path from "node:path";
import type { MutantResult, MutantStatus } from "@stryker-mutator/api/core";

/** One mutant, as the report and the equivalent-mutant list see it (ids change between runs). */
export interface MutantRecord {
  labId: string;
  /** Relative to the project root, with forward slashes: "solutions/01-gradient-descent.ts". */
  file: string;
  line: number;
  column: number;
  mutator: string;
  /** The source text the mutant replaces. */
  original: string;
  replacement: string;
  status: MutantStatus;
  /** Exercise ids whose check rejected the mutant. */
  killedBy: string[];
  /** Exercise ids whose check ran the mutated code. */
  coveredBy: string[];
  statusReason?: string;
}

/** Converts Stryker's results; the original text is read from the (unmutated) source file. */
export function toMutantRecords(
  labId: string,
  results: MutantResult[],
  projectRoot: string,
): MutantRecord[] {
  const sources = new Map<string, string[]>();
  const linesOf = (file: string) => {
    if (!sources.has(file)) sources.set(file, fs.readFileSync(file, "utf8").split("\n"));
    return sources.get(file) as string[];
  };
  return results.map((r) => ({
    labId,
    file: path
      .relative(projectRoot, path.resolve(projectRoot, r.fileName))
      .split(path.sep)
      .join("/"),
    line: r.location.start.line,
    column: r.location.start.column,
    mutator: r.mutatorName,
    original: originalText(linesOf(path.resolve(projectRoot, r.fileName)), r.location),
    replacement: r.replacement ?? "",
    status: r.status,
    killedBy: r.killedBy ?? [],
    coveredBy: r.coveredBy ?? [],
    statusReason: r.statusReason,
  }));
}

/** The text at a report location (lines 1-based; columns 1-based, end exclusive). */
function originalText(lines: string[], loc: MutantResult["location"]): string {
  const { start, end } = loc;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...middle,
    lines[end.line - 1].slice(0, end.column - 1),
  ].join("\n");
}
