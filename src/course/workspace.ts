/**
 * The learner's workspace: `labs/`, git-ignored and generated from `solutions/` on first use
 * (the idea of `rustlings init`). A course update (`git pull`) therefore never conflicts with a
 * learner's work. `labs/.stubs/<id>.ts` keeps the stub each file was created from, so
 * `updateWorkspace` can tell an untouched file (safe to refresh) from an edited one (never
 * touched; we say what changed upstream and how to see it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fromRoot } from "../project-root";
import { unitIds } from "./manifest";
import { labFilePath } from "./paths";
import { stubForLab, writeStub } from "./stubs";

/** Where the stub a workspace file was generated from is kept. */
export function baseStubPath(labId: string): string {
  return fromRoot("labs", ".stubs", `${labId}.ts`);
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes a file atomically (a crash never leaves half a lab file). */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function recordBase(labId: string, stub: string): void {
  writeAtomically(baseStubPath(labId), stub);
}

/** Writes a lab file from a stub and records the stub as its base. */
function writeFromStub(labId: string, stub: string): void {
  writeAtomically(labFilePath(labId), stub);
  recordBase(labId, stub);
}

/** Creates the missing lab files (never touches existing ones). Returns the ids created. */
export function ensureWorkspace(ids: readonly string[] = unitIds): string[] {
  const created: string[] = [];
  for (const id of ids) {
    const file = labFilePath(id);
    if (fs.existsSync(file)) {
      // A file from before the workspace existed (labs/ used to be tracked): adopt it.
      if (!fs.existsSync(baseStubPath(id))) {
        const stub = stubForLab(id);
        if (readIfExists(file) === stub) recordBase(id, stub);
      }
      continue;
    }
    writeFromStub(id, stubForLab(id));
    created.push(id);
  }
  return created;
}

export type UpdateOutcome =
  | { labId: string; action: "created" }
  | { labId: string; action: "refreshed" }
  | { labId: string; action: "kept-edited"; upstreamChanged: true }
  | { labId: string; action: "unchanged" };

/**
 * Brings the workspace up to date with the course: new labs get their stubs, untouched files
 * get the new stub, and edited files are never touched (the outcome says their upstream stub
 * changed; `diffUpstream` shows how).
 */
export function updateWorkspace(ids: readonly string[] = unitIds): UpdateOutcome[] {
  return ids.map((labId): UpdateOutcome => {
    const file = labFilePath(labId);
    const stub = stubForLab(labId);
    const current = readIfExists(file);
    if (current === undefined) {
      writeFromStub(labId, stub);
      return { labId, action: "created" };
    }
    const base = readIfExists(baseStubPath(labId));
    if (current === stub) {
      if (base !== stub) recordBase(labId, stub);
      return { labId, action: "unchanged" };
    }
    if (base !== undefined && current === base) {
      writeFromStub(labId, stub);
      return { labId, action: "refreshed" };
    }
    // Edited by the learner. Upstream changed if the stub it started from is not today's
    // (unknown for a file from before the workspace kept records: nothing to report then).
    return base === undefined || base === stub
      ? { labId, action: "unchanged" }
      : { labId, action: "kept-edited", upstreamChanged: true };
  });
}

/**
 * What changed upstream in a lab's stub since the learner's file was created, as the two texts
 * (the CLI shows them with `git diff --no-index`). `base` is undefined when unknown.
 */
export function upstreamChange(labId: string): { base: string | undefined; latest: string } {
  return { base: readIfExists(baseStubPath(labId)), latest: stubForLab(labId) };
}

/** Marks an edited file as based on today's stub (after the learner merged the change). */
export function acceptUpstream(labId: string): void {
  recordBase(labId, stubForLab(labId));
}

/**
 * Restores a lab file to today's stub. The learner's version is copied to
 * `.progress/backups/` first; returns that path (undefined when the file was the stub already).
 */
export function resetLab(labId: string): string | undefined {
  const backup = writeStub(labId, { backupDir: fromRoot(".progress", "backups") });
  recordBase(labId, stubForLab(labId));
  return backup;
}
