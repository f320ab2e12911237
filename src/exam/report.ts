/**
 * The exam report: a terminal summary and a self-contained HTML page (scores per task, the
 * weighted total against the 90 % pass mark, time used, learning curves of each submission,
 * and what a 5 needed), plus the history of every exam taken.
 */

import { formatNumber } from "../grading/expect";
import { escapeHtml } from "../notebook/display";
import { type ExamState, PASS_FRACTION, weightedFraction } from "./session";
import { EXAM_TASKS, taskById, variantById } from "./tasks";

const pct = (f: number) => `${(100 * f).toFixed(1)} %`;

function minutesBetween(a: string, b: string): string {
  return `${Math.round((Date.parse(b) - Date.parse(a)) / 60_000)} min`;
}

/** What a 5 needs on this task's variant, e.g. "MAE (y) ≤ 0.05". */
export function fullMarksNeed(taskId: string, variantId: string): string {
  const bands = variantById(taskById(taskId), variantId).bands;
  return `${bands.metric} ${bands.better === "higher" ? "≥" : "≤"} ${formatNumber(bands.thresholds[4])}`;
}

/** Time left or the verdict, plus one line per task. */
export function statusText(state: ExamState, now = new Date()): string {
  const lines: string[] = [];
  if (state.finished) {
    const total = weightedFraction(state);
    lines.push(
      `Exam finished (${state.finishReason === "deadline" ? "time ran out" : "you finished it"}): ${pct(total)} — ${total >= PASS_FRACTION ? "PASS" : "not yet a pass"} (pass mark ${pct(PASS_FRACTION)}).`,
    );
  } else {
    const left = Math.max(0, state.deadline.getTime() - now.getTime());
    const h = Math.floor(left / 3_600_000);
    const m = Math.floor((left % 3_600_000) / 60_000);
    lines.push(`Exam running: ${h} h ${m} min left (ends ${state.deadline.toLocaleString()}).`);
  }
  for (const t of state.tasks) {
    const best = t.best ? `best ${t.best.score}/5` : "not submitted";
    const tries = t.attempts.length === 1 ? "1 submission" : `${t.attempts.length} submissions`;
    const lost = t.interrupted.length
      ? `, ${t.interrupted.length} interrupted (no score; submit again)`
      : "";
    lines.push(
      `  Task ${t.number} (weight ${t.weight}) ${t.variantTitle}: ${best}, ${tries}${lost}`,
    );
    const last = t.attempts[t.attempts.length - 1];
    if (last && last.score < 5) lines.push(`      last: ${last.reason}`);
  }
  for (const p of state.problems) lines.push(`  ⚠ ${p}`);
  return lines.join("\n");
}

/** A small inline SVG of a submission's learning curves. */
function curvesSvg(curves: Record<string, number[]>): string {
  const series = Object.entries(curves).filter(([, v]) => v.length > 1);
  if (series.length === 0) return "<em>no epochs recorded</em>";
  const w = 260;
  const h = 70;
  const colors = ["#4c78a8", "#f58518", "#54a24b", "#e45756"];
  const lines = series.map(([name, v], s) => {
    const finite = v.filter(Number.isFinite);
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    const pts = v
      .map(
        (y, i) =>
          `${((i / (v.length - 1)) * (w - 4) + 2).toFixed(1)},${(h - 2 - ((y - lo) / (hi - lo || 1)) * (h - 4)).toFixed(1)}`,
      )
      .join(" ");
    return `<polyline fill="none" stroke="${colors[s % 4]}" stroke-width="1.5" points="${pts}"><title>${escapeHtml(name)}</title></polyline>`;
  });
  const legend = series
    .map(([n], s) => `<span style="color:${colors[s % 4]}">■ ${escapeHtml(n)}</span>`)
    .join(" ");
  return `<svg width="${w}" height="${h}" style="background:#fafafa">${lines.join("")}</svg><br><small>${legend} (each scaled to its own range)</small>`;
}

export function reportHtml(state: ExamState): string {
  const total = weightedFraction(state);
  const end =
    state.tasks
      .flatMap((t) => t.attempts.map((a) => a.at))
      .sort()
      .pop() ?? state.started.at;
  const rows = state.tasks
    .map((t) => {
      const attempts = t.attempts
        .map(
          (a) =>
            `<tr><td>#${a.attempt}</td><td>${a.score}/5</td><td>${escapeHtml(a.reason)}</td><td>${a.trainSeconds} s</td><td>${curvesSvg(a.curves)}</td></tr>`,
        )
        .join("");
      return `<h2>Task ${t.number} · ${escapeHtml(t.category)} <small>(weight ${t.weight})</small></h2>
<p>Variant: ${escapeHtml(t.variantTitle)}. Best: <b>${t.best?.score ?? 0}/5</b>. A 5 needed ${escapeHtml(fullMarksNeed(t.taskId, t.variantId))}.
${t.attempts.length ? `Time to last submission: ${minutesBetween(state.started.at, t.attempts[t.attempts.length - 1]!.at)} after the start.` : "Not submitted."}</p>
${t.attempts.length ? `<table><tr><th>attempt</th><th>score</th><th>why</th><th>training</th><th>learning curves</th></tr>${attempts}</table>` : ""}`;
    })
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Mock exam report</title>
<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}.pass{color:#2a7}.fail{color:#c33}</style></head><body>
<h1>Mock exam report</h1>
<p>Started ${escapeHtml(state.started.at)}, ${state.finished ? `finished (${state.finishReason === "deadline" ? "time ran out" : "by you"})` : "still running"}; ${state.started.minutes} min allowed, last submission after ${minutesBetween(state.started.at, end)}. Seed ${state.started.seed}.</p>
<p style="font-size:1.3em">Weighted total: <b class="${total >= PASS_FRACTION ? "pass" : "fail"}">${pct(total)}</b> — ${total >= PASS_FRACTION ? "PASS" : "not yet a pass"} (pass mark ${pct(PASS_FRACTION)}; each task's best score × its weight).</p>
${state.problems.map((p) => `<p class="fail">⚠ ${escapeHtml(p)}</p>`).join("")}
${rows}
<p><small>Reference solutions: <code>npm run exam -- review N</code>.</small></p>
</body></html>
`;
}

/** Every exam's total, oldest first, as text with a bar per exam. */
export function historyText(history: { state: ExamState }[]): string {
  if (history.length === 0) return "No exams yet: start one with `npm run exam -- start`.";
  return history
    .map(({ state }) => {
      const f = weightedFraction(state);
      const bar = "█".repeat(Math.round(f * 20)).padEnd(20, "·");
      const tasks = state.tasks.map((t) => `T${t.number} ${t.best?.score ?? "–"}`).join(" ");
      return `${state.started.at.slice(0, 16).replace("T", " ")}  ${bar} ${pct(f).padStart(7)}  ${tasks}${state.finished ? "" : "  (running)"}`;
    })
    .join("\n");
}

/** Every task, weight and variant with what a 5 needs: an HTML table and its text form. */
export function taskOverview(): { html: string; text: string } {
  const rows = EXAM_TASKS.flatMap((t) =>
    t.variants.map((v) => [
      String(t.number),
      String(t.weight),
      t.category,
      v.title,
      fullMarksNeed(t.id, v.id),
    ]),
  );
  const head = ["task", "weight", "category", "variant", "a 5 needs"];
  const cell = (tag: string) => (s: string) =>
    `<${tag} style="text-align:left;padding:2px 8px">${escapeHtml(s)}</${tag}>`;
  const html = `<table><tr>${head.map(cell("th")).join("")}</tr>${rows.map((r) => `<tr>${r.map(cell("td")).join("")}</tr>`).join("")}</table>`;
  const text = rows
    .map((r) => `task ${r[0]} (weight ${r[1]}) ${r[3]}: a 5 needs ${r[4]}`)
    .join("\n");
  return { html, text };
}
