/**
 * Lab 19 — Experiment tracking: your exercises.
 *
 * Work through `notebooks/19-experiment-tracking.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 19`.
 *
 * You build a small run store in the spirit of MLflow tracking, in one SQLite file through
 * better-sqlite3 (synchronous: every call returns when SQLite is done):
 *   experiment  a named group of runs (MLflow: mlflow.set_experiment)
 *   run         one execution: id, name, status, start/end time, git commit (mlflow.start_run)
 *   param       a hyperparameter, a string, logged ONCE per key (mlflow.log_param)
 *   metric      a number at a step; every value is kept (mlflow.log_metric(key, value, step))
 *   tag         a string label that may be overwritten (mlflow.set_tag)
 *   artifact    a file copied into the store's artifact folder (mlflow.log_artifact)
 *
 * Always use bound parameters (`db.prepare("… WHERE key = ?").get(key)`): never paste a
 * value into SQL text.
 */
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import Database from "better-sqlite3";
// stub: import { todo } from "../src/grading/todo";

/** An open store: a better-sqlite3 connection. Close it with `db.close()` when done. */
export type Db = Database.Database;

export type RunStatus = "RUNNING" | "FINISHED" | "FAILED" | "KILLED";

/** Hyperparameters by name (numbers in this lab; params are stored as strings). */
export type Params = Record<string, number>;

/** What MLflow calls `run.info`. Times are milliseconds since 1970 (Date.now()). */
export interface RunInfo {
  runId: string;
  experimentId: number;
  runName: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  gitCommit: string;
}

/** What MLflow calls `run.data`: params and tags as strings, each metric's LATEST value. */
export interface RunData {
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
}

export interface RunRecord {
  info: RunInfo;
  data: RunData;
}

/** One logged value of a metric. */
export interface MetricPoint {
  step: number;
  value: number;
  timestamp: number;
}

/**
 * The schema, one migration per version (given). Migration i (0-based) brings a database
 * from user_version i to i + 1. Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // version 1: experiments, runs, params, metrics, tags
  `CREATE TABLE experiments (
     experiment_id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     creation_time INTEGER NOT NULL
   );
   CREATE TABLE runs (
     run_id TEXT PRIMARY KEY,
     experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
     run_name TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')),
     start_time INTEGER NOT NULL,
     end_time INTEGER,
     git_commit TEXT NOT NULL
   );
   CREATE TABLE params (
     run_id TEXT NOT NULL REFERENCES runs (run_id),
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (run_id, key)
   );
   CREATE TABLE metrics (
     run_id TEXT NOT NULL REFERENCES runs (run_id),
     key TEXT NOT NULL,
     value REAL NOT NULL,
     step INTEGER NOT NULL,
     timestamp INTEGER NOT NULL
   );
   CREATE TABLE tags (
     run_id TEXT NOT NULL REFERENCES runs (run_id),
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (run_id, key)
   );`,
  // version 2: an index for metric histories, and artifacts
  `CREATE INDEX metrics_by_run_key_step ON metrics (run_id, key, step);
   CREATE TABLE artifacts (
     run_id TEXT NOT NULL REFERENCES runs (run_id),
     path TEXT NOT NULL,
     size_bytes INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     PRIMARY KEY (run_id, path)
   );`,
];

/** The metric names the tracked search logs (given). */
export const FOLD_METRIC = "cv_score";
export const MEAN_METRIC = "mean_cv_score";
/** The tag holding the hash of the data a run was trained on (given). */
export const DATA_HASH_TAG = "data.hash";

/**
 * Exercise 1 — open the store: pragmas and migrations.
 *
 * TODO: create the parent folder of `dbPath` if needed, open it with `new Database(dbPath)`,
 *   then set three pragmas: `journal_mode = WAL` (readers never block the writer, and a
 *   crash leaves the file consistent), `busy_timeout = 5000` (wait up to 5 s for another
 *   process's lock instead of failing at once with SQLITE_BUSY; better-sqlite3's `timeout`
 *   option already defaults to 5000, most other SQLite drivers to 0, so say it explicitly)
 *   and `foreign_keys = ON`.
 *   Then migrate: read `PRAGMA user_version` (0 for a new file); for each migration not yet
 *   applied, run it (db.exec) AND set user_version to its number in ONE transaction, so a
 *   migration that fails half-way leaves nothing behind and the version unchanged. Read
 *   user_version again inside that transaction (`.immediate()` takes the write lock first):
 *   two processes opening a new file at once must not both run migration 1. A file whose
 *   user_version is above migrations.length was written by newer code: throw.
 *   If anything throws, close the connection before rethrowing. Return the open connection.
 *   e.g. openStore("tracking/runs.db") on a new file → user_version 2, journal_mode "wal"
 */
export function openStore(dbPath: string, migrations: readonly string[] = MIGRATIONS): Db {
  // BEGIN SOLUTION
  fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const db = new Database(dbPath);
  try {
    db.pragma("busy_timeout = 5000"); // first: switching to WAL may wait for a lock too
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // Read the version again INSIDE each write transaction: another process opening the
    // same new file may have migrated it in the meantime.
    const step = db.transaction(() => {
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version > migrations.length)
        throw new Error(
          `${dbPath} is at schema version ${version}, newer than this code (${migrations.length}).`,
        );
      if (version === migrations.length) return false;
      db.exec(migrations[version]);
      db.pragma(`user_version = ${version + 1}`);
      return true;
    });
    if ((db.pragma("user_version", { simple: true }) as number) !== migrations.length)
      while (step.immediate()) {}
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
  // END SOLUTION
}

/**
 * Exercise 2 — the git commit of the code, read from the files (no `git` process).
 *
 * TODO: starting at `dir`, walk up the folders until one contains `.git`. If none does,
 *   return "unknown". `.git` is usually a folder (the git dir); in a worktree or submodule
 *   it is a FILE with one line `gitdir: <path>` (relative to the folder holding the file).
 *   Read `<gitdir>/HEAD`:
 *   - 40 hex digits: a detached HEAD, that is the commit;
 *   - `ref: refs/heads/main`: read the commit from `<gitdir>/refs/heads/main`; if a file
 *     `<gitdir>/commondir` exists (worktrees), refs may live under the folder it names
 *     (relative to gitdir) instead; if there is no such file, find the ref's line
 *     `<commit> refs/heads/main` in `packed-refs` (same folders; skip lines starting with
 *     `#` or `^`).
 *   Return the commit (trimmed, lowercase hex), or "unknown" when it cannot be read (a new
 *   repository without commits, a broken file). Never throw.
 *   e.g. .git/HEAD = "ref: refs/heads/main\n", .git/refs/heads/main = "3f1c…\n" → "3f1c…"
 */
export function gitCommit(dir: string = process.cwd()): string {
  // BEGIN SOLUTION
  try {
    let folder = path.resolve(dir);
    for (;;) {
      const dotGit = path.join(folder, ".git");
      if (fs.existsSync(dotGit)) return commitOf(dotGit);
      const parent = path.dirname(folder);
      if (parent === folder) return "unknown";
      folder = parent;
    }
  } catch {
    return "unknown";
  }
  // END SOLUTION
}

// BEGIN SOLUTION-ONLY
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The commit HEAD points to, given the `.git` folder or file. */
function commitOf(dotGit: string): string {
  let gitDir = dotGit;
  if (fs.statSync(dotGit).isFile()) {
    const line = fs.readFileSync(dotGit, "utf8").trim();
    if (!line.startsWith("gitdir:")) return "unknown";
    gitDir = path.resolve(path.dirname(dotGit), line.slice("gitdir:".length).trim());
  }
  const commonFile = path.join(gitDir, "commondir");
  const dirs = [gitDir];
  if (fs.existsSync(commonFile))
    dirs.push(path.resolve(gitDir, fs.readFileSync(commonFile, "utf8").trim()));
  const head = fs.readFileSync(path.join(gitDir, "HEAD"), "utf8").trim();
  if (SHA.test(head.toLowerCase())) return head.toLowerCase();
  if (!head.startsWith("ref:")) return "unknown";
  const ref = head.slice(4).trim();
  for (const d of dirs) {
    const loose = path.join(d, ref);
    if (fs.existsSync(loose)) {
      const sha = fs.readFileSync(loose, "utf8").trim().toLowerCase();
      return SHA.test(sha) ? sha : "unknown";
    }
  }
  for (const d of dirs) {
    const packed = path.join(d, "packed-refs");
    if (!fs.existsSync(packed)) continue;
    for (const line of fs.readFileSync(packed, "utf8").split("\n")) {
      if (line.startsWith("#") || line.startsWith("^")) continue;
      const [sha, name] = line.trim().split(/\s+/);
      if (name === ref && SHA.test(sha.toLowerCase())) return sha.toLowerCase();
    }
  }
  return "unknown";
}
// END SOLUTION-ONLY

/**
 * Exercise 3 — experiments and runs.
 *
 * getOrCreateExperiment: the id of the experiment called `name`, created (creation_time =
 *   Date.now()) if it does not exist yet (MLflow: mlflow.set_experiment(name)).
 * startRun: a new run in `experimentId`, status RUNNING, start_time Date.now(), end_time
 *   null. run_id: 32 lowercase hex digits, e.g. randomUUID() without its dashes. run_name:
 *   options.runName, or `run-` + the first 8 digits of the id. git_commit: options.gitCommit,
 *   or gitCommit() of the current folder. Each entry of options.tags is a row in `tags`.
 *   The run and its tags are several rows: write them in ONE transaction. Return the run id.
 * endRun: sets status (FINISHED by default; FINISHED, FAILED or KILLED) and end_time =
 *   Date.now(). Throw if the status is not one of those three, or no run has that id.
 * TODO: e.g. const id = getOrCreateExperiment(db, "knn");  (the same id every time)
 *   const run = startRun(db, id, { runName: "k=5" }); … endRun(db, run);
 */
export function getOrCreateExperiment(db: Db, name: string): number {
  // BEGIN SOLUTION
  db.prepare(
    "INSERT INTO experiments (name, creation_time) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
  ).run(name, Date.now());
  const row = db.prepare("SELECT experiment_id FROM experiments WHERE name = ?").get(name) as {
    experiment_id: number;
  };
  return row.experiment_id;
  // END SOLUTION
}

export interface StartRunOptions {
  runName?: string;
  tags?: Record<string, string>;
  gitCommit?: string;
}

export function startRun(db: Db, experimentId: number, options: StartRunOptions = {}): string {
  // BEGIN SOLUTION
  const runId = randomUUID().replace(/-/g, "");
  const runName = options.runName ?? `run-${runId.slice(0, 8)}`;
  const commit = options.gitCommit ?? gitCommit();
  const insertRun = db.prepare(
    `INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, end_time, git_commit)
     VALUES (?, ?, ?, 'RUNNING', ?, NULL, ?)`,
  );
  const insertTag = db.prepare("INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)");
  db.transaction(() => {
    insertRun.run(runId, experimentId, runName, Date.now(), commit);
    for (const [key, value] of Object.entries(options.tags ?? {}))
      insertTag.run(runId, key, String(value));
  }).immediate();
  return runId;
  // END SOLUTION
}

export function endRun(db: Db, runId: string, status: RunStatus = "FINISHED"): void {
  // BEGIN SOLUTION
  if (status !== "FINISHED" && status !== "FAILED" && status !== "KILLED")
    throw new Error(`endRun: status must be FINISHED, FAILED or KILLED, got ${status}.`);
  const info = db
    .prepare("UPDATE runs SET status = ?, end_time = ? WHERE run_id = ?")
    .run(status, Date.now(), runId);
  if (info.changes === 0) throw new Error(`endRun: no run with id ${runId}.`);
  // END SOLUTION
}

/**
 * withRun: MLflow's `with mlflow.start_run():` — starts a run, calls fn(runId) and ends the
 * run FINISHED when fn returns, or FAILED when it throws (then rethrows the same error, so
 * the caller still sees it). The run must never stay RUNNING: use try/finally.
 * TODO: e.g. withRun(db, id, { runName: "k=5" }, (runId) => { logMetric(db, runId, "acc", 0.9); return 0.9; }) → 0.9
 */
export function withRun<T>(
  db: Db,
  experimentId: number,
  options: StartRunOptions,
  fn: (runId: string) => T,
): T {
  // BEGIN SOLUTION
  const runId = startRun(db, experimentId, options);
  let status: RunStatus = "FAILED";
  try {
    const result = fn(runId);
    status = "FINISHED";
    return result;
  } finally {
    endRun(db, runId, status);
  }
  // END SOLUTION
}

/**
 * Exercise 4 — params, metrics and tags.
 *
 * logParam: stores String(value). A param is logged ONCE: logging the same key again with
 *   the same value is fine (nothing changes), with a DIFFERENT value it throws an Error that
 *   names the key (MLflow: "Changing param values is not allowed"). A changed
 *   hyperparameter is a new run.
 * logMetric: APPENDS (run, key, value, step, timestamp): the whole history is kept, even
 *   several values at one step. Throws if value is not a finite number or step is not an
 *   integer.
 * setTag: stores String(value); a tag may be overwritten (the latest value wins).
 * TODO: e.g. logParam(db, run, "k", 5); logParam(db, run, "k", "5") is fine; logParam(db, run, "k", 7) throws
 *   logMetric(db, run, "loss", 0.9, 0); logMetric(db, run, "loss", 0.5, 1) → two rows
 */
export function logParam(db: Db, runId: string, key: string, value: string | number): void {
  // BEGIN SOLUTION
  const text = String(value);
  const inserted = db
    .prepare(
      "INSERT INTO params (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO NOTHING",
    )
    .run(runId, key, text);
  if (inserted.changes > 0) return;
  const old = db
    .prepare("SELECT value FROM params WHERE run_id = ? AND key = ?")
    .get(runId, key) as { value: string };
  if (old.value !== text)
    throw new Error(
      `Param "${key}" of run ${runId} is already "${old.value}": changing param values is not allowed (got "${text}"); start a new run instead.`,
    );
  // END SOLUTION
}

export function logMetric(
  db: Db,
  runId: string,
  key: string,
  value: number,
  step = 0,
  timestamp: number = Date.now(),
): void {
  // BEGIN SOLUTION
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new Error(`Metric "${key}": value must be a finite number, got ${value}.`);
  if (!Number.isInteger(step)) throw new Error(`Metric "${key}": step must be an integer.`);
  db.prepare(
    "INSERT INTO metrics (run_id, key, value, step, timestamp) VALUES (?, ?, ?, ?, ?)",
  ).run(runId, key, value, step, timestamp);
  // END SOLUTION
}

export function setTag(db: Db, runId: string, key: string, value: string | number): void {
  // BEGIN SOLUTION
  db.prepare(
    "INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value",
  ).run(runId, key, String(value));
  // END SOLUTION
}

/** A batch for logBatch. */
export interface Batch {
  params?: Record<string, string | number>;
  metrics?: { key: string; value: number; step?: number; timestamp?: number }[];
  tags?: Record<string, string | number>;
}

/**
 * Exercise 5 — a batch is all or nothing.
 *
 * TODO: log every param, metric and tag of the batch (with the rules of exercise 4) in ONE
 *   transaction (db.transaction(fn), better `.immediate()`: it takes the write lock at the
 *   start). If anything fails — a changed param, a bad value, a crash, a `kill -9` of the
 *   process — NOTHING of the batch may be in the store afterwards, never half of it.
 *   e.g. logBatch(db, run, { params: { k: 5 }, metrics: [{ key: "acc", value: 0.9, step: 0 }], tags: { model: "knn" } })
 */
export function logBatch(db: Db, runId: string, batch: Batch): void {
  // BEGIN SOLUTION
  db.transaction(() => {
    for (const [key, value] of Object.entries(batch.params ?? {})) logParam(db, runId, key, value);
    for (const m of batch.metrics ?? [])
      logMetric(db, runId, m.key, m.value, m.step ?? 0, m.timestamp ?? Date.now());
    for (const [key, value] of Object.entries(batch.tags ?? {})) setTag(db, runId, key, value);
  }).immediate();
  // END SOLUTION
}

/**
 * Where a run's artifacts live (given): `<folder of the db>/artifacts/<run id>/<artifact path>`,
 * next to the database, like MLflow's `mlruns/<experiment>/<run>/artifacts/`.
 */
export function artifactLocation(db: Db, runId: string, artifactPath = ""): string {
  return path.join(path.dirname(path.resolve(db.name)), "artifacts", runId, artifactPath);
}

/**
 * Exercise 6 — artifacts.
 *
 * TODO: COPY the file `localPath` to artifactLocation(db, runId, artifactPath) (make the
 *   folders), where artifactPath defaults to the file's base name and may contain `/`
 *   (e.g. "plots/roc.svg"). Refuse (throw) an absolute artifactPath or one with a `..`
 *   segment: it would write outside the run's folder. Record the row
 *   (run_id, path = artifactPath with `/` separators and no empty or `.` segments, so
 *   "./plots//roc.svg" is "plots/roc.svg", size_bytes, sha256 = hex SHA-256 of the contents),
 *   replacing an earlier artifact of the same path. Return the copy's full path.
 *   The original file stays where it is; later changes to it must not change the artifact.
 *   e.g. logArtifact(db, run, "/tmp/model.json") → "<db folder>/artifacts/<run>/model.json"
 */
export function logArtifact(
  db: Db,
  runId: string,
  localPath: string,
  artifactPath: string = path.basename(localPath),
): string {
  // BEGIN SOLUTION
  const parts = artifactPath.split(/[\\/]/);
  if (path.isAbsolute(artifactPath) || parts.includes("..") || artifactPath === "")
    throw new Error(
      `logArtifact: artifact path must be relative and stay inside the run: ${artifactPath}`,
    );
  const relative = parts.filter((p) => p !== "" && p !== ".").join("/");
  const target = artifactLocation(db, runId, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(localPath, target);
  const bytes = fs.readFileSync(target);
  db.prepare(
    `INSERT INTO artifacts (run_id, path, size_bytes, sha256) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, path) DO UPDATE SET size_bytes = excluded.size_bytes, sha256 = excluded.sha256`,
  ).run(runId, relative, bytes.length, createHash("sha256").update(bytes).digest("hex"));
  return target;
  // END SOLUTION
}

/**
 * A run by id (given): its info, params, tags and each metric's LATEST value (the value at
 * the highest step; on a tie the latest timestamp, then the last logged). Undefined if no
 * such run.
 */
export function getRun(db: Db, runId: string): RunRecord | undefined {
  const row = db.prepare("SELECT * FROM runs WHERE run_id = ?").get(runId) as
    | {
        run_id: string;
        experiment_id: number;
        run_name: string;
        status: RunStatus;
        start_time: number;
        end_time: number | null;
        git_commit: string;
      }
    | undefined;
  if (!row) return undefined;
  const pairs = (table: "params" | "tags") =>
    Object.fromEntries(
      (
        db.prepare(`SELECT key, value FROM ${table} WHERE run_id = ? ORDER BY key`).all(runId) as {
          key: string;
          value: string;
        }[]
      ).map((r) => [r.key, r.value]),
    );
  const metrics: Record<string, number> = {};
  const latest = db
    .prepare("SELECT key, value FROM metrics WHERE run_id = ? ORDER BY key, step, timestamp, rowid")
    .all(runId) as { key: string; value: number }[];
  for (const m of latest) metrics[m.key] = m.value; // the last row per key wins
  return {
    info: {
      runId: row.run_id,
      experimentId: row.experiment_id,
      runName: row.run_name,
      status: row.status,
      startTime: row.start_time,
      endTime: row.end_time,
      gitCommit: row.git_commit,
    },
    data: { params: pairs("params"), metrics, tags: pairs("tags") },
  };
}

/** One condition of a search filter (given: what parseFilter returns). */
export interface FilterClause {
  entity: "metrics" | "params" | "tags" | "attributes";
  key: string;
  op: "=" | "!=" | "<" | "<=" | ">" | ">=";
  value: number | string;
}

const FILTER_CLAUSE =
  /^\s*(metrics|params|tags|attributes)\.(`[^`]+`|"[^"]+"|[\w.-]+)\s*(<=|>=|!=|=|<|>)\s*('(?:[^']|'')*'|"(?:[^"]|"")*"|-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i;

/**
 * Parses MLflow's filter syntax (given): clauses joined by AND, each
 * `<metrics|params|tags|attributes>.<key> <op> <value>`; strings in quotes, metrics compare
 * with numbers. Keys with special characters go in backticks or double quotes. Attributes:
 * status, run_name. e.g. "metrics.acc > 0.9 and params.p = '1'".
 */
export function parseFilter(filter: string): FilterClause[] {
  if (filter.trim() === "") return [];
  return splitOnAnd(filter).map((text) => {
    const m = FILTER_CLAUSE.exec(text);
    if (!m) throw new Error(`Cannot parse the filter clause: ${text.trim()}`);
    const entity = m[1].toLowerCase() as FilterClause["entity"];
    const key = /^[`"]/.test(m[2]) ? m[2].slice(1, -1) : m[2];
    const op = m[3] as FilterClause["op"];
    const raw = m[4];
    const quoted = /^['"]/.test(raw);
    const value = quoted
      ? raw.slice(1, -1).replace(raw[0] === "'" ? /''/g : /""/g, raw[0])
      : Number(raw);
    if (entity === "metrics" && quoted)
      throw new Error(`Metric ${key} compares with a number, not a string: ${text.trim()}`);
    if (entity !== "metrics" && !quoted)
      throw new Error(`${entity}.${key} is a string: put the value in quotes: ${text.trim()}`);
    if (entity !== "metrics" && op !== "=" && op !== "!=")
      throw new Error(`${entity}.${key} supports only = and !=: ${text.trim()}`);
    if (entity === "attributes" && key !== "status" && key !== "run_name")
      throw new Error(`Unknown attribute ${key}: use status or run_name.`);
    return { entity, key, op, value };
  });
}

/** Splits on AND outside quotes. */
function splitOnAnd(filter: string): string[] {
  const parts: string[] = [];
  let quote = "";
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (/\s/.test(c) && /^\s+and\s/i.test(filter.slice(i, i + 6))) {
      parts.push(filter.slice(start, i));
      i += filter.slice(i).match(/^\s+and\s+/i)?.[0].length ?? 0;
      start = i;
      i--;
    }
  }
  parts.push(filter.slice(start));
  return parts;
}

/** One order_by term (given: what parseOrderBy returns). */
export interface OrderTerm {
  entity: "metrics" | "params" | "tags" | "attributes";
  key: string;
  ascending: boolean;
}

/**
 * Parses one MLflow order_by term (given): "metrics.acc DESC", "params.k", "attributes.start_time ASC"
 * (ascending by default). Attributes: start_time, end_time, run_name, status.
 */
export function parseOrderBy(term: string): OrderTerm {
  const m =
    /^\s*(metrics|params|tags|attributes)\.(`[^`]+`|"[^"]+"|[\w.-]+)\s*(asc|desc)?\s*$/i.exec(term);
  if (!m) throw new Error(`Cannot parse order_by term: ${term}`);
  const key = /^[`"]/.test(m[2]) ? m[2].slice(1, -1) : m[2];
  const entity = m[1].toLowerCase() as OrderTerm["entity"];
  if (entity === "attributes" && !["start_time", "end_time", "run_name", "status"].includes(key))
    throw new Error(`Unknown attribute ${key} in order_by.`);
  return { entity, key, ascending: (m[3] ?? "asc").toLowerCase() === "asc" };
}

export interface SearchOptions {
  /** MLflow filter string, e.g. "metrics.acc > 0.9 and params.p = '1'" (default: all runs). */
  filter?: string;
  /** e.g. ["metrics.acc DESC"]; ties, then unordered runs: newest start_time first. */
  orderBy?: string[];
  /** At most this many runs (default 1000). */
  maxResults?: number;
}

/**
 * Exercise 8 — searching runs.
 *
 * searchRuns (MLflow: mlflow.search_runs(experiment_ids, filter_string, order_by,
 *   max_results)): the runs of the given experiments that satisfy every clause of
 *   parseFilter(options.filter), ordered by parseOrderBy of each options.orderBy term, then
 *   by start_time descending (newest first), then run_id; at most maxResults.
 *   - A metric clause compares the metric's LATEST value (highest step; on a tie the latest
 *     timestamp, then the last inserted row: ORDER BY step DESC, timestamp DESC, rowid DESC
 *     LIMIT 1); a run without that metric does not match.
 *   - params / tags compare their string value; attributes are the columns status / run_name.
 *   - Ordering by a metric uses the latest value too; runs without the metric come LAST,
 *     in both directions.
 *   - Every value and key goes in as a bound parameter (`?`), never into the SQL text: a
 *     run name like "it's" must work, and a crafted value must not run as SQL. Only the
 *     operators and column names come from a fixed list.
 *   Return getRun(db, id) for each run found, in order.
 * bestRun: the FINISHED run of the experiment with the best latest value of `metric`
 *   ("min" for a loss or an error, "max" for an accuracy); undefined if no run has it.
 * metricHistory: every logged value of one metric of a run, ordered by step, then
 *   timestamp (then insertion order).
 * TODO: e.g. searchRuns(db, [id], { filter: "params.p = '1' and metrics.acc > 0.9", orderBy: ["metrics.acc DESC"] })
 */
export function searchRuns(
  db: Db,
  experimentIds: number[],
  options: SearchOptions = {},
): RunRecord[] {
  // BEGIN SOLUTION
  if (experimentIds.length === 0) return [];
  const where: string[] = [`r.experiment_id IN (${experimentIds.map(() => "?").join(", ")})`];
  const args: (string | number)[] = [...experimentIds];
  for (const c of parseFilter(options.filter ?? "")) {
    where.push(`${valueSql(c.entity, c.key, args)} ${c.op} ?`);
    args.push(c.value);
  }
  const order: string[] = [];
  const orderArgs: (string | number)[] = [];
  for (const term of options.orderBy ?? []) {
    const t = parseOrderBy(term);
    const expr = valueSql(t.entity, t.key, orderArgs);
    // A missing value sorts last in both directions: first by "is it missing?".
    order.push(`(${expr}) IS NULL`);
    const again = valueSql(t.entity, t.key, orderArgs);
    order.push(`${again} ${t.ascending ? "ASC" : "DESC"}`);
  }
  order.push("r.start_time DESC", "r.run_id");
  const sql = `SELECT r.run_id FROM runs r WHERE ${where.join(" AND ")} ORDER BY ${order.join(", ")} LIMIT ?`;
  const rows = db.prepare(sql).all(...args, ...orderArgs, options.maxResults ?? 1000) as {
    run_id: string;
  }[];
  return rows.map((r) => getRun(db, r.run_id) as RunRecord);
  // END SOLUTION
}

// BEGIN SOLUTION-ONLY
const ATTRIBUTE_COLUMNS: Record<string, string> = {
  status: "r.status",
  run_name: "r.run_name",
  start_time: "r.start_time",
  end_time: "r.end_time",
};

/** SQL for an entity's value in run r; its key goes into args as a bound parameter. */
function valueSql(entity: FilterClause["entity"], key: string, args: (string | number)[]): string {
  if (entity === "attributes") {
    const column = ATTRIBUTE_COLUMNS[key];
    if (!column) throw new Error(`Unknown attribute ${key}.`);
    return column;
  }
  args.push(key);
  if (entity === "metrics")
    return "(SELECT m.value FROM metrics m WHERE m.run_id = r.run_id AND m.key = ? ORDER BY m.step DESC, m.timestamp DESC, m.rowid DESC LIMIT 1)";
  return `(SELECT x.value FROM ${entity === "params" ? "params" : "tags"} x WHERE x.run_id = r.run_id AND x.key = ?)`;
}
// END SOLUTION-ONLY

export function bestRun(
  db: Db,
  experimentId: number,
  metric: string,
  goal: "min" | "max",
): RunRecord | undefined {
  // BEGIN SOLUTION
  const quoted = `metrics.\`${metric}\``;
  const [best] = searchRuns(db, [experimentId], {
    filter: `attributes.status = 'FINISHED' and ${quoted} > -1e308`,
    orderBy: [`${quoted} ${goal === "min" ? "ASC" : "DESC"}`],
    maxResults: 1,
  });
  return best;
  // END SOLUTION
}

export function metricHistory(db: Db, runId: string, metric: string): MetricPoint[] {
  // BEGIN SOLUTION
  return db
    .prepare(
      "SELECT step, value, timestamp FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, rowid",
    )
    .all(runId, metric) as MetricPoint[];
  // END SOLUTION
}

/** A short, stable fingerprint of a data set (given): hex SHA-256 of its JSON. */
export function hashData(x: number[][], y: number[]): string {
  return createHash("sha256").update(JSON.stringify({ x, y })).digest("hex");
}

/** Cross-validates one candidate with a seed: one score per fold (higher is better). */
export type Evaluate = (params: Params, seed: number) => number[];

/**
 * Exercise 7 — a tracked hyperparameter search.
 *
 * TODO: for each candidate i (0-based), one run via withRun with runName `trial-<i + 1>`
 *   and tags { "data.hash": options.dataHash } (DATA_HASH_TAG) and options.gitCommit when
 *   given. Inside the run: log the candidate's params plus `seed` (options.seed) as params;
 *   scores = evaluate(candidate, options.seed); then ONE logBatch with each fold's score as
 *   metric FOLD_METRIC ("cv_score") at step = fold index, and their mean as MEAN_METRIC
 *   ("mean_cv_score", step 0). A candidate whose evaluate throws is a FAILED run (withRun
 *   does that); the search goes on with the next one. Return the run ids, in candidate order.
 *   e.g. trackedSearch(db, id, [{ k: 1 }, { k: 5 }], evaluate, { seed: 7, dataHash }) → two run ids
 */
export function trackedSearch(
  db: Db,
  experimentId: number,
  candidates: Params[],
  evaluate: Evaluate,
  options: { seed: number; dataHash: string; gitCommit?: string },
): string[] {
  // BEGIN SOLUTION
  const runIds: string[] = [];
  candidates.forEach((params, i) => {
    try {
      withRun(
        db,
        experimentId,
        {
          runName: `trial-${i + 1}`,
          tags: { [DATA_HASH_TAG]: options.dataHash },
          gitCommit: options.gitCommit,
        },
        (runId) => {
          runIds.push(runId);
          logBatch(db, runId, { params: { ...params, seed: options.seed } });
          const scores = evaluate(params, options.seed);
          const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
          logBatch(db, runId, {
            metrics: [
              ...scores.map((value, step) => ({ key: FOLD_METRIC, value, step })),
              { key: MEAN_METRIC, value: mean, step: 0 },
            ],
          });
        },
      );
    } catch {
      // The run is marked FAILED by withRun; keep searching.
    }
  });
  return runIds;
  // END SOLUTION
}

/** What reproduceRun found. */
export interface Reproduction {
  params: Params;
  seed: number;
  recorded: number;
  reproduced: number;
  matches: boolean;
}

/**
 * Exercise 9 — reproduce a run from its record.
 *
 * TODO: read the run (getRun). Refuse (throw) when its "data.hash" tag differs from
 *   `dataHash` (the hash of the data you have now): the data changed, so a different score
 *   would prove nothing. Rebuild the params as NUMBERS (every param except `seed`), take the
 *   recorded seed, call evaluate(params, seed), and compare the mean of the scores with the
 *   recorded MEAN_METRIC. Throw if no run has that id. Return { params, seed, recorded, reproduced, matches } where
 *   matches is exact equality (same code + same data + same seed = the same number).
 *   e.g. reproduceRun(db, best.info.runId, evaluate, hashData(x, y)).matches → true
 */
export function reproduceRun(
  db: Db,
  runId: string,
  evaluate: Evaluate,
  dataHash: string,
): Reproduction {
  // BEGIN SOLUTION
  const run = getRun(db, runId);
  if (!run) throw new Error(`No run with id ${runId}.`);
  const recordedHash = run.data.tags[DATA_HASH_TAG];
  if (recordedHash !== dataHash)
    throw new Error(
      `Run ${runId} was trained on data with hash ${recordedHash}, the data now has hash ${dataHash}: the data changed.`,
    );
  const params: Params = {};
  for (const [key, value] of Object.entries(run.data.params))
    if (key !== "seed") params[key] = Number(value);
  const seed = Number(run.data.params.seed);
  const scores = evaluate(params, seed);
  const reproduced = scores.reduce((s, v) => s + v, 0) / scores.length;
  const recorded = run.data.metrics[MEAN_METRIC];
  return { params, seed, recorded, reproduced, matches: reproduced === recorded };
  // END SOLUTION
}
