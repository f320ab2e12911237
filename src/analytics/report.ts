/**
 * Learning analytics from progress v2: score history, attempts per exercise, time from first
 * attempt to pass, hints and solutions used, weakest topics, exam and self-assessment results
 * over time. `buildReport` is pure (progress + labs in, data out); the formatters show it in
 * the terminal, the notebook (charts) and a self-contained HTML file.
 */
import { DOMAINS } from "../assess/questions";
import type { AnyLab } from "../course/manifest";
import type { ProgressFile } from "../grading/progress";
import type { ExerciseStatus } from "../grading/types";
import { escapeHtml } from "../notebook/display";
import { barChartSpec, lineChartSpec } from "../plot/charts";
import { renderSvg } from "../plot/render";

export interface ExerciseRow {
  labId: string;
  exerciseId: string;
  title: string;
  points: number;
  status: ExerciseStatus;
  bestScore: number;
  attemptCount: number;
  failedAttempts: number;
  /** False when older attempts were not kept (a file migrated from v1, or > 100 attempts). */
  historyComplete: boolean;
  firstAttemptAt?: string;
  firstPassedAt?: string;
  /** From the first attempt's start to the first pass; only with a complete history. */
  timeToPassMs?: number;
  /** Attempts up to and including the first pass; only with a complete history. */
  attemptsToPass?: number;
  hintsShown: number;
  hintLevels: number;
  solutionShown: boolean;
}

export interface LabRow {
  labId: string;
  title: string;
  exercises: number;
  attempted: number;
  passed: number;
  /** Points-weighted best score over all of the lab's exercises (0..1). */
  fraction: number;
  /** Mean best score over the attempted exercises (0..1): how it goes where you tried. */
  attemptedFraction: number;
  failedAttempts: number;
  hintsShown: number;
  solutionsShown: number;
}

export interface LearningReport {
  generatedAt: string;
  totals: {
    exercises: number;
    attempted: number;
    passed: number;
    points: number;
    maxPoints: number;
    checks: number;
    hintsShown: number;
    solutionsShown: number;
    /** Exercises whose attempts before v2 were not recorded individually. */
    withoutHistory: number;
  };
  /** Course score (best result per exercise) after each recorded check, in time order. */
  scoreHistory: { at: string; points: number; fraction: number }[];
  exercises: ExerciseRow[];
  labs: LabRow[];
  /** Weakest first: attempted labs with the lowest score where tried, then most failures. */
  weakest: { labId: string; title: string; reason: string }[];
  exams: {
    examId: string;
    startedAt: string;
    finishedAt?: string;
    tasks: number;
    meanScore: number;
  }[];
  assessments: { at: string; score: number; domains: Record<string, number> }[];
}

function labPoints(lab: AnyLab): number {
  return lab.exercises.reduce((s, e) => s + e.points, 0);
}

export function buildReport(
  progress: ProgressFile,
  labs: AnyLab[],
  now = new Date(),
): LearningReport {
  const exercises: ExerciseRow[] = [];
  const events: { at: string; key: string; points: number; score: number }[] = [];
  for (const lab of labs) {
    for (const ex of lab.exercises) {
      const e = progress.labs[lab.id]?.[ex.id];
      const attempts = (e?.attempts ?? []).filter((a) => !a.stale);
      const historyComplete = e ? e.attempts.length === e.attemptCount : true;
      const firstPass = attempts.findIndex((a) => a.status === "passed");
      const row: ExerciseRow = {
        labId: lab.id,
        exerciseId: ex.id,
        title: ex.title,
        points: ex.points,
        status: e?.status ?? "not_attempted",
        bestScore: e ? Math.max(e.bestScore, e.firstPassedAt ? 1 : 0) : 0,
        attemptCount: e?.attemptCount ?? 0,
        failedAttempts: e?.attempts.filter((a) => a.status === "failed").length ?? 0,
        historyComplete,
        firstAttemptAt: historyComplete ? attempts[0]?.startedAt : undefined,
        firstPassedAt: e?.firstPassedAt,
        hintsShown: e?.hintsShown ?? 0,
        hintLevels: ex.hints.length,
        solutionShown: e?.solutionShown ?? false,
      };
      if (historyComplete && firstPass >= 0) {
        row.timeToPassMs = Date.parse(attempts[firstPass].at) - Date.parse(attempts[0].startedAt);
        row.attemptsToPass = firstPass + 1;
      }
      exercises.push(row);
      for (const a of attempts)
        events.push({ at: a.at, key: `${lab.id}/${ex.id}`, points: ex.points, score: a.score });
    }
  }
  const maxPoints = labs.reduce((s, l) => s + labPoints(l), 0);
  // Course score over time: the best score so far per exercise, after each check.
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const best = new Map<string, number>();
  const scoreHistory: LearningReport["scoreHistory"] = [];
  for (const ev of events) {
    best.set(ev.key, Math.max(best.get(ev.key) ?? 0, ev.points * ev.score));
    const points = [...best.values()].reduce((s, v) => s + v, 0);
    const last = scoreHistory[scoreHistory.length - 1];
    if (last && last.at === ev.at) scoreHistory.pop();
    scoreHistory.push({ at: ev.at, points, fraction: maxPoints ? points / maxPoints : 0 });
  }
  const labRows: LabRow[] = labs.map((lab) => {
    const rows = exercises.filter((r) => r.labId === lab.id);
    const tried = rows.filter((r) => r.attemptCount > 0 || r.status !== "not_attempted");
    const total = labPoints(lab);
    return {
      labId: lab.id,
      title: lab.title,
      exercises: rows.length,
      attempted: tried.length,
      passed: rows.filter((r) => r.firstPassedAt || r.status === "passed").length,
      fraction: total ? rows.reduce((s, r) => s + r.points * r.bestScore, 0) / total : 0,
      attemptedFraction: tried.length
        ? tried.reduce((s, r) => s + r.bestScore, 0) / tried.length
        : 0,
      failedAttempts: rows.reduce((s, r) => s + r.failedAttempts, 0),
      hintsShown: rows.reduce((s, r) => s + r.hintsShown, 0),
      solutionsShown: rows.filter((r) => r.solutionShown).length,
    };
  });
  const weakest = labRows
    .filter(
      (l) =>
        l.attempted > 0 &&
        (l.attemptedFraction < 1 || l.failedAttempts > 0 || l.solutionsShown > 0),
    )
    .sort(
      (a, b) =>
        a.attemptedFraction - b.attemptedFraction ||
        b.failedAttempts - a.failedAttempts ||
        b.hintsShown - a.hintsShown,
    )
    .slice(0, 5)
    .map((l) => {
      const unpassed = exercises
        .filter(
          (r) =>
            r.labId === l.labId &&
            (r.attemptCount > 0 || r.status !== "not_attempted") &&
            r.bestScore < 1,
        )
        .map((r) => r.exerciseId);
      const parts = [`${Math.round(100 * l.attemptedFraction)} % where tried`];
      if (unpassed.length) parts.push(`not passed yet: ${unpassed.join(", ")}`);
      if (l.failedAttempts)
        parts.push(`${l.failedAttempts} failed check${l.failedAttempts === 1 ? "" : "s"}`);
      if (l.hintsShown) parts.push(`${l.hintsShown} hints`);
      if (l.solutionsShown)
        parts.push(`${l.solutionsShown} solution${l.solutionsShown === 1 ? "" : "s"} viewed`);
      return { labId: l.labId, title: l.title, reason: parts.join(" · ") };
    });
  const exams = Object.entries(progress.exams).flatMap(([examId, exam]) =>
    exam.attempts.map((a) => ({
      examId,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      tasks: a.tasks.length,
      meanScore: a.tasks.length ? a.tasks.reduce((s, t) => s + t.score0to5, 0) / a.tasks.length : 0,
    })),
  );
  exams.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const assessments = (progress.assessments ?? []).map((a) => ({
    at: a.at,
    score: a.score,
    domains: Object.fromEntries(
      Object.entries(a.domains).map(([d, v]) => [d, v.total ? v.earned / v.total : 0]),
    ),
  }));
  return {
    generatedAt: now.toISOString(),
    totals: {
      exercises: exercises.length,
      attempted: exercises.filter((r) => r.attemptCount > 0 || r.status !== "not_attempted").length,
      passed: exercises.filter((r) => r.firstPassedAt || r.status === "passed").length,
      points: exercises.reduce((s, r) => s + r.points * r.bestScore, 0),
      maxPoints,
      checks: exercises.reduce((s, r) => s + r.attemptCount, 0),
      hintsShown: exercises.reduce((s, r) => s + r.hintsShown, 0),
      solutionsShown: exercises.filter((r) => r.solutionShown).length,
      withoutHistory: exercises.filter((r) => !r.historyComplete).length,
    },
    scoreHistory,
    exercises,
    labs: labRows,
    weakest,
    exams,
    assessments,
  };
}

/** "3 min", "2 h 5 min", "4 days". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ""}`;
  return `${Math.round(h / 24)} days`;
}

const pct = (f: number) => `${Math.round(100 * f)} %`;
const day = (iso: string) => iso.slice(0, 16).replace("T", " ");
const fmt = (n: number) => (Number.isInteger(n) ? `${n}` : n.toFixed(1));

/** The terminal summary for `npm run labs -- report`. */
export function formatReport(r: LearningReport): string {
  const t = r.totals;
  const lines = [
    `Learning report · ${day(r.generatedAt)} UTC`,
    "",
    `Score: ${fmt(t.points)}/${t.maxPoints} points (${pct(t.maxPoints ? t.points / t.maxPoints : 0)}) · ${t.passed}/${t.exercises} exercises passed · ${t.attempted} attempted · ${t.checks} checks`,
    `Hints: ${t.hintsShown} shown · solutions viewed: ${t.solutionsShown}`,
  ];
  if (t.withoutHistory)
    lines.push(
      `(${t.withoutHistory} exercises have attempts from before progress v2: their counts are kept, but not when each happened.)`,
    );
  if (r.scoreHistory.length) {
    const first = r.scoreHistory[0];
    const last = r.scoreHistory[r.scoreHistory.length - 1];
    lines.push(
      `Score history: ${pct(first.fraction)} on ${day(first.at)} → ${pct(last.fraction)} on ${day(last.at)} (${r.scoreHistory.length} checks recorded)`,
    );
  }
  const byLab = r.labs.filter((l) => l.attempted > 0);
  if (byLab.length) {
    lines.push("", "Per lab (passed/exercises · score · failed checks · hints · solutions)");
    const w = Math.max(...byLab.map((l) => l.labId.length));
    for (const l of byLab)
      lines.push(
        `  ${l.labId.padEnd(w)}  ${`${l.passed}/${l.exercises}`.padStart(5)}  ${pct(l.fraction).padStart(5)}  ${String(l.failedAttempts).padStart(3)} failed  ${String(l.hintsShown).padStart(3)} hints  ${l.solutionsShown} solutions`,
      );
  }
  const passedRows = r.exercises.filter((e) => e.timeToPassMs !== undefined);
  if (passedRows.length) {
    const slowest = [...passedRows].sort((a, b) => b.timeToPassMs! - a.timeToPassMs!).slice(0, 5);
    lines.push("", "Longest from first attempt to pass");
    for (const e of slowest)
      lines.push(
        `  ${`${e.labId} › ${e.exerciseId}`.padEnd(48)} ${formatDuration(e.timeToPassMs!).padStart(9)}  (${e.attemptsToPass} attempt${e.attemptsToPass === 1 ? "" : "s"})`,
      );
  }
  const most = r.exercises
    .filter((e) => e.attemptCount > 1)
    .sort((a, b) => b.attemptCount - a.attemptCount);
  if (most.length) {
    lines.push("", "Most attempts");
    for (const e of most.slice(0, 5))
      lines.push(
        `  ${`${e.labId} › ${e.exerciseId}`.padEnd(48)} ${String(e.attemptCount).padStart(4)}  ${e.status.replace("_", " ")}`,
      );
  }
  lines.push("", "Weakest topics");
  if (r.weakest.length === 0) lines.push("  none yet: everything you tried has passed.");
  for (const w of r.weakest) lines.push(`  ${w.labId}: ${w.reason}`);
  const lastAssessment = r.assessments[r.assessments.length - 1];
  if (lastAssessment) {
    const weak = DOMAINS.filter((d) => (lastAssessment.domains[d.id] ?? 1) < 0.7).map(
      (d) => d.title,
    );
    if (weak.length)
      lines.push(`  self-assessment (${day(lastAssessment.at)}): ${weak.join(", ")} below 70 %`);
  }
  if (r.exams.length) {
    lines.push("", "Mock exams (mean task score, 0–5)");
    for (const e of r.exams)
      lines.push(
        `  ${day(e.startedAt)}  ${e.meanScore.toFixed(2)}/5 over ${e.tasks} task${e.tasks === 1 ? "" : "s"}${e.finishedAt ? "" : " (unfinished)"}`,
      );
  }
  if (r.assessments.length) {
    lines.push("", "Self-assessments");
    for (const a of r.assessments) lines.push(`  ${day(a.at)}  ${pct(a.score)}`);
  }
  if (t.attempted === 0 && !r.exams.length && !r.assessments.length)
    lines.push(
      "",
      "Nothing recorded yet: run `npm run labs -- assess`, then check a lab (`npm run labs -- check 01`).",
    );
  return lines.join("\n");
}

/** A fixed y range (a score's full scale), so small changes do not look like big ones. */
function withYDomain<T>(spec: T, domain: [number, number]): T {
  const s = spec as { encoding?: { x?: Record<string, unknown>; y?: Record<string, unknown> } };
  if (s.encoding?.y) s.encoding.y = { ...s.encoding.y, scale: { domain } };
  // Attempts are counted 1, 2, 3…: whole-number ticks only.
  if (s.encoding?.x) s.encoding.x = { ...s.encoding.x, axis: { tickMinStep: 1, format: "d" } };
  return spec;
}

/** The Vega-Lite charts of a report (empty sections are left out). */
export function reportChartSpecs(r: LearningReport) {
  const specs: { id: string; spec: ReturnType<typeof lineChartSpec>; text: string }[] = [];
  if (r.scoreHistory.length) {
    specs.push({
      id: "score-history",
      text: `Course score over ${r.scoreHistory.length} checks: ${pct(r.scoreHistory[r.scoreHistory.length - 1].fraction)} now`,
      spec: lineChartSpec({
        title: "Course score after each check (best result per exercise)",
        series: { "% of all points": r.scoreHistory.map((h) => 100 * h.fraction) },
        xTitle: "check",
        yTitle: "% of all points",
      }),
    });
  }
  const attempted = r.exercises
    .filter((e) => e.attemptCount > 0)
    .sort((a, b) => b.attemptCount - a.attemptCount);
  if (attempted.length) {
    specs.push({
      id: "attempts",
      text: attempted
        .slice(0, 20)
        .map((e) => `${e.labId.slice(0, 2)}/${e.exerciseId}: ${e.attemptCount}`)
        .join(", "),
      spec: barChartSpec({
        title: "Attempts per exercise (most first, top 20)",
        bars: Object.fromEntries(
          attempted
            .slice(0, 20)
            .map((e) => [`${e.labId.slice(0, 2)} ${e.exerciseId}`, e.attemptCount]),
        ),
        yTitle: "checks",
      }),
    });
  }
  const timed = r.exercises
    .filter((e) => e.timeToPassMs !== undefined)
    .sort((a, b) => b.timeToPassMs! - a.timeToPassMs!);
  if (timed.length) {
    specs.push({
      id: "time-to-pass",
      text: timed
        .slice(0, 20)
        .map((e) => `${e.exerciseId}: ${formatDuration(e.timeToPassMs!)}`)
        .join(", "),
      spec: barChartSpec({
        title: "Minutes from first attempt to pass (longest first, top 20)",
        bars: Object.fromEntries(
          timed
            .slice(0, 20)
            .map((e) => [`${e.labId.slice(0, 2)} ${e.exerciseId}`, e.timeToPassMs! / 60_000]),
        ),
        yTitle: "minutes",
      }),
    });
  }
  const labs = r.labs.filter((l) => l.attempted > 0);
  if (labs.length) {
    specs.push({
      id: "labs",
      text: labs.map((l) => `${l.labId}: ${pct(l.fraction)}`).join(", "),
      spec: barChartSpec({
        title: "Score per lab (% of the lab's points)",
        bars: Object.fromEntries(labs.map((l) => [l.labId, 100 * l.fraction])),
        yTitle: "%",
      }),
    });
  }
  if (r.exams.length) {
    specs.push({
      id: "exams",
      text: r.exams.map((e) => e.meanScore.toFixed(2)).join(", "),
      spec: withYDomain(
        lineChartSpec({
          title: "Mock exams: mean task score",
          series: { "mean score (0–5)": r.exams.map((e) => e.meanScore) },
          x: r.exams.map((_, i) => i + 1),
          xTitle: "exam",
          yTitle: "score",
        }),
        [0, 5],
      ),
    });
  }
  if (r.assessments.length) {
    specs.push({
      id: "assessments",
      text: r.assessments.map((a) => pct(a.score)).join(", "),
      spec: withYDomain(
        lineChartSpec({
          title: "Self-assessment per domain over attempts",
          series: Object.fromEntries(
            DOMAINS.map((d) => [d.title, r.assessments.map((a) => 100 * (a.domains[d.id] ?? 0))]),
          ),
          x: r.assessments.map((_, i) => i + 1),
          xTitle: "attempt",
          yTitle: "%",
        }),
        [0, 100],
      ),
    });
  }
  return specs;
}

/** A self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched). */
export async function reportHtml(
  r: LearningReport,
  source = ".progress/progress.json",
): Promise<string> {
  const charts: string[] = [];
  for (const c of reportChartSpecs(r))
    charts.push(
      `<figure>${await renderSvg(c.spec)}<figcaption>${escapeHtml(c.text)}</figcaption></figure>`,
    );
  const t = r.totals;
  const labRows = r.labs
    .map(
      (l) =>
        `<tr><td>${l.labId}</td><td>${escapeHtml(l.title)}</td><td>${l.passed}/${l.exercises}</td><td>${pct(l.fraction)}</td><td>${l.failedAttempts}</td><td>${l.hintsShown}</td><td>${l.solutionsShown}</td></tr>`,
    )
    .join("");
  const exRows = r.exercises
    .filter((e) => e.attemptCount > 0 || e.status !== "not_attempted")
    .map(
      (e) =>
        `<tr><td>${e.labId}</td><td>${e.exerciseId}</td><td class="${e.status}">${e.status.replace("_", " ")}</td><td>${e.attemptCount}</td><td>${e.timeToPassMs !== undefined ? formatDuration(e.timeToPassMs) : e.firstPassedAt ? "—" : ""}</td><td>${e.hintsShown}/${e.hintLevels}</td><td>${e.solutionShown ? "yes" : ""}</td></tr>`,
    )
    .join("");
  const weak = r.weakest
    .map((w) => `<li><b>${w.labId}</b> ${escapeHtml(w.title)}: ${escapeHtml(w.reason)}</li>`)
    .join("");
  const exams = r.exams
    .map(
      (e) =>
        `<tr><td>${day(e.startedAt)}</td><td>${e.meanScore.toFixed(2)}/5</td><td>${e.tasks}</td><td>${e.finishedAt ? "finished" : "unfinished"}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ml-cert-labs · learning report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem} .sub{color:#666;margin-top:0}
.cards{display:flex;gap:1rem;flex-wrap:wrap} .card{border:1px solid #ddd;border-radius:8px;padding:.8rem 1.2rem;min-width:140px}
.card b{display:block;font-size:1.6rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem} td,th{border-bottom:1px solid #eee;padding:.25rem .6rem;text-align:left;font-size:.9rem}
.passed{color:#2e7d32}.failed{color:#c62828}.not_attempted{color:#888}
figure{display:inline-block;margin:.5rem;vertical-align:top} figure svg{max-width:470px;height:auto} figcaption{font-size:.75rem;color:#666;max-width:480px}
.note{color:#666;font-size:.85rem}
</style></head><body>
<h1>Learning report</h1><p class="sub">ml-cert-labs · generated ${day(r.generatedAt)} UTC · from ${escapeHtml(source)}</p>
<div class="cards">
<div class="card"><b>${pct(t.maxPoints ? t.points / t.maxPoints : 0)}</b>${fmt(t.points)}/${t.maxPoints} points</div>
<div class="card"><b>${t.passed}/${t.exercises}</b>exercises passed</div>
<div class="card"><b>${t.checks}</b>checks run</div>
<div class="card"><b>${t.hintsShown}</b>hints shown</div>
<div class="card"><b>${t.solutionsShown}</b>solutions viewed</div>
<div class="card"><b>${r.exams.length}</b>mock exams</div>
</div>
${t.withoutHistory ? `<p class="note">${t.withoutHistory} exercises have attempts from before progress v2: their counts are kept, not their times.</p>` : ""}
<h2>Charts</h2>${charts.length ? charts.join("\n") : "<p>Nothing recorded yet.</p>"}
<h2>Weakest topics</h2>${weak ? `<ul>${weak}</ul>` : "<p>None yet: everything you tried has passed.</p>"}
<h2>Labs</h2><table><tr><th>lab</th><th>title</th><th>passed</th><th>score</th><th>failed checks</th><th>hints</th><th>solutions</th></tr>${labRows}</table>
<h2>Exercises you tried</h2>${exRows ? `<table><tr><th>lab</th><th>exercise</th><th>status</th><th>attempts</th><th>first attempt → pass</th><th>hints</th><th>solution</th></tr>${exRows}</table>` : "<p>None yet.</p>"}
<h2>Mock exams</h2>${exams ? `<table><tr><th>started</th><th>mean task score</th><th>tasks</th><th></th></tr>${exams}</table>` : "<p>None yet: <code>npm run exam -- start</code>.</p>"}
</body></html>
`;
}
