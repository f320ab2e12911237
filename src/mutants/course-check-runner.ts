import * as path from "node:path";
import type { InstrumenterContext, StrykerOptions } from "@stryker-mutator/api/core";
// Type-only deep imports: with "moduleResolution": "node10" only the api's `core` entry resolves.
import type { Logger } from "@stryker-mutator/api/dist/src/logging/index.js";
import type {
  DryRunOptions,
  DryRunResult,
  FailedTestResult,
  MutantRunOptions,
  MutantRunResult,
  TestResult,
  TestRunner,
  TestRunnerCapabilities,
} from "@stryker-mutator/api/dist/src/test-runner/index.js";
import { runExerciseCheck } from "../grading/run-check";
import type { ExerciseDefinition, LabDefinition } from "../grading/types";

/*
 * A StrykerJS test runner that grades the instrumented reference solution with the course's
 * own checks, in-process: one exercise = one "test". Stryker loads this file in its test
 * runner child processes (with tsx registered, see run-stryker.ts), whose working directory
 * is the sandbox, so the checks and the instrumented solution are both loaded from there.
 *
 * Mutant switching follows the official runners (mocha, vitest): the instrumented code reads
 * `globalThis[globalNamespace].activeMutant`, counts hits against `hitLimit` (so a mutant that
 * loops forever throws instead of hanging) and records coverage per `currentTestId`.
 */

/** What the runner needs to know, passed as the `courseChecks` Stryker option. */
export interface CourseChecksOptions {
  /** The checks module, relative to the project root, e.g. "src/course/labs/01-gradient-descent.ts". */
  checksFile: string;
  /** The id of the LabDefinition the checks module exports. */
  labId: string;
  /** The solution module the checks grade, relative to the project root. */
  solutionFile: string;
}

type AnyLab = LabDefinition<unknown>;
type Exercise = ExerciseDefinition<unknown>;

// Plain values of the api's enums: the api package is ESM and this module is CommonJS.
/** The global the instrumented code reads (INSTRUMENTER_CONSTANTS.NAMESPACE in the api). */
const STRYKER_NAMESPACE = "__stryker__";
const DRY_RUN_COMPLETE = "complete" as DryRunResult["status"];
const DRY_RUN_TIMEOUT = "timeout" as DryRunResult["status"];
const DRY_RUN_ERROR = "error" as DryRunResult["status"];
const TEST_SUCCESS = 0 as TestResult["status"];
const TEST_FAILED = 1 as TestResult["status"];
const MUTANT_KILLED = "killed" as MutantRunResult["status"];
const MUTANT_SURVIVED = "survived" as MutantRunResult["status"];
const MUTANT_TIMEOUT = "timeout" as MutantRunResult["status"];

export class CourseCheckRunner implements TestRunner {
  static inject = ["options", "logger"] as const;
  private readonly settings: CourseChecksOptions;
  private lab: AnyLab | undefined;
  private solution: unknown;

  constructor(
    options: StrykerOptions,
    private readonly log: Logger,
  ) {
    this.settings = options.courseChecks as CourseChecksOptions;
  }

  capabilities(): TestRunnerCapabilities {
    // The solution module can be dropped from require's cache and loaded again.
    return { reloadEnvironment: true };
  }

  async init(): Promise<void> {
    this.lab = findLabExport(require(this.resolve(this.settings.checksFile)), this.settings);
    this.log.debug(
      `Grading ${this.settings.solutionFile} with ${this.lab.exercises.length} checks of lab ${this.lab.id}.`,
    );
  }

  async dryRun(options: DryRunOptions): Promise<DryRunResult> {
    const ctx = this.context();
    ctx.activeMutant = undefined;
    ctx.mutantCoverage = { static: {}, perTest: {} };
    try {
      this.loadSolution(true);
      const tests = await this.runChecks({
        perTest: options.coverageAnalysis === "perTest",
        bail: false,
      });
      const timeout = hitLimitTimeout(ctx);
      if (timeout) return { status: DRY_RUN_TIMEOUT, reason: timeout } as DryRunResult;
      return {
        status: DRY_RUN_COMPLETE,
        tests,
        mutantCoverage: ctx.mutantCoverage,
      } as DryRunResult;
    } catch (err) {
      return { status: DRY_RUN_ERROR, errorMessage: errorText(err) } as DryRunResult;
    }
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    const ctx = this.context();
    ctx.hitLimit = options.hitLimit;
    ctx.hitCount = options.hitLimit === undefined ? undefined : 0;
    // A "static" mutant runs while the module loads (e.g. a top-level constant): activate it first.
    ctx.activeMutant = options.mutantActivation === "static" ? options.activeMutant.id : undefined;
    try {
      this.loadSolution(options.reloadEnvironment);
      ctx.activeMutant = options.activeMutant.id;
      const tests = await this.runChecks({
        filter: options.testFilter,
        perTest: false,
        bail: !options.disableBail,
      });
      const timeout = hitLimitTimeout(ctx);
      if (timeout) return { status: MUTANT_TIMEOUT, reason: timeout } as MutantRunResult;
      const failed = tests.filter((t): t is FailedTestResult => t.status === TEST_FAILED);
      const duration = tests.reduce((s, t) => s + t.timeSpentMs, 0);
      if (failed.length === 0)
        return { status: MUTANT_SURVIVED, nrOfTests: tests.length, duration } as MutantRunResult;
      return {
        status: MUTANT_KILLED,
        killedBy: failed.map((t) => t.id),
        failureMessage: failed[0].failureMessage,
        nrOfTests: tests.length,
        duration,
      } as MutantRunResult;
    } catch (err) {
      // Loading the mutated module threw (a static mutant broke it): the checks reject it.
      const timeout = hitLimitTimeout(ctx);
      if (timeout) return { status: MUTANT_TIMEOUT, reason: timeout } as MutantRunResult;
      return {
        status: MUTANT_KILLED,
        killedBy: [],
        failureMessage: errorText(err),
        nrOfTests: 0,
      } as MutantRunResult;
    } finally {
      ctx.activeMutant = undefined;
      ctx.hitLimit = undefined;
      ctx.hitCount = undefined;
    }
  }

  private async runChecks(how: {
    filter?: string[];
    perTest: boolean;
    bail: boolean;
  }): Promise<TestResult[]> {
    const lab = this.requireLab();
    const ctx = this.context();
    const exercises = how.filter
      ? lab.exercises.filter((e) => how.filter?.includes(e.id))
      : lab.exercises;
    const results: TestResult[] = [];
    for (const exercise of exercises) {
      if (how.perTest) ctx.currentTestId = exercise.id;
      const result = await runExerciseCheck(lab, exercise, this.solution);
      ctx.currentTestId = undefined;
      results.push(toTestResult(exercise, result));
      if (how.bail && result.status !== "passed") break;
    }
    return results;
  }

  private loadSolution(reload: boolean): void {
    const file = this.resolve(this.settings.solutionFile);
    if (reload || this.solution === undefined) {
      delete require.cache[require.resolve(file)];
      this.solution = require(file);
    }
  }

  private requireLab(): AnyLab {
    if (!this.lab) throw new Error("CourseCheckRunner: init() was not called.");
    return this.lab;
  }

  private context(): InstrumenterContext {
    const g = globalThis as unknown as Record<string, InstrumenterContext | undefined>;
    g[STRYKER_NAMESPACE] ??= {};
    return g[STRYKER_NAMESPACE] as InstrumenterContext;
  }

  private resolve(file: string): string {
    return path.resolve(process.cwd(), file);
  }
}

/** The LabDefinition with the expected id among a checks module's exports. */
export function findLabExport(mod: Record<string, unknown>, settings: CourseChecksOptions): AnyLab {
  const lab = Object.values(mod).find(
    (v): v is AnyLab =>
      typeof v === "object" &&
      v !== null &&
      (v as AnyLab).id === settings.labId &&
      Array.isArray((v as AnyLab).exercises),
  );
  if (!lab) throw new Error(`${settings.checksFile} exports no lab with id "${settings.labId}".`);
  return lab;
}

function toTestResult(
  exercise: Exercise,
  result: Awaited<ReturnType<typeof runExerciseCheck>>,
): TestResult {
  const base = { id: exercise.id, name: exercise.title, timeSpentMs: result.durationMs };
  // "not_attempted" (todo() was called) is not a pass either: the mutant is rejected.
  if (result.status === "passed") return { ...base, status: TEST_SUCCESS } as TestResult;
  const detail = [
    result.message,
    result.expected && `expected ${result.expected}`,
    result.got && `got ${result.got}`,
  ];
  return {
    ...base,
    status: TEST_FAILED,
    failureMessage: detail.filter(Boolean).join("; "),
  } as TestResult;
}

/** Set when the instrumented code counted more hits than allowed: an endless loop, cut short. */
function hitLimitTimeout(ctx: InstrumenterContext): string | undefined {
  if (ctx.hitCount !== undefined && ctx.hitLimit !== undefined && ctx.hitCount > ctx.hitLimit) {
    return `Hit limit reached (${ctx.hitCount}/${ctx.hitLimit})`;
  }
  return undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** The runner's option, validated by Stryker (unknown options only get a warning). */
export const strykerValidationSchema = {
  $schema: "http://json-schema.org/draft-07/schema",
  type: "object",
  properties: {
    courseChecks: {
      type: "object",
      properties: {
        checksFile: { type: "string" },
        labId: { type: "string" },
        solutionFile: { type: "string" },
      },
      required: ["checksFile", "labId", "solutionFile"],
      additionalProperties: false,
    },
  },
};

export const strykerPlugins = [
  { kind: "TestRunner", name: "course-checks", injectableClass: CourseCheckRunner },
];
