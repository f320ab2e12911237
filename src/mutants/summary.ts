import type { EquivalentEntry, EquivalentMatch } from "./equivalent";
import type { MutantRecord } from "./mutant-record";

export interface LabMutationSummary {
  labId: string;
  total: number;
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  /** Mutants that did not compile or crashed the runner: not counted in the score. */
  errors: number;
  equivalentExcluded: number;
  /**
   * (killed + timeout) / (mutants that ran − equivalent ones), in percent; null when there is
   * nothing to score. Surviving and uncovered mutants both count against it.
   */
  score: number | null;
  wallTimeMs: number;
  survivors: SurvivorLine[];
}

export interface SurvivorLine {
  file: string;
  line: number;
  column: number;
  mutator: string;
  original: string;
  replacement: string;
  status: "Survived" | "NoCoverage";
  coveredBy: string[];
}

export interface MutationSummary {
  generatedAt: string;
  labs: LabMutationSummary[];
  staleEquivalents: EquivalentEntry[];
  movedEquivalents: { entry: EquivalentEntry; line: number }[];
}

export function summarizeLab(
  labId: string,
  mutants: MutantRecord[],
  equivalents: EquivalentMatch,
  wallTimeMs: number,
): LabMutationSummary {
  const mine = mutants.filter((m) => m.labId === labId);
  const count = (status: MutantRecord["status"]) => mine.filter((m) => m.status === status).length;
  const excluded = mine.filter((m) => equivalents.excluded.has(m));
  const killed = count("Killed");
  const timeout = count("Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const scored = killed + timeout + survived + noCoverage - excluded.length;
  const survivors = mine
    .filter(
      (m): m is MutantRecord & { status: SurvivorLine["status"] } =>
        (m.status === "Survived" || m.status === "NoCoverage") && !equivalents.excluded.has(m),
    )
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map(({ file, line, column, mutator, original, replacement, status, coveredBy }) => ({
      file,
      line,
      column,
      mutator,
      original,
      replacement,
      status,
      coveredBy,
    }));
  return {
    labId,
    total: mine.length,
    killed,
    survived,
    timeout,
    noCoverage,
    errors: count("CompileError") + count("RuntimeError"),
    equivalentExcluded: excluded.length,
    score: scored > 0 ? (100 * (killed + timeout)) / scored : null,
    wallTimeMs,
    survivors,
  };
}

const formatScore = (score: number | null) => (score === null ? "n/a" : `${score.toFixed(1)} %`);
const oneLine = (code: string) => code.replace(/\s+/g, " ").trim();
const cell = (text: string) => `\`${oneLine(text).replace(/\|/g, "\\|").replace(/`/g, "'")}\``;

/** The Markdown report: one row per lab, then every surviving mutant. */
export function summaryMarkdown(summary: MutationSummary): string {
  const out = [
    "| Lab | Mutants | Killed | Survived | Timeout | No coverage | Errors | Equivalent | Score | Time |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const lab of summary.labs) {
    out.push(
      `| ${lab.labId} | ${lab.total} | ${lab.killed} | ${lab.survived} | ${lab.timeout} | ${lab.noCoverage} | ${lab.errors} | ${lab.equivalentExcluded} | ${formatScore(lab.score)} | ${(lab.wallTimeMs / 1000).toFixed(0)} s |`,
    );
  }
  for (const lab of summary.labs.filter((l) => l.survivors.length > 0)) {
    out.push("", `### ${lab.labId}: ${lab.survivors.length} surviving mutant(s)`, "");
    for (const s of lab.survivors) {
      const where = s.status === "NoCoverage" ? " (no check runs this code)" : "";
      out.push(
        `- ${s.file}:${s.line} ${s.mutator}: ${cell(s.original)} → ${cell(s.replacement)}${where}`,
      );
    }
  }
  if (summary.staleEquivalents.length > 0) {
    out.push("", "### Stale equivalent-mutant entries (no surviving mutant matches them)", "");
    for (const e of summary.staleEquivalents)
      out.push(`- ${e.file}:${e.line} ${e.mutator} → ${cell(e.replacement)}`);
  }
  if (summary.movedEquivalents.length > 0) {
    out.push("", "### Equivalent-mutant entries whose line moved (update the line)", "");
    for (const { entry, line } of summary.movedEquivalents)
      out.push(
        `- ${entry.file}:${entry.line} → line ${line}: ${entry.mutator} → ${cell(entry.replacement)}`,
      );
  }
  return out.join("\n");
}
