/**
 * What notebooks/00-start-here.ipynb calls: the self-assessment, the certification paths and
 * the learning report, shown as HTML (or text outside a notebook). Same data as the CLI's
 * `assess`, `path` and `report`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildReport, formatReport, reportChartSpecs, reportHtml } from "../analytics/report";
import {
  type Answers,
  type AssessmentResult,
  assessmentHistory,
  assessmentHtml,
  DOMAINS,
  formatAssessment,
  gradeAssessment,
  QUESTIONS,
  questionText,
  saveAssessment,
  unknownAnswerIds,
} from "../assess";
import {
  CERTIFICATIONS,
  certificationProgress,
  findCertification,
  formatPath,
  formatPathList,
  pathListHtml,
} from "../course/certifications";
import { allLabs } from "../course/manifest";
import { progressFilePath, readProgress } from "../grading/progress";
import { showChart } from "../plot/render";
import { fromRoot } from "../project-root";

/** A few weeks of made-up progress, to see what the report looks like before you have any. */
export const EXAMPLE_PROGRESS = fromRoot("src", "analytics", "example-progress.json");

import { escapeHtml, showHtml } from "./display";

/** Every question, numbered by domain. */
export function showQuestions(): void {
  const sections = DOMAINS.map((d) => {
    const items = QUESTIONS.filter((q) => q.domain === d.id)
      .map((q) => {
        const extra =
          q.kind === "choice"
            ? `<br>${Object.entries(q.options)
                .map(([k, v]) => `<code>${k}</code>) ${escapeHtml(v)}`)
                .join(" &nbsp; ")}`
            : q.kind === "function"
              ? `<br><small>signature: <code>${escapeHtml(q.signature)}</code></small>`
              : "";
        return `<li><code>${q.id}</code> — ${escapeHtml(q.prompt)}${extra}</li>`;
      })
      .join("");
    return `<h4>${escapeHtml(d.title)}</h4><ul>${items}</ul>`;
  }).join("");
  const text = QUESTIONS.map((q) => `${q.id}: ${questionText(q)}`).join("\n");
  showHtml(`<div style="font-family:sans-serif">${sections}</div>`, text);
}

/**
 * Grades the answers, shows the result next to your previous attempt, and saves it (unless
 * nothing was answered). Returns the result.
 */
export async function gradeAndSave(answers: Answers): Promise<AssessmentResult> {
  const unknown = unknownAnswerIds(answers);
  if (unknown.length) console.log(`Ignored answers to unknown questions: ${unknown.join(", ")}`);
  const previous = assessmentHistory().at(-1);
  const result = await gradeAssessment(answers);
  showHtml(assessmentHtml(result, previous), formatAssessment(result, previous));
  if (result.answered === 0) {
    console.log("Nothing answered yet, so nothing was saved. Fill in `answers` above and re-run.");
    return result;
  }
  const saved = saveAssessment(result, "notebook");
  console.log(
    saved.saved
      ? `Saved (attempt ${assessmentHistory().length}). Re-run any time to see your progress.`
      : saved.reason,
  );
  return result;
}

/** The certification paths with your progress; with an id, one path in full. */
export function showPaths(id?: string): void {
  const progress = readProgress();
  const labs = allLabs();
  if (id) {
    const text = formatPath(certificationProgress(findCertification(id), progress, labs));
    showHtml(`<pre style="white-space:pre-wrap">${escapeHtml(text)}</pre>`, text);
    return;
  }
  const all = CERTIFICATIONS.map((c) => certificationProgress(c, progress, labs));
  showHtml(pathListHtml(all), formatPathList(all));
}

/**
 * The learning report: summary, charts, and the HTML file (`.progress/report.html` unless
 * `htmlFile` is given). `progressFile` reads another progress file (e.g. the example one).
 */
export async function showReport(
  options: { progressFile?: string; htmlFile?: string } = {},
): Promise<void> {
  const file = path.resolve(fromRoot(), options.htmlFile ?? path.join(".progress", "report.html"));
  const report = buildReport(readProgress(options.progressFile), allLabs());
  const summary = formatReport(report);
  showHtml(`<pre style="white-space:pre-wrap">${escapeHtml(summary)}</pre>`, summary);
  for (const chart of reportChartSpecs(report)) await showChart(chart.spec, chart.text);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const source = path.relative(fromRoot(), options.progressFile ?? progressFilePath());
  fs.writeFileSync(file, await reportHtml(report, source));
  console.log(
    `HTML report written to ${path.relative(fromRoot(), file)} (opens offline in a browser).`,
  );
}
