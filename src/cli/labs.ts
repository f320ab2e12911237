/**
 * `npm run labs -- <command>`: the learner's terminal companion to the notebooks.
 * Run with no command (or `help`) for usage.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { checkLab, courseProgress, hintFor, solutionFor } from "../grading/actions";
import { resetLabProgress } from "../grading/progress";
import { formatResults, toJson, toJUnitXml } from "../grading/report";
import type { CheckResult } from "../grading/types";
import { course, findLab } from "../course/manifest";
import { labFilePath } from "../course/paths";
import { stubForLab, writeStub } from "../course/stubs";
import { fromRoot } from "../project-root";

const USAGE = `Usage: npm run labs -- <command> [options]

  list                          your progress in every lab
  check [lab] [exercise]        grade your lab file(s); --json, --junit <file> for reports
  hint <lab> <exercise>         the next hint (repeat for a stronger one); --level <n>
  solution <lab> <exercise>     the reference solution (after passing; or --show-anyway)
  watch [lab]                   re-check whenever you save a lab file (Ctrl+C to stop)
  reset <lab>                   restore the original stub (your file is backed up first)
  stubs [--check]               maintainers: regenerate labs/ from solutions/ (--check: only compare)

A lab can be named by number (01), name (gradient-descent) or full id (01-gradient-descent).`;

const STATUS_MARK = { passed: "✔", failed: "✘", not_attempted: "·" } as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      junit: { type: "string" },
      level: { type: "string" },
      "show-anyway": { type: "boolean" },
      check: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...args] = positionals;
  switch (command) {
    case undefined:
    case "help":
      console.log(USAGE);
      return 0;
    case "list":
      printProgress();
      return 0;
    case "check":
      return runCheck(args[0], args[1], { json: values.json === true, junit: values.junit });
    case "hint": {
      requireArgs(args, 2, "hint <lab> <exercise>");
      const h = hintFor(args[0], args[1], values.level ? Number(values.level) : undefined);
      console.log(`Hint ${h.level}/${h.total} for ${h.labId} › ${h.exerciseId}:\n  ${h.text}`);
      if (h.level < h.total) console.log("(Run it again for a stronger hint.)");
      return 0;
    }
    case "solution": {
      requireArgs(args, 2, "solution <lab> <exercise>");
      const s = solutionFor(args[0], args[1], { showAnyway: values["show-anyway"] === true });
      console.log(s.source !== undefined ? `Reference solution for ${s.labId} › ${s.exerciseId}:\n\n${s.source}` : s.reason);
      return 0;
    }
    case "watch":
      return watch(args[0]);
    case "reset":
      requireArgs(args, 1, "reset <lab>");
      return reset(args[0]);
    case "stubs":
      return stubs(values.check === true);
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

function requireArgs(args: string[], n: number, usage: string): void {
  if (args.length < n) throw new UsageError(`Usage: npm run labs -- ${usage}`);
}

class UsageError extends Error {}

function printProgress(): void {
  let earned = 0;
  let max = 0;
  for (const row of courseProgress()) {
    earned += row.points;
    max += row.maxPoints;
    const done = row.exercises.filter((e) => e.status === "passed").length;
    const bar = row.exercises.map((e) => STATUS_MARK[e.status]).join("");
    console.log(`${row.labId.padEnd(28)} ${bar.padEnd(12)} ${done}/${row.exercises.length} exercises  ${row.points}/${row.maxPoints} pts  ${row.title}`);
  }
  console.log(`\nTotal: ${earned}/${max} points.  ✔ passed  ✘ failed  · not attempted`);
  console.log("Progress is saved when you check; run `npm run labs -- check` to refresh it.");
}

async function runCheck(labQuery: string | undefined, exerciseId: string | undefined, out: { json: boolean; junit?: string }): Promise<number> {
  const labs = labQuery ? [findLab(labQuery)] : course;
  const results: CheckResult[] = [];
  const notSaved = new Set<string>();
  for (const lab of labs) {
    const checked = await checkLab(lab.id, exerciseId ? [exerciseId] : undefined);
    results.push(...checked.results);
    if (!checked.progress.saved) notSaved.add(checked.progress.reason);
  }
  console.log(out.json ? toJson(results) : formatResults(results));
  // After the results (stderr, so --json stays parseable): grading never hides behind a save error.
  for (const reason of notSaved) console.error(reason);
  if (out.junit) {
    fs.mkdirSync(path.dirname(path.resolve(out.junit)), { recursive: true });
    fs.writeFileSync(out.junit, toJUnitXml(results));
    if (!out.json) console.log(`JUnit report written to ${out.junit}`);
  }
  return results.every((r) => r.status === "passed") ? 0 : 1;
}

async function watch(labQuery: string | undefined): Promise<number> {
  const labs = labQuery ? [findLab(labQuery)] : course;
  const byFile = new Map(labs.map((l) => [path.basename(labFilePath(l.id)), l.id]));
  console.log(`Watching ${[...byFile.keys()].map((f) => `labs/${f}`).join(", ")} — save a file to re-check it. Ctrl+C to stop.`);
  let running = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  fs.watch(fromRoot("labs"), (_event, file) => {
    const labId = file ? byFile.get(file.toString()) : undefined;
    if (!labId) return;
    // Editors write files in several steps: wait for the burst of events to settle.
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        console.clear();
        console.log(`${new Date().toLocaleTimeString()} — checking ${labId}\n`);
        const checked = await checkLab(labId);
        console.log(formatResults(checked.results));
        if (!checked.progress.saved) console.error(checked.progress.reason);
      });
    }, 150);
  });
  return new Promise<number>(() => {});
}

function reset(labQuery: string): number {
  const lab = findLab(labQuery);
  const backup = writeStub(lab.id, { backupDir: fromRoot(".progress", "backups") });
  if (backup) {
    console.log(`Restored labs/${lab.id}.ts to the original stub.\nYour previous version is saved at ${path.relative(process.cwd(), backup)}.`);
  } else {
    console.log(`labs/${lab.id}.ts is already the original stub; nothing to do.`);
  }
  // So `list` shows the stub as not attempted; the history stays in the progress file.
  const save = resetLabProgress(lab.id);
  if (!save.saved) console.error(save.reason);
  return 0;
}

function stubs(checkOnly: boolean): number {
  let stale = 0;
  for (const lab of course) {
    const file = labFilePath(lab.id);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (current === stubForLab(lab.id)) continue;
    stale++;
    if (checkOnly) {
      console.log(`labs/${lab.id}.ts differs from the stub generated from solutions/${lab.id}.ts`);
    } else if (current === undefined) {
      writeStub(lab.id);
      console.log(`Created labs/${lab.id}.ts`);
    } else {
      const backup = writeStub(lab.id, { backupDir: fromRoot(".progress", "backups") });
      console.log(`Regenerated labs/${lab.id}.ts (previous version backed up to ${backup})`);
    }
  }
  if (stale === 0) console.log("All lab stubs are up to date.");
  return checkOnly && stale > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Learner-facing errors (unknown lab, missing argument) without a stack trace.
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  },
);
