import * as fs from "node:fs";
import * as path from "node:path";
import { fromRoot } from "../project-root";
import { labFilePath, solutionFilePath } from "./paths";

/** A marker line: groups are the indent, BEGIN|END and SOLUTION|SOLUTION-ONLY. */
export const SOLUTION_MARKER = /^(\s*)\/\/ (BEGIN|END) (SOLUTION-ONLY|SOLUTION)\s*$/;

/**
 * Learner stubs are generated from the reference solutions (the nbgrader idea), so the two
 * can never drift apart. In `solutions/<id>.ts`:
 *
 *   // BEGIN SOLUTION            ← the lines up to END SOLUTION become `return todo();`
 *   ...reference code...
 *   // END SOLUTION
 *
 *   import { x } from "y"; // solution-only      ← dropped from the stub
 *   // BEGIN SOLUTION-ONLY … // END SOLUTION-ONLY ← dropped from the stub
 *   // stub: import { todo } from "…";           ← becomes live code in the stub only
 *
 * Everything else (TODO comments with examples, signatures, types) is shared.
 */
export function makeStub(solutionSource: string, fileLabel: string): string {
  const lines = solutionSource.split("\n");
  const out: string[] = [];
  let open: { kind: "SOLUTION" | "SOLUTION-ONLY"; line: number; indent: string } | undefined;
  lines.forEach((line, i) => {
    const marker = line.match(SOLUTION_MARKER);
    if (marker) {
      const [, indent, edge, kind] = marker as unknown as [
        string,
        string,
        "BEGIN" | "END",
        "SOLUTION" | "SOLUTION-ONLY",
      ];
      if (edge === "BEGIN") {
        if (open)
          throw new Error(
            `${fileLabel}:${i + 1}: BEGIN ${kind} inside the ${open.kind} block opened at line ${open.line}.`,
          );
        open = { kind, line: i + 1, indent };
      } else {
        if (!open || open.kind !== kind)
          throw new Error(`${fileLabel}:${i + 1}: END ${kind} without a matching BEGIN ${kind}.`);
        if (kind === "SOLUTION") out.push(`${open.indent}return todo();`);
        open = undefined;
      }
      return;
    }
    if (open) return;
    if (/\/\/ solution-only\s*$/.test(line)) return;
    const stubOnly = line.match(/^(\s*)\/\/ stub: (.*)$/);
    out.push(stubOnly ? `${stubOnly[1]}${stubOnly[2]}` : line);
  });
  if (open) throw new Error(`${fileLabel}:${open.line}: BEGIN ${open.kind} is never closed.`);
  return out.join("\n");
}

/** The stub for a lab, generated from its solution file. */
export function stubForLab(labId: string): string {
  const file = solutionFilePath(labId);
  return makeStub(fs.readFileSync(file, "utf8"), path.relative(fromRoot(), file));
}

/**
 * Writes the stub to `labs/<id>.ts`. Refuses to replace a file that differs from the stub
 * unless `backupTo` is given, where the learner's file is copied first: work is never lost.
 * Returns the backup path, if one was made.
 */
export function writeStub(labId: string, options: { backupDir?: string } = {}): string | undefined {
  const target = labFilePath(labId);
  const stub = stubForLab(labId);
  let backup: string | undefined;
  if (fs.existsSync(target)) {
    const current = fs.readFileSync(target, "utf8");
    if (current === stub) return undefined;
    if (!options.backupDir) {
      throw new Error(
        `${path.relative(fromRoot(), target)} has your changes; refusing to overwrite it without a backup.`,
      );
    }
    fs.mkdirSync(options.backupDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    backup = path.join(options.backupDir, `${labId}.${stamp}.ts`);
    fs.copyFileSync(target, backup);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, stub);
  return backup;
}
