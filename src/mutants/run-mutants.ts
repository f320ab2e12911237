import * as fs from "node:fs";
import * as path from "node:path";
import type { PartialStrykerOptions } from "@stryker-mutator/api/core";
import type { AnyLab } from "../course/manifest";
import type { CourseChecksOptions } from "./course-check-runner";
import { type EquivalentMatch, matchEquivalents, readEquivalents } from "./equivalent";
import { loadStryker } from "./load-stryker";
import { type MutantRecord, toMutantRecords } from "./mutant-record";
import { mutatePatterns, solutionLineRanges } from "./solution-ranges";
import { type LabMutationSummary, type MutationSummary, summarizeLab } from "./summary";

/** One lab to mutate: its checks and the solution they grade (paths relative to the project root). */
export type MutationTarget = CourseChecksOptions;

export function courseTarget(lab: AnyLab): MutationTarget {
  return {
    labId: lab.id,
    checksFile: `src/course/labs/${lab.id}.ts`,
    solutionFile: `solutions/${lab.id}.ts`,
  };
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
  logLevel?: "error" | "warn" | "info" | "debug";
  onLabDone?: (lab: LabMutationSummary) => void;
}

/** Copied to Stryker's sandbox only if needed: learner files, notebooks and reports are not. */
const SANDBOX_IGNORE = [
  "/notebooks",
  "/bench",
  "/labs",
  "/reports",
  "/.scratch",
  "/.selfcheck",
  "/.progress",
  "/.jupyter",
  "/coverage",
];

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
      if (ranges.length === 0)
        throw new Error(`${target.solutionFile} has no BEGIN/END SOLUTION block to mutate.`);
      const stryker = new Stryker(
        strykerOptions(target, mutatePatterns(target.solutionFile, ranges), options),
      );
      const records = toMutantRecords(
        target.labId,
        await stryker.runMutationTest(),
        options.projectRoot,
      );
      all.push(...records);
      const matched = matchEquivalents(equivalents, records, [target.labId]);
      const lab = summarizeLab(target.labId, records, matched, Date.now() - started);
      labs.push(lab);
      // Written after every lab, so a long run can be read (or interrupted) part way.
      writeSummary(
        options,
        labs,
        matchEquivalents(
          equivalents,
          all,
          labs.map((l) => l.labId),
        ),
      );
      options.onLabDone?.(lab);
    }
  } finally {
    process.chdir(previousCwd);
  }
  return writeSummary(
    options,
    labs,
    matchEquivalents(
      equivalents,
      all,
      options.targets.map((t) => t.labId),
    ),
  );
}

/** One lab's Stryker configuration: the course-checks runner, perTest coverage, no type checker. */
function strykerOptions(
  target: MutationTarget,
  mutate: string[],
  options: RunMutantsOptions,
): PartialStrykerOptions {
  return {
    testRunner: "course-checks",
    plugins: [require.resolve("./course-check-runner.cjs")],
    coverageAnalysis: "perTest",
    checkers: [],
    concurrency: options.concurrency,
    mutate,
    // Type-invalid mutants still run: the checks judge behaviour, tsx does not type-check.
    disableTypeChecks: target.solutionFile,
    ignorePatterns: SANDBOX_IGNORE,
    tempDirName: ".stryker-tmp",
    reporters: ["html"],
    htmlReporter: {
      fileName: path.relative(
        options.projectRoot,
        path.join(options.reportDir, `${target.labId}.html`),
      ),
    },
    // Stryker's LogLevel enum holds these same strings.
    logLevel: (options.logLevel ?? "warn") as PartialStrykerOptions["logLevel"],
    fileLogLevel: "off" as PartialStrykerOptions["fileLogLevel"],
    courseChecks: target,
  };
}

function writeSummary(
  options: RunMutantsOptions,
  labs: LabMutationSummary[],
  matched: EquivalentMatch,
): MutationSummary {
  const summary: MutationSummary = {
    generatedAt: new Date().toISOString(),
    labs,
    staleEquivalents: matched.stale,
    movedEquivalents: matched.moved,
  };
  fs.mkdirSync(options.reportDir, { recursive: true });
  fs.writeFileSync(
    path.join(options.reportDir, "summary.json"),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  return summary;
}
