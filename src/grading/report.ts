import type { CheckResult, ExerciseStatus } from "./types";

const MARK: Record<ExerciseStatus, string> = {
  passed: "✔ passed",
  failed: "✘ failed",
  not_attempted: "· not attempted",
};

/** A plain-text report of check results, with the details of every failure. */
export function formatResults(results: CheckResult[]): string {
  const lines: string[] = [];
  let lastLoadError: string | undefined;
  for (const r of results) {
    lines.push(
      `${MARK[r.status].padEnd(16)} ${r.labId} › ${r.exerciseId} (${r.points}/${r.maxPoints} pts)`,
    );
    // A file that does not load fails every exercise the same way: say why once.
    if (r.loadError && r.message === lastLoadError) continue;
    if (r.loadError) lastLoadError = r.message;
    if (r.status !== "passed") lines.push(...failureLines(r).map((l) => `    ${l}`));
    if (r.cases && r.status !== "passed") {
      for (const c of r.cases)
        lines.push(
          `    ${c.passed ? "✔" : "✘"} ${c.name}${c.passed ? "" : ` — ${c.message ?? ""}`}`,
        );
    }
  }
  const earned = results.reduce((s, r) => s + r.points, 0);
  const max = results.reduce((s, r) => s + r.maxPoints, 0);
  lines.push(
    "",
    `Score: ${earned}/${max} points · ${count(results, "passed")} passed, ${count(results, "failed")} failed, ${count(results, "not_attempted")} not attempted`,
  );
  return lines.join("\n");
}

/** The message, expected/got and likely cause of a result, one per line. */
export function failureLines(r: CheckResult): string[] {
  const out = [r.message];
  if (r.expected !== undefined) out.push(`expected: ${r.expected}`);
  if (r.got !== undefined) out.push(`got:      ${r.got}`);
  if (r.status === "failed" && r.score > 0)
    out.push(`partial credit: ${r.points}/${r.maxPoints} points`);
  if (r.likelyCause) out.push(`likely cause: ${r.likelyCause}`);
  return out;
}

function count(results: CheckResult[], status: ExerciseStatus): number {
  return results.filter((r) => r.status === status).length;
}

export function toJson(results: CheckResult[]): string {
  const earned = results.reduce((s, r) => s + r.points, 0);
  const max = results.reduce((s, r) => s + r.maxPoints, 0);
  return JSON.stringify({ score: earned, maxScore: max, results }, null, 2);
}

function xmlEscape(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}

/** JUnit XML (one testsuite per lab), read by CI systems and classroom tools. */
export function toJUnitXml(results: CheckResult[]): string {
  const byLab = new Map<string, CheckResult[]>();
  for (const r of results) byLab.set(r.labId, [...(byLab.get(r.labId) ?? []), r]);
  const suites = [...byLab].map(([labId, rs]) => {
    const cases = rs.map((r) => {
      const attrs = `classname="${xmlEscape(labId)}" name="${xmlEscape(r.exerciseId)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      if (r.status === "passed") return `    <testcase ${attrs}/>`;
      if (r.status === "not_attempted")
        return `    <testcase ${attrs}><skipped message="not attempted"/></testcase>`;
      return `    <testcase ${attrs}><failure message="${xmlEscape(r.message)}">${xmlEscape(failureLines(r).join("\n"))}</failure></testcase>`;
    });
    const failures = count(rs, "failed");
    const skipped = count(rs, "not_attempted");
    const time = rs.reduce((s, r) => s + r.durationMs, 0) / 1000;
    return `  <testsuite name="${xmlEscape(labId)}" tests="${rs.length}" failures="${failures}" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join("\n")}\n</testsuites>\n`;
}
