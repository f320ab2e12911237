/**
 * The self-assessment, for the CLI (`npm run labs -- assess`) and the start-here notebook:
 * grade, save to progress (the optional `assessments` section of progress v2), compare with
 * earlier attempts, and show the result as text or HTML.
 */
import type * as readline from "node:readline/promises";
import {
  type AssessmentAttempt,
  MAX_ASSESSMENTS_KEPT,
  progressFilePath,
  readProgress,
  type SaveResult,
  updateProgress,
} from "../grading/progress";
import { escapeHtml } from "../notebook/display";
import type { Answers, AssessmentResult } from "./grade";
import { DOMAINS, QUESTIONS, type Question } from "./questions";

export * from "./grade";
export * from "./questions";
export * from "./recommend";

/** Saves an assessment (one locked write). Never throws. */
export function saveAssessment(
  result: AssessmentResult,
  source: AssessmentAttempt["source"],
  file = progressFilePath(),
): SaveResult {
  const attempt: AssessmentAttempt = {
    at: result.at,
    source,
    answered: result.answered,
    total: result.total,
    score: result.score,
    domains: Object.fromEntries(
      result.domains.map((d) => [d.domain, { earned: d.earned, total: d.total }]),
    ),
    questions: Object.fromEntries(result.questions.map((q) => [q.id, q.score])),
  };
  return updateProgress((p) => {
    const list = p.assessments ?? [];
    list.push(attempt);
    list.splice(0, list.length - MAX_ASSESSMENTS_KEPT);
    p.assessments = list;
  }, file);
}

/** Earlier assessments, oldest first. */
export function assessmentHistory(file = progressFilePath()): AssessmentAttempt[] {
  return readProgress(file).assessments ?? [];
}

const pct = (f: number) => `${Math.round(100 * f)} %`;

function bar(fraction: number, width = 20): string {
  const full = Math.round(fraction * width);
  return `${"█".repeat(full)}${"░".repeat(width - full)}`;
}

/** How a domain changed since the previous attempt (empty when there is none). */
function change(now: number, before: AssessmentAttempt | undefined, domain?: string): string {
  if (!before) return "";
  const then = domain
    ? before.domains[domain]
      ? before.domains[domain].earned / Math.max(before.domains[domain].total, 1)
      : undefined
    : before.score;
  if (then === undefined) return "";
  const d = Math.round(100 * (now - then));
  return d === 0 ? "  (=)" : `  (${d > 0 ? "+" : ""}${d} since last time)`;
}

/** The result as terminal text: per question, per domain, the advice, and the change since `previous`. */
export function formatAssessment(result: AssessmentResult, previous?: AssessmentAttempt): string {
  const lines: string[] = [];
  for (const d of DOMAINS) {
    lines.push(`\n${d.title}`);
    for (const r of result.questions.filter((q) => q.domain === d.id)) {
      const mark = !r.answered ? "·" : r.score === 1 ? "✔" : r.score > 0 ? "◐" : "✘";
      lines.push(`  ${mark} ${r.id.padEnd(22)} ${r.feedback}`);
    }
  }
  lines.push("\nScore per domain");
  const w = Math.max(...result.domains.map((d) => d.title.length));
  for (const d of result.domains)
    lines.push(
      `  ${d.title.padEnd(w)}  ${bar(d.fraction)} ${pct(d.fraction).padStart(5)}  (${fmt(d.earned)}/${d.total})${change(d.fraction, previous, d.domain)}`,
    );
  lines.push(
    `\nOverall: ${pct(result.score)} · ${result.answered}/${result.total} answered${change(result.score, previous)}`,
  );
  const rec = result.recommendation;
  lines.push(`\nStart with: ${rec.startLab}. ${rec.why}`);
  for (const weak of rec.weak) {
    lines.push(`  ${weak.title} (${pct(weak.fraction)}): do ${weak.labs.join(", ")} first.`);
    if (weak.note) lines.push(`    ${weak.note}`);
  }
  return lines.join("\n").trimStart();
}

const fmt = (n: number) => (Number.isInteger(n) ? `${n}` : n.toFixed(2));

/** The same as HTML, for the notebook. */
export function assessmentHtml(result: AssessmentResult, previous?: AssessmentAttempt): string {
  const rows = result.domains
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.title)}</td><td><div style="background:#eee;width:160px;height:12px"><div style="background:${d.fraction < 0.7 ? "#d9534f" : "#5cb85c"};width:${Math.round(160 * d.fraction)}px;height:12px"></div></div></td><td style="text-align:right">${pct(d.fraction)}</td><td>${escapeHtml(change(d.fraction, previous, d.domain).trim())}</td></tr>`,
    )
    .join("");
  const wrong = result.questions
    .filter((q) => q.answered && q.score < 1)
    .map((q) => `<li><code>${q.id}</code>: ${escapeHtml(q.feedback)}</li>`)
    .join("");
  const rec = result.recommendation;
  const weak = rec.weak
    .map(
      (w) =>
        `<li><b>${escapeHtml(w.title)}</b> (${pct(w.fraction)}): ${w.labs.map((l) => `<code>${l}</code>`).join(", ")}${w.note ? `<br><small>${escapeHtml(w.note)}</small>` : ""}</li>`,
    )
    .join("");
  return `<div style="font-family:sans-serif">
<p><b>Overall ${pct(result.score)}</b> · ${result.answered}/${result.total} answered ${escapeHtml(change(result.score, previous))}</p>
<table>${rows}</table>
<p><b>Start with <code>${rec.startLab}</code>.</b> ${escapeHtml(rec.why)}</p>
${weak ? `<p>Labs to do first:</p><ul>${weak}</ul>` : ""}
${wrong ? `<details><summary>What to look at again</summary><ul>${wrong}</ul></details>` : ""}
</div>`;
}

/** How a question reads in the terminal and the notebook. */
export function questionText(q: Question): string {
  switch (q.kind) {
    case "number":
      return `${q.prompt}  (a number; fractions like 1/6 are fine)`;
    case "choice":
      return `${q.prompt}\n${Object.entries(q.options)
        .map(([k, v]) => `     ${k}) ${v}`)
        .join("\n")}`;
    case "function":
      return `${q.prompt}\n     signature: ${q.signature}\n     e.g. an arrow function on one line: (x) => ...`;
  }
}

/**
 * An answers file to fill in: every id with an empty answer, and the question beside it.
 * (JSON has no comments, so each entry is `{ question, answer }`; `answer` is what counts.)
 */
export function answersTemplate(): Record<string, { question: string; answer: string }> {
  return Object.fromEntries(
    QUESTIONS.map((q) => [
      q.id,
      {
        question:
          q.kind === "function"
            ? `${q.prompt} Signature: ${q.signature}. Answer with the function's source text.`
            : q.kind === "choice"
              ? `${q.prompt} ${Object.entries(q.options)
                  .map(([k, v]) => `${k}) ${v}`)
                  .join("; ")}`
              : q.prompt,
        answer: "",
      },
    ]),
  );
}

/** Accepts `{ id: answer }` or the template's `{ id: { answer } }`. */
export function normaliseAnswers(raw: unknown): Answers {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new Error('The answers file must hold a JSON object: { "question-id": answer, … }.');
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === "object" && v !== null && "answer" in v ? (v as { answer: unknown }).answer : v,
    ]),
  );
}

/** Asks every question in the terminal; Enter skips one. */
export async function askInTerminal(rl: readline.Interface): Promise<Answers> {
  const answers: Answers = {};
  console.log(
    `${QUESTIONS.length} questions, about 20 minutes. Press Enter to skip one; Ctrl+D to stop and grade what you answered; Ctrl+C to quit (nothing is saved).\n`,
  );
  let n = 0;
  for (const d of DOMAINS) {
    console.log(`── ${d.title} ──`);
    for (const q of QUESTIONS.filter((x) => x.domain === d.id)) {
      n++;
      let answer: string;
      try {
        answer = await rl.question(`${n}. ${questionText(q)}\n   > `);
      } catch {
        // Ctrl+D (end of input): grade what was answered so far.
        console.log("\n(End of input: grading the answers so far.)");
        return answers;
      }
      answers[q.id] = answer;
    }
  }
  return answers;
}
