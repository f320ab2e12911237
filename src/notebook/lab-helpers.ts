import { checkLab, courseProgress, hintFor, solutionFor } from "../grading/actions";
import { failureLines, formatResults } from "../grading/report";
import type { CheckResult } from "../grading/types";
import { findLab } from "../course/manifest";
import { escapeHtml, showHtml } from "./display";

const STYLE: Record<CheckResult["status"], { icon: string; color: string; label: string }> = {
  passed: { icon: "✔", color: "#2e7d32", label: "Passed" },
  failed: { icon: "✘", color: "#c62828", label: "Not yet" },
  not_attempted: { icon: "…", color: "#6d6d6d", label: "Not attempted" },
};

function resultHtml(r: CheckResult): string {
  const s = STYLE[r.status];
  const details =
    r.status === "passed"
      ? ""
      : `<pre style="margin:4px 0 0 0;white-space:pre-wrap">${escapeHtml(failureLines(r).join("\n"))}</pre>`;
  return (
    `<div style="border-left:4px solid ${s.color};padding:4px 10px;margin:4px 0;font-family:sans-serif;font-size:13px">` +
    `<b style="color:${s.color}">${s.icon} ${s.label}</b> · ${escapeHtml(r.title)} <code>${escapeHtml(r.exerciseId)}</code> ` +
    `(${r.points}/${r.maxPoints} pts, ${r.durationMs} ms)${details}</div>`
  );
}

/** The helpers a notebook uses for one lab: `const gd = labHelpers("01-gradient-descent")`. */
export interface LabHelpers {
  /** Grades your lab file (all exercises, or one) and shows the result. */
  check(exerciseId?: string): Promise<void>;
  /** Shows the next hint for an exercise (call again for a stronger one), or a given tier. */
  hint(exerciseId: string, level?: number): void;
  /** Shows the reference solution once the exercise passes (or with { showAnyway: true }). */
  solution(exerciseId: string, options?: { showAnyway?: boolean }): void;
  /** Shows your progress in this lab. */
  progress(): void;
}

export function labHelpers(labQuery: string): LabHelpers {
  const lab = findLab(labQuery);
  return {
    async check(exerciseId) {
      const { results, progress } = await checkLab(lab.id, exerciseId ? [exerciseId] : undefined);
      showHtml(results.map(resultHtml).join(""), formatResults(results));
      if (!progress.saved) showHtml(`<div style="font-family:sans-serif;font-size:13px">⚠ ${escapeHtml(progress.reason)}</div>`, progress.reason);
    },
    hint(exerciseId, level) {
      const h = hintFor(lab.id, exerciseId, level);
      const more = h.level < h.total ? " Call hint again for a stronger one." : "";
      const head = `Hint ${h.level}/${h.total} for ${h.exerciseId}`;
      showHtml(
        `<div style="border-left:4px solid #f9a825;padding:4px 10px;font-family:sans-serif;font-size:13px"><b>💡 ${escapeHtml(head)}</b><br>${escapeHtml(h.text)}<br><i>${escapeHtml(more)}</i></div>`,
        `${head}: ${h.text}${more}`,
      );
    },
    solution(exerciseId, options) {
      const s = solutionFor(lab.id, exerciseId, options);
      if (s.source === undefined) {
        const reason = s.reason ?? "";
        showHtml(`<div style="font-family:sans-serif;font-size:13px">🔒 ${escapeHtml(reason)}</div>`, reason);
        return;
      }
      showHtml(
        `<div style="font-family:sans-serif;font-size:13px"><b>Reference solution for ${escapeHtml(s.exerciseId)}</b></div><pre>${escapeHtml(s.source)}</pre>`,
        `Reference solution for ${s.exerciseId}:\n${s.source}`,
      );
    },
    progress() {
      const row = courseProgress([lab])[0];
      const lines = row.exercises.map((e) => `${STYLE[e.status].icon} ${e.id} — ${e.title} (${e.status.replace("_", " ")})`);
      const head = `${row.title}: ${row.points}/${row.maxPoints} points`;
      showHtml(
        `<div style="font-family:sans-serif;font-size:13px"><b>${escapeHtml(head)}</b><br>${lines.map(escapeHtml).join("<br>")}</div>`,
        [head, ...lines].join("\n"),
      );
    },
  };
}
