/**
 * How check results look in a notebook: one card per exercise (HTML, with a plain-text
 * alternative), updated live while a check runs. Loaded only when a check cell runs.
 */
import { failureLines, formatResults } from "../grading/report";
import type { CheckResult, ProgressEvent } from "../grading/types";
import { escapeHtml } from "./display";

const STYLE: Record<CheckResult["status"], { icon: string; color: string; label: string }> = {
  passed: { icon: "✔", color: "#2e7d32", label: "Passed" },
  failed: { icon: "✘", color: "#c62828", label: "Not yet" },
  not_attempted: { icon: "…", color: "#6d6d6d", label: "Not attempted" },
};

export function statusIcon(status: CheckResult["status"]): string {
  return STYLE[status].icon;
}

const CARD = "padding:4px 10px;margin:4px 0;font-family:sans-serif;font-size:13px";

function resultHtml(r: CheckResult): string {
  const s = STYLE[r.status];
  const details =
    r.status === "passed"
      ? ""
      : `<pre style="margin:4px 0 0 0;white-space:pre-wrap">${escapeHtml(failureLines(r).join("\n"))}</pre>`;
  return (
    `<div style="border-left:4px solid ${s.color};${CARD}">` +
    `<b style="color:${s.color}">${s.icon} ${s.label}</b> · ${escapeHtml(r.title)} <code>${escapeHtml(r.exerciseId)}</code> ` +
    `(${r.points}/${r.maxPoints} pts, ${r.durationMs} ms)${details}</div>`
  );
}

function pendingHtml(label: string): string {
  return `<div style="border-left:4px solid #90a4ae;${CARD};color:#546e7a">⏳ ${escapeHtml(label)}</div>`;
}

function progressLabel(exerciseId: string, e: ProgressEvent): string {
  const of = e.total ? `/${e.total}` : "";
  const metrics = Object.entries(e.metrics ?? {})
    .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(4)}`)
    .join(", ");
  return `Checking ${exerciseId}: ${e.step} ${e.index}${of}${metrics ? ` · ${metrics}` : ""}`;
}

/** The state of one check cell, rendered as HTML and as text. */
export class CheckView {
  private readonly results: CheckResult[] = [];
  private status: string;
  private saveProblem?: string;

  constructor(
    labId: string,
    private readonly pendingIds: string[],
  ) {
    this.status = `Checking ${pendingIds.length === 1 ? pendingIds[0] : `${pendingIds.length} exercises`} of ${labId}…`;
  }

  add(r: CheckResult): void {
    this.results.push(r);
    const left = this.pendingIds.length - this.results.length;
    this.status = left > 0 ? `Checking ${left} more…` : "";
  }

  progress(exerciseId: string, e: ProgressEvent): void {
    this.status = progressLabel(exerciseId, e);
  }

  done(saveProblem?: string): void {
    this.status = "";
    this.saveProblem = saveProblem;
  }

  cancelled(): void {
    this.status = "Check cancelled (interrupted). Nothing was recorded.";
  }

  html(): string {
    const cards = this.results.map(resultHtml).join("");
    const save = this.saveProblem
      ? `<div style="${CARD};color:#e65100">⚠ ${escapeHtml(this.saveProblem)}</div>`
      : "";
    return cards + (this.status ? pendingHtml(this.status) : "") + save;
  }

  text(): string {
    const parts: string[] = [];
    if (this.results.length > 0) parts.push(formatResults(this.results));
    if (this.status) parts.push(this.status);
    if (this.saveProblem) parts.push(`⚠ ${this.saveProblem}`);
    return parts.join("\n");
  }
}
