/**
 * Figures and the written report of a project: every chart is shown in the notebook and saved
 * as an SVG file next to report.md, so the report folder can go straight into a portfolio.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { resolveFromRoot } from "../data/errors";
import { showSvg } from "../notebook/display";
import { renderSvg } from "../plot/render";

export class ProjectReport {
  /** The report folder (absolute). */
  readonly dir: string;
  readonly figures: { file: string; title: string }[] = [];

  constructor(projectDir: string) {
    this.dir = path.join(resolveFromRoot(projectDir), "report");
    fs.mkdirSync(path.join(this.dir, "figures"), { recursive: true });
  }

  /** Renders the chart, shows it, and saves it as report/figures/<name>.svg. */
  async figure(name: string, spec: TopLevelSpec): Promise<string> {
    const svg = await renderSvg(spec);
    const title = typeof spec.title === "string" ? spec.title : name;
    showSvg(svg, `[${title}]`);
    const file = `figures/${name}.svg`;
    fs.writeFileSync(path.join(this.dir, file), svg);
    if (!this.figures.some((f) => f.file === file)) this.figures.push({ file, title });
    return file;
  }

  /** Markdown that embeds a saved figure. */
  embed(name: string): string {
    const f = this.figures.find((x) => x.file === `figures/${name}.svg`);
    return f ? `![${f.title}](${f.file})` : "";
  }

  /** Writes report/report.md and returns its path. */
  write(markdown: string): string {
    const file = path.join(this.dir, "report.md");
    fs.writeFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
    return file;
  }
}

/** A markdown table. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const fmt = (v: string | number) =>
    typeof v === "number"
      ? Number.isInteger(v)
        ? String(v)
        : v.toPrecision(4)
      : v.replace(/\|/g, "\\|");
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(fmt).join(" | ")} |`),
  ].join("\n");
}

export interface ReportInput {
  title: string;
  dataFile: string;
  nRows: number;
  nColumns: number;
  target: string;
  task: string;
  taskReason: string;
  profiles: { name: string; role: string; note: string }[];
  droppedRows: number;
  nTrain: number;
  nTest: number;
  stratified: boolean;
  features: string[];
  metric: string;
  cv: { name: string; about: string; mean: number }[];
  chosen: string;
  testScores: Record<string, number>;
  baselineScores: Record<string, number>;
  seed: number;
  figures: { file: string; title: string }[];
}

/** report.md: what the data is, what was done, what came out, and room for your conclusions. */
export function reportMarkdown(r: ReportInput): string {
  const used = r.profiles.filter((p) => p.role === "numeric" || p.role === "categorical");
  const dropped = r.profiles.filter(
    (p) => p.role === "id" || p.role === "constant" || p.role === "text",
  );
  const metrics = Object.keys(r.testScores);
  return `# ${r.title}

*Predicting \`${r.target}\` (${r.task}) from ${r.dataFile}: ${r.nRows} rows × ${r.nColumns} columns.*

## Summary

The chosen model, **${r.chosen}**, scores ${metrics.map((m) => `${m} ${fmt(r.testScores[m]!)}`).join(", ")} on
${r.nTest} held-out test rows, against ${metrics.map((m) => `${m} ${fmt(r.baselineScores[m]!)}`).join(", ")} for the
trivial baseline. *(Write here, in two or three sentences, what this means for the problem.)*

## Data

${r.taskReason}.${r.droppedRows > 0 ? ` ${r.droppedRows} rows without a \`${r.target}\` were left out.` : ""}

${markdownTable(
  ["column", "role", "note"],
  r.profiles.map((p) => [p.name, p.role, p.note]),
)}

Used as features: ${used.length} columns (${r.features.length} numbers after one-hot encoding). Dropped: ${
    dropped.length > 0 ? dropped.map((p) => `\`${p.name}\``).join(", ") : "none"
  }.

${r.figures.map((f) => `![${f.title}](${f.file})`).join("\n\n")}

## Method

1. Split first: ${r.nTrain} training rows and ${r.nTest} test rows (random, seed ${r.seed}${r.stratified ? ", stratified by class" : ""}). The test rows were used once, at the end.
2. Features learned from the training rows only: numeric gaps filled with the training median, then standardised with the training mean and standard deviation; categories one-hot encoded with the training categories.
3. Models compared by 5-fold cross-validation on the training rows (${r.metric}; the preparation refitted inside each fold):

${markdownTable(
  ["model", `CV ${r.metric}`, "how"],
  r.cv.map((c) => [c.name, c.mean, c.about]),
)}

4. The best by cross-validation, ${r.chosen}, was refitted on all training rows and scored once on the test rows.

## Results

${markdownTable(
  ["", ...metrics],
  [
    [r.chosen, ...metrics.map((m) => r.testScores[m]!)],
    ["baseline", ...metrics.map((m) => r.baselineScores[m]!)],
  ],
)}

## What I would try next

*(Your ideas: more data, better features from the dropped columns, other models of the course —
random forests (lab 07), SVMs (lab 08), a neural network (lab 12) — and tuning with
cross-validation (lab 10).)*

---
Made with ml-cert-labs (\`npm run labs -- new-project\`).
`;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}
