/**
 * `npm run labs -- <command>`: the learner's terminal companion to the notebooks.
 * Run with no command (or `help`) for usage.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { buildReport, formatReport, reportHtml } from "../analytics/report";
import {
  answersTemplate,
  askInTerminal,
  assessmentHistory,
  formatAssessment,
  gradeAssessment,
  normaliseAnswers,
  saveAssessment,
  unknownAnswerIds,
} from "../assess";
import {
  type CheckRun,
  checkLab,
  courseProgress,
  hintFor,
  LearnerError,
  resetProgress,
  solutionFor,
} from "../course/actions";
import {
  CERTIFICATIONS,
  certificationProgress,
  findCertification,
  formatPath,
  formatPathList,
} from "../course/certifications";
import { allLabs, findLab, resolveUnitId, unitIds } from "../course/manifest";
import { labFilePath } from "../course/paths";
import {
  acceptUpstream,
  ensureWorkspace,
  resetLab,
  updateWorkspace,
  upstreamChange,
} from "../course/workspace";
import { progressFilePath, readProgress } from "../grading/progress";
import { formatResults, toJson, toJUnitXml } from "../grading/report";
import type { CheckResult } from "../grading/types";
import { newProjectCommand } from "../project/scaffold";
import { fromRoot } from "../project-root";

const USAGE = `Usage: npm run labs -- <command> [options]

  list                          your progress in every lab
  check [lab] [exercise]        grade your lab file(s); --json, --junit <file> for reports
  hint <lab> <exercise>         the next hint (repeat for a stronger one); --level <n>
  solution <lab> <exercise>     the reference solution (after passing; or --show-anyway)
  watch [lab]                   check now, then again whenever you save a lab file (Ctrl+C to stop)
  reset <lab>                   restore the original stub (your file is backed up first)
  update                        after \`git pull\`: add new labs, refresh files you have not edited
  diff <lab>                    what changed upstream in a lab's stub since your file was created
  accept <lab>                  after merging an upstream change by hand: stop reporting it
  new-project <name> [--data file.csv --target column]
                                a notebook for your own CSV in projects/<name>/: explore, split, model, report

  assess                        self-assessment (31 questions, ~20 min): score per domain, where to start
                                --answers <file.json> grade a filled-in answers file instead of asking
                                --template <file.json> write an empty answers file to fill in
  path [cert]                   certification paths; with a cert id or exam code, its objectives
                                mapped to labs with your progress (e.g. path tensorflow-developer)
  report                        learning analytics from your progress; writes an HTML report too
                                (.progress/report.html, or --html <file>); --json for the data

Your lab files live in labs/ (created on first use, ignored by git, never overwritten).
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
      quiet: { type: "boolean" },
      answers: { type: "string" },
      template: { type: "string" },
      html: { type: "string" },
      help: { type: "boolean", short: "h" },
      data: { type: "string" },
      target: { type: "string" },
      task: { type: "string" },
    },
  });
  const [command, ...args] = positionals;
  if (command !== "init" && command !== "update" && command !== "new-project")
    reportCreated(ensureWorkspace());
  switch (command) {
    case undefined:
    case "help":
      console.log(USAGE);
      return 0;
    case "init": {
      const created = ensureWorkspace();
      if (!values.quiet) reportCreated(created, true);
      return 0;
    }
    case "list":
      printProgress();
      return 0;
    case "check":
      return runCheck(args[0], args[1], { json: values.json === true, junit: values.junit });
    case "hint": {
      requireArgs(args, 2, "hint <lab> <exercise>");
      const h = hintFor(
        args[0],
        args[1],
        values.level === undefined ? undefined : parseLevel(values.level),
      );
      console.log(`Hint ${h.level}/${h.total} for ${h.labId} › ${h.exerciseId}:\n  ${h.text}`);
      console.log(
        h.level < h.total
          ? "(Run it again for a stronger hint.)"
          : "(That was the strongest hint. `solution` shows the reference once you pass.)",
      );
      return 0;
    }
    case "solution": {
      requireArgs(args, 2, "solution <lab> <exercise>");
      const s = solutionFor(args[0], args[1], { showAnyway: values["show-anyway"] === true });
      console.log(
        s.source !== undefined
          ? `Reference solution for ${s.labId} › ${s.exerciseId}:\n\n${s.source}`
          : s.reason,
      );
      return 0;
    }
    case "watch":
      return watch(args[0]);
    case "reset":
      requireArgs(args, 1, "reset <lab>");
      return reset(args[0]);
    case "update":
      return update();
    case "diff":
      requireArgs(args, 1, "diff <lab>");
      return diff(resolveUnitId(args[0]));
    case "accept":
      requireArgs(args, 1, "accept <lab>");
      acceptUpstream(resolveUnitId(args[0]));
      console.log(`OK: labs/${resolveUnitId(args[0])}.ts is now based on the latest stub.`);
      return 0;
    case "assess":
      return assess({ answers: values.answers, template: values.template });
    case "path":
      return printPath(args[0]);
    case "report":
      return report({ html: values.html, json: values.json === true });
    case "new-project":
      return newProjectCommand(args[0], values);
    default:
      throw new LearnerError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function assess(options: { answers?: string; template?: string }): Promise<number> {
  if (options.template) {
    fs.mkdirSync(path.dirname(path.resolve(options.template)), { recursive: true });
    fs.writeFileSync(options.template, `${JSON.stringify(answersTemplate(), null, 2)}\n`);
    console.log(
      `Wrote ${options.template}: fill in each "answer", then run npm run labs -- assess --answers ${options.template}`,
    );
    return 0;
  }
  let answers: Record<string, unknown>;
  let source: "terminal" | "file";
  if (options.answers) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(options.answers, "utf8"));
    } catch (err) {
      throw new LearnerError(`Cannot read ${options.answers}: ${(err as Error).message}`);
    }
    try {
      answers = normaliseAnswers(raw);
    } catch (err) {
      throw new LearnerError((err as Error).message);
    }
    source = "file";
    const unknown = unknownAnswerIds(answers);
    if (unknown.length)
      console.warn(`Ignored answers to unknown questions: ${unknown.join(", ")} (typos?)`);
  } else {
    if (!process.stdin.isTTY)
      throw new LearnerError(
        "assess asks its questions interactively. Without a terminal, write a template (--template answers.json), fill it in, and grade it with --answers answers.json.",
      );
    const readline = await import("node:readline/promises");
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    try {
      answers = await askInTerminal(rl);
    } finally {
      rl.close();
    }
    source = "terminal";
  }
  const previous = assessmentHistory().at(-1);
  const result = await gradeAssessment(answers);
  console.log(`\n${formatAssessment(result, previous)}`);
  if (result.answered === 0) {
    console.log("\nNothing answered, so nothing was saved.");
    return 0;
  }
  const saved = saveAssessment(result, source);
  if (!saved.saved) console.error(`\n⚠ ${saved.reason}`);
  else
    console.log(
      `\nSaved (attempt ${assessmentHistory().length}). Take it again any time to see your progress; \`npm run labs -- path\` shows the certification paths.`,
    );
  return 0;
}

function printPath(query: string | undefined): number {
  const progress = readProgress();
  const labs = allLabs();
  if (!query) {
    console.log(
      formatPathList(CERTIFICATIONS.map((c) => certificationProgress(c, progress, labs))),
    );
    return 0;
  }
  let cert: ReturnType<typeof findCertification>;
  try {
    cert = findCertification(query);
  } catch (err) {
    throw new LearnerError((err as Error).message);
  }
  console.log(formatPath(certificationProgress(cert, progress, labs)));
  return 0;
}

async function report(options: { html?: string; json: boolean }): Promise<number> {
  const data = buildReport(readProgress(), allLabs());
  if (options.json) {
    console.log(JSON.stringify(data, null, 2));
    return 0;
  }
  console.log(formatReport(data));
  const file = options.html ?? fromRoot(".progress", "report.html");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, await reportHtml(data, shortPath(progressFilePath())));
  console.log(`\nHTML report (opens offline): ${shortPath(file)}`);
  return 0;
}

/** Relative to the project when inside it, else absolute. */
function shortPath(file: string): string {
  const rel = path.relative(fromRoot(), path.resolve(file));
  return rel.startsWith("..") || path.isAbsolute(rel) ? path.resolve(file) : rel;
}

function requireArgs(args: string[], n: number, usage: string): void {
  if (args.length < n) throw new LearnerError(`Usage: npm run labs -- ${usage}`);
}

function parseLevel(text: string): number {
  const level = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(level))
    throw new LearnerError(`--level takes a whole number (1 = gentlest hint), not "${text}".`);
  return level;
}

function reportCreated(created: string[], always = false): void {
  if (created.length > 0)
    console.log(`Created your lab file(s): ${created.map((id) => `labs/${id}.ts`).join(", ")}`);
  else if (always) console.log("Your lab files are all in labs/.");
}

function printProgress(): void {
  const rows = courseProgress();
  const idWidth = Math.max(...rows.map((r) => r.labId.length));
  const barWidth = Math.max(...rows.map((r) => r.exercises.length));
  const exWidth = Math.max(...rows.map((r) => `${r.exercises.length}`.length));
  const ptsWidth = Math.max(...rows.map((r) => `${r.points}/${r.maxPoints}`.length));
  let earned = 0;
  let max = 0;
  for (const row of rows) {
    earned += row.points;
    max += row.maxPoints;
    const done = row.exercises.filter((e) => e.status === "passed").length;
    const bar = row.exercises.map((e) => STATUS_MARK[e.status]).join("");
    const count = `${String(done).padStart(exWidth)}/${String(row.exercises.length).padEnd(exWidth)}`;
    console.log(
      `${row.labId.padEnd(idWidth)}  ${bar.padEnd(barWidth)}  ${count} exercises  ${`${row.points}/${row.maxPoints}`.padStart(ptsWidth)} pts  ${row.title}`,
    );
  }
  console.log(`\nTotal: ${earned}/${max} points.  ✔ passed  ✘ failed  · not attempted`);
  console.log("Progress is saved when you check; run `npm run labs -- check` to refresh it.");
}

function printRun(run: CheckRun): void {
  console.log(formatResults(run.results));
  if (run.saveProblem) console.error(`\n⚠ ${run.saveProblem}`);
}

async function runCheck(
  labQuery: string | undefined,
  exerciseId: string | undefined,
  out: { json: boolean; junit?: string },
): Promise<number> {
  const labs = labQuery ? [findLab(labQuery)] : allLabs();
  const results: CheckResult[] = [];
  let saveProblem: string | undefined;
  for (const lab of labs) {
    const run = await checkLab(lab.id, exerciseId ? [exerciseId] : undefined);
    results.push(...run.results);
    saveProblem ??= run.saveProblem;
  }
  console.log(out.json ? toJson(results) : formatResults(results));
  if (saveProblem) console.error(`\n⚠ ${saveProblem}`);
  if (out.junit) {
    fs.mkdirSync(path.dirname(path.resolve(out.junit)), { recursive: true });
    fs.writeFileSync(out.junit, toJUnitXml(results));
    if (!out.json) console.log(`JUnit report written to ${out.junit}`);
  }
  return results.every((r) => r.status === "passed") ? 0 : 1;
}

/**
 * Checks once at start, then on every save. A save while a check runs cancels that check
 * (its result would be stale) and starts a fresh one at once.
 */
async function watch(labQuery: string | undefined): Promise<number> {
  const labs = labQuery ? [findLab(labQuery)] : allLabs();
  const byFile = new Map(labs.map((l) => [path.basename(labFilePath(l.id)), l.id]));
  let current: AbortController | undefined;
  const checkNow = async (labId: string) => {
    current?.abort();
    const mine = new AbortController();
    current = mine;
    console.clear();
    console.log(
      `${new Date().toLocaleTimeString()} — checking ${labId} (save again to re-check; Ctrl+C to stop)\n`,
    );
    const run = await checkLab(labId, undefined, { signal: mine.signal });
    if (!run.cancelled && current === mine) printRun(run);
  };
  console.log(
    `Watching ${[...byFile.keys()].map((f) => `labs/${f}`).join(", ")} — save a file to re-check it. Ctrl+C to stop.`,
  );
  await checkNow(labs[0].id);
  let timer: NodeJS.Timeout | undefined;
  fs.watch(fromRoot("labs"), (_event, file) => {
    const labId = file ? byFile.get(file.toString()) : undefined;
    if (!labId) return;
    // Editors write files in several steps: wait for the burst of events to settle.
    clearTimeout(timer);
    timer = setTimeout(() => void checkNow(labId), 150);
  });
  return new Promise<number>(() => {});
}

function reset(labQuery: string): number {
  const lab = findLab(labQuery);
  const backup = resetLab(lab.id);
  const saved = resetProgress(lab.id);
  if (!saved.saved) console.error(saved.reason);
  if (backup) {
    console.log(
      `Restored labs/${lab.id}.ts to the original stub.\nYour previous version is saved at ${path.relative(process.cwd(), backup)}.`,
    );
  } else {
    console.log(`labs/${lab.id}.ts is already the original stub; nothing to do.`);
  }
  return 0;
}

function update(): number {
  const outcomes = updateWorkspace();
  const by = (action: string) => outcomes.filter((o) => o.action === action).map((o) => o.labId);
  const created = by("created");
  const refreshed = by("refreshed");
  const kept = by("kept-edited");
  if (created.length) console.log(`New labs: ${created.map((id) => `labs/${id}.ts`).join(", ")}`);
  if (refreshed.length)
    console.log(`Updated to the latest stub (you had not edited them): ${refreshed.join(", ")}`);
  for (const id of kept) {
    console.log(`The stub of ${id} changed upstream; your edited labs/${id}.ts was left as it is.`);
    console.log(
      `  See what changed: npm run labs -- diff ${id}   (then, once merged: npm run labs -- accept ${id})`,
    );
  }
  if (!created.length && !refreshed.length && !kept.length)
    console.log(`All ${unitIds.length} lab files are up to date.`);
  return 0;
}

function diff(labId: string): number {
  const { base, latest } = upstreamChange(labId);
  if (base === undefined) {
    console.log(
      `No record of the stub labs/${labId}.ts was created from; comparing your file with the latest stub instead.`,
    );
  }
  if (base === latest) {
    console.log(`The stub of ${labId} has not changed since your file was created.`);
    return 0;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-diff-"));
  const latestFile = path.join(dir, `${labId}.latest.ts`);
  fs.writeFileSync(latestFile, latest);
  const from =
    base === undefined ? labFilePath(labId) : path.join(dir, `${labId}.yours-was-based-on.ts`);
  if (base !== undefined) fs.writeFileSync(from, base);
  const r = spawnSync("git", ["diff", "--no-index", "--color=auto", from, latestFile], {
    stdio: "inherit",
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.error) {
    console.log(
      `(git is needed to show the difference.) The latest stub is produced by solutions/${labId}.ts.`,
    );
  }
  return 0;
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
