/**
 * The progress file on disk: `.progress/progress.json`, shared by the notebook kernel, `watch`
 * and the CLI. Every change is a read-modify-write under a lock (a `progress.json.lock`
 * folder, taken over when a killed writer left it stale), written
 * atomically (temp file + rename), so readers need no lock and no update is lost.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fromRoot } from "../../project-root";
import { parseProgressText } from "./migrate";
import { CURRENT_SCHEMA_VERSION, emptyProgress, type ProgressFile, progressSchema } from "./schema";

/**
 * What saving did; never an exception, so grading results are always shown. (`reason?:
 * undefined` lets code type-checked without strictNullChecks, e.g. in tslab, read `reason`.)
 */
export type SaveResult = { saved: true; reason?: undefined } | { saved: false; reason: string };

/** A lock not refreshed for this long belongs to a dead writer (ours is held for milliseconds). */
const LOCK_STALE_MS = 10_000;
/** Longer than LOCK_STALE_MS, so a dead writer's lock is always taken over before we give up. */
const LOCK_WAIT_MS = 30_000;

/** `.progress/progress.json` in the project (gitignored); override with ML_LABS_PROGRESS_FILE. */
export function progressFilePath(): string {
  return process.env.ML_LABS_PROGRESS_FILE ?? fromRoot(".progress", "progress.json");
}

export function newerVersionMessage(file: string, version: number): string {
  return `${file}: progress was written by a newer version of ml-cert-labs; update the course (git pull). Left untouched (schema ${version}; this version knows ${CURRENT_SCHEMA_VERSION}).`;
}

type Loaded =
  | { kind: "ok"; progress: ProgressFile; fromVersion: number }
  | { kind: "newer"; version: number }
  | { kind: "damaged"; problem: string }
  | { kind: "unreadable"; error: unknown };

function load(file: string): Loaded {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      return { kind: "ok", progress: emptyProgress(), fromVersion: 0 };
    return { kind: "unreadable", error };
  }
  return parseProgressText(text);
}

/**
 * The saved progress; never throws. A damaged file is moved aside (`damaged-<time>.json`
 * next to it) and reading starts afresh; a file from a newer version is left alone.
 */
export function readProgress(file = progressFilePath()): ProgressFile {
  let loaded = load(file);
  if (loaded.kind === "damaged") {
    const problem = loaded.problem;
    // Re-read under the lock: a writer may have replaced the file since.
    try {
      loaded = withLock(file, () => {
        const again = load(file);
        if (again.kind === "damaged") moveAside(file, again.problem);
        return again.kind === "damaged"
          ? { kind: "ok", progress: emptyProgress(), fromVersion: 0 }
          : again;
      });
    } catch (error) {
      console.warn(
        `Progress file ${file} is damaged (${problem}) and could not be moved aside: ${fileProblem(file, error)}`,
      );
      return emptyProgress();
    }
  }
  if (loaded.kind === "ok") return loaded.progress;
  if (loaded.kind === "newer") console.warn(newerVersionMessage(file, loaded.version));
  else if (loaded.kind === "unreadable")
    console.warn(`Progress not read: ${fileProblem(file, loaded.error)}`);
  return emptyProgress();
}

/** Changes the saved progress under the lock; never throws. */
export function updateProgress(
  change: (progress: ProgressFile) => void,
  file = progressFilePath(),
): SaveResult {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return withLock(file, (): SaveResult => {
      const loaded = load(file);
      if (loaded.kind === "newer")
        return {
          saved: false,
          reason: `Progress not saved: ${newerVersionMessage(file, loaded.version)}`,
        };
      if (loaded.kind === "unreadable") throw loaded.error;
      if (loaded.kind === "damaged") moveAside(file, loaded.problem);
      const progress = loaded.kind === "ok" ? loaded.progress : emptyProgress();
      change(progress);
      const valid = progressSchema.safeParse(progress);
      if (!valid.success) {
        // A bug in the caller, not the learner's doing: keep the file as it was.
        return {
          saved: false,
          reason: `Progress not saved: the update was invalid (${valid.error.issues[0].message} at ${valid.error.issues[0].path.join(".")}).`,
        };
      }
      if (loaded.kind === "ok" && loaded.fromVersion === 1) backUpV1(file);
      writeAtomically(file, valid.data);
      return { saved: true };
    });
  } catch (error) {
    return { saved: false, reason: `Progress not saved: ${fileProblem(file, error)}` };
  }
}

/** The first time a v1 file is replaced by v2, the original is kept next to it. */
function backUpV1(file: string): void {
  const backup = path.join(path.dirname(file), `${path.basename(file, ".json")}.v1.json`);
  if (!fs.existsSync(backup)) fs.copyFileSync(file, backup);
}

function moveAside(file: string, problem: string): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  let aside = path.join(path.dirname(file), `damaged-${stamp}.json`);
  for (let n = 2; fs.existsSync(aside); n++)
    aside = path.join(path.dirname(file), `damaged-${stamp}-${n}.json`);
  fs.renameSync(file, aside);
  console.warn(
    `Progress file ${file} was damaged (${problem}); moved it to ${aside} and started afresh.`,
  );
}

function writeAtomically(file: string, progress: ProgressFile): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeFileSync(fd, `${JSON.stringify(progress, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Runs `fn` holding the progress lock, waiting (synchronously) while another process holds it. */
export function withLock<T>(file: string, fn: () => T): T {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let release: () => void;
  for (;;) {
    try {
      release = lockSync(`${file}.lock`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED" || Date.now() > deadline) throw error;
      sleepSync(5 + Math.random() * 20);
    }
  }
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
      // already released (taken over as stale): nothing to undo
    }
  }
}

/**
 * Takes the lock folder (mkdir is atomic) or throws ELOCKED. A folder older than
 * LOCK_STALE_MS was left by a killed writer: it is renamed away (atomic, so only one waiter
 * wins the takeover) and the lock is tried again. This is proper-lockfile's scheme, written
 * out because proper-lockfile installs SIGINT handlers through signal-exit, and inside the
 * tslab kernel a handler added through a cell's wrapped `process` replaces tslab's own: the
 * next interrupt (Jupyter's ■) then kills the kernel.
 */
function lockSync(lockDir: string): () => void {
  try {
    fs.mkdirSync(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    let age = 0;
    try {
      age = Date.now() - fs.statSync(lockDir).mtimeMs;
    } catch {
      return lockSync(lockDir); // released meanwhile
    }
    if (age <= LOCK_STALE_MS)
      throw Object.assign(new Error(`${lockDir} is held by another process`), { code: "ELOCKED" });
    const aside = `${lockDir}.stale-${process.pid}-${Date.now()}`;
    try {
      fs.renameSync(lockDir, aside);
      fs.rmSync(aside, { recursive: true, force: true });
    } catch {
      // another waiter took it over first
    }
    throw Object.assign(new Error(`${lockDir} was stale`), { code: "ELOCKED" });
  }
  return () => fs.rmSync(lockDir, { recursive: true, force: true });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A one-line reason naming the path and what to do about it. */
function fileProblem(file: string, error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const dir = path.dirname(file);
  switch (e.code) {
    case "EEXIST":
    case "ENOTDIR":
      return `${dir} (or a folder above it) is a file, not a folder. Rename or move that file, then try again.`;
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `no permission to write ${file}. Make ${dir} writable (e.g. chmod -R u+rwX "${dir}"), then try again.`;
    case "ELOCKED":
      return `${file} stayed locked by another ml-cert-labs process. If none is running, delete the folder ${file}.lock, then try again.`;
    default:
      return `${file}: ${e.message ?? String(error)}`;
  }
}
