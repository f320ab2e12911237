import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyLab } from "../course/manifest";
import type { CourseChecksOptions } from "./course-check-runner";
import { matchEquivalents, readEquivalents } from "./equivalent";
import { loadStryker } from "./load-stryker";
import { type MutantRecord, toMutantRecords } from "./mutant-record";
import { mutatePatterns, solutionLineRanges } from "./solution-ranges";
import { type LabMutationSummary, type MutationSummary, summarizeLab } from "./summary";

/** One lab to mutate: its checks and the solution they grade (paths relative to the project root). */
export type MutationTarget = CourseChecksOptions;

export function courseTarget(lab: AnyLab): MutationTarget {
  return { labId: lab.id, checksFile: `src/course/labs/${lab.id}.ts`, solutionFile: `solutions/${lab.id}.ts` };
}

export interface RunMutantsOptions {
  targets: MutationTarget[];
  projectRoot: string;
  /** Receives one HTML report per lab and summary.json. */
  reportDir: string;
  /** The committed list of equivalent mutants (may be absent). */
  equivalentsFile: string;
  concurrency?: number;
  /** Stryker's own log level; "warn" keeps the output to the report. */
  logLevel?: "off" | "error" | "warn" | "info" | "debug";
  onLabDone?: (lab: LabMutationSummary) => void;
}

/** Copied to Stryker's sandbox only if needed: learner files, notebooks and reports are not. */
const SANDBOX_IGNORE = ["/notebooks", "/bench", "/labs", "/reports", "/.scratch", "/.selfcheck", "/.progress", "/.jupyter", "/coverage"];

/**
 * Mutates each target's solution code (BEGIN/END SOLUTION blocks only) with StrykerJS and
 * grades every mutant with the lab's checks (see course-check-runner.ts). One Stryker run
 * per lab, so each lab's time and HTML report stand alone.
 */
export async function runMutants(options: RunMutantsOptions): Promise<MutationSummary> {
  const equivalents = readEquivalents(options.equivalentsFile);
  const Stryker = await loadStryker();
  const labs: LabMutationSummary[] = [];
  const all: MutantRecord[] = [];
  const previousCwd = process.cwd();
  // Stryker works from the current directory: the sandbox is a copy of it.
  process.chdir(options.projectRoot);
  try {
    for (const target of options.targets) {
      const started = Date.now();
      const solution = path.join(options.projectRoot, target.solutionFile);
      const ranges = solutionLineRanges(fs.readFileSync(solution, "utf8"), target.solutionFile);
      if (ranges.length === 0) throw new Error(`${target.solutionFile} has no BEGIN/END SOLUTION block to mutate.`);
      const stryker = new Stryker({
        testRunner: "course-checks",
        plugins: [require.resolve("./course-check-runner.cjs")],
        coverageAnalysis: "perTest",
        checkers: [],
        concurrency: options.concurrency,
        mutate: mutatePatterns(target.solutionFile, ranges),
        // Type-invalid mutants still run: the checks judge behaviour, tsx does not type-check.
        disableTypeChecks: target.solutionFile,
        ignorePatterns: SANDBOX_IGNORE,
        tempDirName: ".stryker-tmp",
        reporters: ["html"],
        htmlReporter: { fileName: path.relative(options.projectRoot, path.join(options.reportDir, `${target.labId}.html`)) },
        logLevel: options.logLevel ?? "warn",
        fileLogLevel: "off",
        courseChecks: target,
      } as Record<string, unknown>);
      const records = toMutantRecords(target.labId, await stryker.runMutationTest(), options.projectRoot);
      all.push(...records);
      const matched = matchEquivalents(equivalents, records, [target.labId]);
      const lab = summarizeLab(target.labId, records, matched, Date.now() - started);
      labs.push(lab);
      options.onLabDone?.(lab);
    }
  } finally {
    process.chdir(previousCwd);
  }
  const matched = matchEquivalents(equivalents, all, options.targets.map((t) => t.labId));
  const summary: MutationSummary = {
    generatedAt: new Date().toISOString(),
    labs,
    staleEquivalents: matched.stale,
    movedEquivalents: matched.moved,
  };
  fs.mkdirSync(options.reportDir, { recursive: true });
  fs.writeFileSync(path.join(options.reportDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
