import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Database from "better-sqlite3";
import { fail } from "../../grading/check-failure";
import {
  expectMessageNames,
  expectNoThrow,
  expectThat,
  expectToThrow,
  describe as show,
} from "../../grading/expect";
import { isTodoError } from "../../grading/todo";
import { defineLab } from "../../grading/types";
import { fromRoot } from "../../project-root";

type Lab = typeof import("../../../solutions/19-experiment-tracking");
type Db = Database.Database;

/*
 * Calibration: nothing here is statistical, so there are no thresholds. Every check builds its
 * own store in a fresh temporary folder (never the learner's tracking/ folder), fills it with
 * its own SQL where the exercise only reads, reads the results back with its own SQL, and
 * closes every handle and removes the folder in `finally`. The "crash" in the middle of a
 * batch is a temporary trigger that aborts one write (what a kill -9 at that moment leaves
 * behind without a transaction: the rows before it); the lock test starts a real second
 * process that holds the write lock for 0.6 s. Measured on 2 cores at load average ~20 (five
 * helpers building labs): all 9 checks on the reference 3.1–3.8 s in-process (open-store
 * ≈ 1.5 s of it, the child process), the stub 0.7 s, the 39 known-wrong answers 4.1–4.5 s.
 * tests/tracking/robustness.test.ts kills a real writer with SIGKILL (mid-batch and at a
 * random moment) and runs two writer processes at once, ≈ 18 s.
 */

/** better-sqlite3's folder, for the child process (test runners decorate require.resolve). */
function betterSqliteDir(): string {
  const candidates = [fromRoot("node_modules", "better-sqlite3")];
  try {
    candidates.push(path.dirname(require.resolve("better-sqlite3/package.json").split("?")[0]));
  } catch {
    // only the project's node_modules then
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, "package.json"))) ?? candidates[0];
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-19-"));
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A store made by the check itself (the given migrations, the right pragmas). */
function checkStore(lab: Lab, dir: string): Db {
  const db = new Database(path.join(dir, "runs.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  lab.MIGRATIONS.forEach((sql, i) => {
    db.exec(sql);
    db.pragma(`user_version = ${i + 1}`);
  });
  return db;
}

/** Runs fn with a fresh check-made store; always closes it and removes the folder. */
async function withStore<T>(lab: Lab, fn: (db: Db, dir: string) => T | Promise<T>): Promise<T> {
  const dir = tempDir();
  const db = checkStore(lab, dir);
  try {
    return await fn(db, dir);
  } finally {
    db.close();
    removeDir(dir);
  }
}

let runCounter = 0;
/** Inserts an experiment (if needed) and a RUNNING run with the check's own SQL. */
function insertRun(
  db: Db,
  experiment = "check",
  fields: { name?: string; status?: string; start?: number } = {},
): { runId: string; experimentId: number } {
  db.prepare(
    "INSERT INTO experiments (name, creation_time) VALUES (?, 0) ON CONFLICT (name) DO NOTHING",
  ).run(experiment);
  const { experiment_id } = db
    .prepare("SELECT experiment_id FROM experiments WHERE name = ?")
    .get(experiment) as { experiment_id: number };
  runCounter++;
  const runId = createHash("md5").update(`run ${runCounter} ${Math.random()}`).digest("hex");
  db.prepare(
    "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, end_time, git_commit) VALUES (?, ?, ?, ?, ?, NULL, 'unknown')",
  ).run(
    runId,
    experiment_id,
    fields.name ?? `run ${runCounter}`,
    fields.status ?? "RUNNING",
    fields.start ?? 1_700_000_000_000 + runCounter,
  );
  return { runId, experimentId: experiment_id };
}

const count = (db: Db, sql: string, ...args: unknown[]) =>
  (db.prepare(sql).get(...args) as { n: number }).n;

/** What the learner's code threw, as text (a TodoError passes through: not attempted). */
function thrownText(err: unknown): string {
  if (isTodoError(err)) throw err;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Calls fn; a SQL syntax error from a value with a quote means the SQL was built by hand. */
function callWithQuotes<T>(fn: () => T, what: string): T {
  try {
    return fn();
  } catch (err) {
    const text = thrownText(err);
    fail({
      message: `${what} threw ${text}`,
      likelyCause: /syntax|unrecognized|no such column|unterminated|incomplete input/i.test(text)
        ? "A value containing a quote (') broke your SQL: the value was pasted into the SQL text (string concatenation — SQL injection). Use bound parameters: db.prepare('… WHERE key = ?').run(value)."
        : undefined,
    });
  }
}

const SHA_A = "3f1c2e9d8b7a60514f3e2d1c0b9a887766554433";
const SHA_B = "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334";
const SHA_C = "0123456789abcdef0123456789abcdef01234567";
const SHA_D = "fedcba9876543210fedcba9876543210fedcba98";

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Holds the write lock of a database from another process for `ms`, then commits. */
function holdWriteLock(dbPath: string, ms: number): Promise<() => Promise<void>> {
  const script = `
    const Database = require(process.argv[1]);
    const db = new Database(process.argv[2]);
    db.pragma("busy_timeout = 5000");
    db.exec("BEGIN IMMEDIATE");
    db.prepare("INSERT INTO experiments (name, creation_time) VALUES ('held by another process', 0)").run();
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[3]));
    db.exec("COMMIT");
    db.close();`;
  const child = spawn(process.execPath, ["-e", script, betterSqliteDir(), dbPath, String(ms)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => {
      err += String(d);
    });
    child.stdout.on("data", (d) => {
      out += String(d);
      if (out.includes("locked")) resolve(() => exited);
    });
    child.on("exit", (code) => {
      if (!out.includes("locked"))
        reject(new Error(`the lock-holding process ended (${code}) early: ${err.trim()}`));
    });
  });
}

const RUN_ID = /^[0-9a-f]{32}$/;

export const experimentTrackingLab = defineLab<Lab>({
  id: "19-experiment-tracking",
  title: "Experiment tracking",
  summary:
    "Build a run store like MLflow tracking in SQLite that survives crashes and concurrent writers, log a hyperparameter search to it, compare its runs and reproduce the best one.",
  exercises: [
    {
      id: "open-store",
      title: "Open the store: pragmas and migrations",
      points: 2,
      exports: ["openStore"],
      timeoutMs: 15_000,
      hints: [
        "Three pragmas right after opening, then the migrations. Which number tells you which migrations a file already has?",
        "db.pragma('journal_mode = WAL'), db.pragma('busy_timeout = 5000'), db.pragma('foreign_keys = ON'). Then const v = db.pragma('user_version', { simple: true }) and apply migrations[v], migrations[v + 1], … only.",
        "Make one step a transaction: db.transaction(() => { read user_version v; if v equals migrations.length return false; db.exec(migrations[v]); set user_version to v + 1; return true }) and call its .immediate() until it returns false. A failing migration then rolls back both its tables and the version bump, a reopened store runs nothing, and a second process opening the same new file waits instead of running migration 1 twice. mkdir the parent folder before new Database(path); in a catch, close the connection and rethrow.",
      ],
      check: async (lab) => {
        const dir = tempDir();
        try {
          const file = path.join(dir, "nested", "runs.db");
          const db = lab.openStore(file);
          try {
            const mode = String(db.pragma("journal_mode", { simple: true }));
            expectThat(mode.toLowerCase() === "wal", {
              message: `The store's journal_mode is "${mode}", not WAL.`,
              likelyCause:
                "Set db.pragma('journal_mode = WAL'): with a write-ahead log, readers do not block the writer and a crash (kill -9) never leaves a half-written file.",
            });
            const busy = Number(db.pragma("busy_timeout", { simple: true }));
            expectThat(busy >= 1000, {
              message: `The store's busy_timeout is ${busy} ms: a second process writing at the same moment gets SQLITE_BUSY ("database is locked") at once.`,
              expected: "≥ 1000 (e.g. 5000)",
              got: String(busy),
              likelyCause: "Set db.pragma('busy_timeout = 5000') so a writer waits for the lock.",
            });
            expectThat(Number(db.pragma("foreign_keys", { simple: true })) === 1, {
              message:
                "foreign_keys is off: a metric could be logged for a run that does not exist.",
              likelyCause:
                "Set db.pragma('foreign_keys = ON') (SQLite's default is off, per connection).",
            });
            const version = Number(db.pragma("user_version", { simple: true }));
            expectThat(version === lab.MIGRATIONS.length, {
              message: `A new store should be at schema version ${lab.MIGRATIONS.length} (PRAGMA user_version).`,
              got: String(version),
              likelyCause:
                "After running migration i, set PRAGMA user_version = i + 1 (in the same transaction).",
            });
            const tables = (
              db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
                name: string;
              }[]
            ).map((t) => t.name);
            const missing = [
              "experiments",
              "runs",
              "params",
              "metrics",
              "tags",
              "artifacts",
            ].filter((t) => !tables.includes(t));
            expectThat(missing.length === 0, {
              message: `The new store lacks the table(s) ${missing.join(", ")}.`,
              likelyCause:
                "Run every migration in MIGRATIONS, in order (db.exec runs several statements).",
            });
            db.prepare("INSERT INTO experiments (name, creation_time) VALUES ('kept', 1)").run();
          } finally {
            db.close();
          }
          // Reopening runs no migration again and keeps the data.
          const again = expectNoThrow(
            () => lab.openStore(file),
            "Opening an existing store (already at the latest version) failed.",
            "Start at the current PRAGMA user_version and run only the migrations above it: running migration 1 again fails with 'table experiments already exists'.",
          );
          try {
            expectThat(
              count(again, "SELECT count(*) AS n FROM experiments WHERE name = 'kept'") === 1,
              {
                message: "Reopening the store lost its data.",
                likelyCause:
                  "Never drop or recreate tables when opening: apply only missing migrations.",
              },
            );
          } finally {
            again.close();
          }
          // A version-1 store is upgraded to version 2, its rows kept.
          const oldFile = path.join(dir, "old.db");
          const old = new Database(oldFile);
          old.exec(lab.MIGRATIONS[0]);
          old.pragma("user_version = 1");
          old.prepare("INSERT INTO experiments (name, creation_time) VALUES ('from v1', 1)").run();
          old.close();
          const upgraded = expectNoThrow(
            () => lab.openStore(oldFile),
            "Opening a store at schema version 1 failed.",
            "A store at user_version 1 needs only migration 2 (MIGRATIONS[1]); migration 1 is already in it.",
          );
          try {
            expectThat(
              Number(upgraded.pragma("user_version", { simple: true })) === lab.MIGRATIONS.length &&
                count(
                  upgraded,
                  "SELECT count(*) AS n FROM sqlite_master WHERE name = 'artifacts'",
                ) === 1 &&
                count(upgraded, "SELECT count(*) AS n FROM experiments WHERE name = 'from v1'") ===
                  1,
              {
                message:
                  "A store at version 1 should be upgraded to version 2 (the artifacts table added), keeping its rows.",
                likelyCause: "Apply migrations[user_version …] and bump user_version after each.",
              },
            );
          } finally {
            upgraded.close();
          }
          // A migration that fails half-way leaves nothing behind.
          const broken = [
            ...lab.MIGRATIONS,
            "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);",
          ];
          expectToThrow(
            () => {
              const db = lab.openStore(file, broken);
              db.close();
            },
            "openStore should throw when a migration fails.",
            "Let the error of db.exec propagate (after closing the connection).",
          );
          const raw = new Database(file);
          try {
            const halfDone = count(
              raw,
              "SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'",
            );
            const version = Number(raw.pragma("user_version", { simple: true }));
            expectThat(halfDone === 0 && version === lab.MIGRATIONS.length, {
              message:
                halfDone > 0
                  ? "A failed migration left half its work in the store (the table half_done exists)."
                  : `A failed migration changed user_version to ${version}.`,
              likelyCause:
                "Run each migration and its user_version bump inside ONE transaction (db.transaction(() => { … })()): a failure then rolls back both.",
            });
          } finally {
            raw.close();
          }
          // The last connection to close removes the -wal file; if it is still there, the
          // connection openStore opened before throwing is still open.
          expectThat(!fs.existsSync(`${file}-wal`), {
            message: "openStore threw (a failing migration) but left its database connection open.",
            likelyCause:
              "Catch, close the connection (db.close()), then rethrow: an open handle keeps the file locked and leaks memory.",
          });
          const bump = new Database(file);
          bump.pragma(`user_version = ${lab.MIGRATIONS.length + 3}`);
          bump.close();
          const tooNew = expectToThrow(
            () => {
              const db = lab.openStore(file);
              db.close();
            },
            `openStore should refuse a store at user_version ${lab.MIGRATIONS.length + 3}, written by newer code than these ${lab.MIGRATIONS.length} migrations.`,
            "If user_version > migrations.length, throw: this code does not know that schema.",
          );
          expectMessageNames(
            tooNew,
            /version|newer/i,
            "openStore (a store from newer code)",
            "Say that the store's schema version is newer than this code's migrations.",
          );
          // A real second process holds the write lock for 0.6 s: the write must wait, not fail.
          const lockFile = path.join(dir, "locked.db");
          const setup = lab.openStore(lockFile);
          try {
            const released = await holdWriteLock(lockFile, 600);
            try {
              setup
                .prepare("INSERT INTO experiments (name, creation_time) VALUES ('mine', 2)")
                .run();
            } catch (err) {
              fail({
                message: `While another process held the write lock (0.6 s), a write through your store failed: ${thrownText(err)}`,
                likelyCause:
                  "Without busy_timeout SQLite gives up at once with SQLITE_BUSY. Set db.pragma('busy_timeout = 5000') in openStore.",
              });
            } finally {
              await released();
            }
            expectThat(count(setup, "SELECT count(*) AS n FROM experiments") === 2, {
              message: "After two processes wrote, both rows should be in the store.",
            });
          } finally {
            setup.close();
          }
        } finally {
          removeDir(dir);
        }
      },
    },
    {
      id: "git-commit",
      title: "The git commit, read from .git",
      points: 1,
      exports: ["gitCommit"],
      hints: [
        "Open .git/HEAD in a repository and look: it names a branch, and the branch's file holds the commit. What if that file is not there?",
        "Walk up from dir until a folder has .git. HEAD is either a commit (detached) or 'ref: refs/heads/…'. Look for that ref as a file, then as a line in packed-refs. A .git FILE says 'gitdir: …' (worktrees), and a commondir file there names where the refs live.",
        "Collect the folders to search: gitDir, plus path.resolve(gitDir, commondir's content) when commondir exists. For 'ref: X': the first existing <folder>/X wins; else a packed-refs line '<sha> X' (skip lines starting with # or ^). Wrap everything in try/catch returning 'unknown', and return 'unknown' too when no folder up to the root has .git.",
      ],
      check: (lab) => {
        const dir = tempDir();
        try {
          const cases: {
            what: string;
            setup: (root: string) => string;
            want: string;
            cause: string;
          }[] = [
            {
              what: "a branch in refs/heads (called from a sub-folder)",
              setup: (root) => {
                write(path.join(root, ".git", "HEAD"), "ref: refs/heads/main\n");
                write(path.join(root, ".git", "refs", "heads", "main"), `${SHA_A}\n`);
                fs.mkdirSync(path.join(root, "src", "deep"), { recursive: true });
                return path.join(root, "src", "deep");
              },
              want: SHA_A,
              cause:
                "HEAD holds 'ref: refs/heads/main': read the commit from .git/refs/heads/main (trimmed), and walk up from sub-folders to the one with .git.",
            },
            {
              what: "a branch only in packed-refs",
              setup: (root) => {
                write(path.join(root, ".git", "HEAD"), "ref: refs/heads/dev\n");
                write(
                  path.join(root, ".git", "packed-refs"),
                  `# pack-refs with: peeled fully-peeled sorted\n${SHA_C} refs/heads/aaa\n${SHA_B} refs/heads/dev\n^${SHA_D}\n${SHA_D} refs/tags/v1\n`,
                );
                return root;
              },
              want: SHA_B,
              cause:
                "After git gc, refs live in .git/packed-refs as '<commit> <ref>' lines: look there when the ref has no file of its own.",
            },
            {
              what: "a detached HEAD",
              setup: (root) => {
                write(path.join(root, ".git", "HEAD"), `${SHA_C}\n`);
                return root;
              },
              want: SHA_C,
              cause: "When HEAD holds 40 hex digits itself (detached HEAD), that is the commit.",
            },
            {
              what: "a git worktree (.git is a file: 'gitdir: …', refs in the common dir)",
              setup: (root) => {
                const common = path.join(root, "main", ".git");
                write(path.join(common, "refs", "heads", "feature"), `${SHA_D}\n`);
                write(path.join(common, "worktrees", "wt", "HEAD"), "ref: refs/heads/feature\n");
                write(path.join(common, "worktrees", "wt", "commondir"), "../..\n");
                write(path.join(root, "wt", ".git"), "gitdir: ../main/.git/worktrees/wt\n");
                return path.join(root, "wt");
              },
              want: SHA_D,
              cause:
                "A .git FILE points to the git dir ('gitdir: <path>', relative to the file's folder); the refs are in the folder named by its commondir file.",
            },
            {
              what: "a new repository without commits (the branch file does not exist yet)",
              setup: (root) => {
                write(path.join(root, ".git", "HEAD"), "ref: refs/heads/main\n");
                return root;
              },
              want: "unknown",
              cause: "When the ref cannot be found, return 'unknown' (never throw).",
            },
            {
              what: "a broken .git folder (no HEAD file)",
              setup: (root) => {
                fs.mkdirSync(path.join(root, ".git", "refs"), { recursive: true });
                return root;
              },
              want: "unknown",
              cause:
                "A .git folder you cannot read is 'unknown' too: catch the error (never throw).",
            },
            {
              what: "a folder outside any git checkout",
              setup: (root) => root,
              want: "unknown",
              cause: "When no folder up to the root has .git, return 'unknown' (never throw).",
            },
          ];
          cases.forEach((c, i) => {
            const root = path.join(dir, `case${i}`);
            fs.mkdirSync(root, { recursive: true });
            const from = c.setup(root);
            let got: unknown;
            try {
              got = lab.gitCommit(from);
            } catch (err) {
              fail({
                message: `gitCommit threw for ${c.what}: ${thrownText(err)}`,
                likelyCause: c.cause,
              });
            }
            expectThat(got === c.want, {
              message: `gitCommit is wrong for ${c.what}.`,
              expected: JSON.stringify(c.want),
              got: show(got),
              likelyCause:
                typeof got === "string" && got.startsWith("ref:")
                  ? "That is HEAD's text: follow the ref to the file (or packed-refs line) holding the commit."
                  : c.cause,
            });
          });
        } finally {
          removeDir(dir);
        }
      },
    },
    {
      id: "runs",
      title: "Experiments and runs (start, end, withRun)",
      points: 2,
      exports: ["getOrCreateExperiment", "startRun", "endRun", "withRun"],
      hints: [
        "A run is one row in runs plus its tags. What must be true of the row when the code that uses the run throws?",
        "getOrCreateExperiment: INSERT … ON CONFLICT (name) DO NOTHING, then SELECT the id. startRun: one db.transaction with the run row (status RUNNING) and its tag rows. endRun: UPDATE status, end_time. withRun: start, call fn, end FINISHED or FAILED.",
        "withRun needs try/finally: let status = 'FAILED'; try { const r = fn(runId); status = 'FINISHED'; return r; } finally { endRun(db, runId, status); } — the error still propagates to the caller. In endRun, check info.changes from .run(): 0 means no run has that id.",
      ],
      check: (lab) =>
        withStore(lab, (db) => {
          const a = lab.getOrCreateExperiment(db, "knn");
          const again = expectNoThrow(
            () => lab.getOrCreateExperiment(db, "knn"),
            "getOrCreateExperiment failed for a name that already exists.",
            "Create the experiment only if it does not exist (INSERT … ON CONFLICT (name) DO NOTHING), then SELECT its id.",
          );
          const b = lab.getOrCreateExperiment(db, "svm's");
          expectThat(a === again && a !== b && typeof a === "number", {
            message:
              "getOrCreateExperiment should give the same id for the same name, another for another name.",
            got: `knn → ${show(a)}, knn again → ${show(again)}, svm's → ${show(b)}`,
          });
          expectThat(count(db, "SELECT count(*) AS n FROM experiments") === 2, {
            message: "After asking for knn twice and svm's once, there should be 2 experiments.",
          });
          const before = Date.now();
          const run = lab.startRun(db, a, {
            runName: "k=5 'quoted'",
            tags: { model: "knn", note: "it's" },
            gitCommit: SHA_A,
          });
          const after = Date.now();
          expectThat(typeof run === "string" && RUN_ID.test(run), {
            message: "startRun should return the run id: 32 lowercase hex digits.",
            got: show(run),
            likelyCause: 'randomUUID().replace(/-/g, "")',
          });
          const row = db.prepare("SELECT * FROM runs WHERE run_id = ?").get(run) as
            | Record<string, unknown>
            | undefined;
          expectThat(!!row, { message: "startRun returned an id but no run row has it." });
          const r = row as Record<string, unknown>;
          const problems = [
            r.status !== "RUNNING" && `status ${show(r.status)} (should be RUNNING)`,
            r.end_time !== null && `end_time ${show(r.end_time)} (should be null while running)`,
            !(Number(r.start_time) >= before && Number(r.start_time) <= after) &&
              `start_time ${show(r.start_time)} (should be Date.now() at the start)`,
            r.run_name !== "k=5 'quoted'" && `run_name ${show(r.run_name)}`,
            r.git_commit !== SHA_A &&
              `git_commit ${show(r.git_commit)} (should be options.gitCommit)`,
            r.experiment_id !== a && `experiment_id ${show(r.experiment_id)}`,
          ].filter(Boolean);
          expectThat(problems.length === 0, {
            message: `The new run's row is wrong: ${problems.join("; ")}.`,
          });
          const tags = db
            .prepare("SELECT key, value FROM tags WHERE run_id = ? ORDER BY key")
            .all(run);
          expectThat(
            JSON.stringify(tags) ===
              JSON.stringify([
                { key: "model", value: "knn" },
                { key: "note", value: "it's" },
              ]),
            {
              message: "startRun should store options.tags as rows of tags.",
              got: JSON.stringify(tags),
            },
          );
          const plain = lab.startRun(db, b);
          const plainRow = db
            .prepare("SELECT run_name, git_commit FROM runs WHERE run_id = ?")
            .get(plain) as { run_name: string; git_commit: string } | undefined;
          expectThat(plain !== run && plainRow?.run_name === `run-${String(plain).slice(0, 8)}`, {
            message:
              "Without options.runName the run should be called run-<first 8 digits of its id>, with a new id for every run.",
            got: show(plainRow?.run_name),
          });
          expectThat(typeof plainRow?.git_commit === "string" && plainRow.git_commit.length > 0, {
            message:
              "Without options.gitCommit, startRun should record gitCommit() of the current folder.",
            got: show(plainRow?.git_commit),
          });
          // The run row and its tags are one transaction: a failing tag leaves no run behind.
          db.exec(
            "CREATE TEMP TRIGGER crash_on_tag BEFORE INSERT ON tags WHEN NEW.key = 'crash' BEGIN SELECT RAISE(ABORT, 'simulated crash while writing the tags'); END",
          );
          const runsBefore = count(db, "SELECT count(*) AS n FROM runs");
          expectToThrow(
            () => lab.startRun(db, a, { tags: { fine: "1", crash: "2" } }),
            "startRun should fail when a tag cannot be written (the check made the tag 'crash' fail).",
            "Let errors propagate.",
          );
          db.exec("DROP TRIGGER crash_on_tag");
          expectThat(count(db, "SELECT count(*) AS n FROM runs") === runsBefore, {
            message:
              "A run whose tags failed to write was left in the store without them (half-written).",
            likelyCause:
              "Insert the run row and its tags in ONE transaction (db.transaction(() => { … })()).",
          });
          // endRun
          lab.endRun(db, run);
          const ended = db
            .prepare("SELECT status, end_time, start_time FROM runs WHERE run_id = ?")
            .get(run) as {
            status: string;
            end_time: number | null;
            start_time: number;
          };
          expectThat(
            ended.status === "FINISHED" &&
              typeof ended.end_time === "number" &&
              ended.end_time >= ended.start_time,
            {
              message: "endRun(db, runId) should set status FINISHED and end_time = Date.now().",
              got: JSON.stringify(ended),
            },
          );
          lab.endRun(db, plain, "KILLED");
          expectThat(
            (
              db.prepare("SELECT status FROM runs WHERE run_id = ?").get(plain) as {
                status: string;
              }
            ).status === "KILLED",
            { message: "endRun(db, runId, 'KILLED') should set status KILLED." },
          );
          const badStatus = expectToThrow(
            () => lab.endRun(db, plain, "DONE" as never),
            "endRun should refuse a status other than FINISHED, FAILED or KILLED.",
            "Check the status before writing.",
          );
          expectMessageNames(
            badStatus,
            /DONE|FINISHED/,
            "endRun(db, run, 'DONE')",
            "Name the bad status (or the allowed ones) in the error.",
          );
          const unknownRun = expectToThrow(
            () => lab.endRun(db, "0".repeat(32)),
            "endRun should throw for a run id that does not exist.",
            "UPDATE … WHERE run_id = ? changes 0 rows for an unknown id: check .run(…).changes.",
          );
          expectMessageNames(
            unknownRun,
            /0{32}|no run|unknown run|not found/i,
            "endRun with an unknown run id",
            "Say that no run has that id (and which id).",
          );
          // withRun
          let inside: string | undefined;
          let statusInside: unknown;
          const value = lab.withRun(db, a, { runName: "ok" }, (id) => {
            inside = id;
            statusInside = (
              db.prepare("SELECT status FROM runs WHERE run_id = ?").get(id) as
                | { status: string }
                | undefined
            )?.status;
            return 42;
          });
          expectThat(value === 42, {
            message: "withRun should return what fn returns.",
            got: show(value),
          });
          expectThat(typeof inside === "string" && statusInside === "RUNNING", {
            message: "withRun should call fn(runId) with the id of a RUNNING run.",
            got: `runId ${show(inside)}, status inside fn ${show(statusInside)}`,
          });
          const okStatus = db
            .prepare("SELECT status, end_time FROM runs WHERE run_id = ?")
            .get(inside) as {
            status: string;
            end_time: number | null;
          };
          expectThat(okStatus.status === "FINISHED" && okStatus.end_time !== null, {
            message: "After fn returns, withRun should end the run FINISHED.",
            got: JSON.stringify(okStatus),
          });
          const boom = new Error("training diverged");
          let failedId: string | undefined;
          let caught: unknown;
          try {
            lab.withRun(db, a, { runName: "fails" }, (id) => {
              failedId = id;
              throw boom;
            });
          } catch (err) {
            if (isTodoError(err)) throw err;
            caught = err;
          }
          const failed = failedId
            ? (db.prepare("SELECT status, end_time FROM runs WHERE run_id = ?").get(failedId) as {
                status: string;
                end_time: number | null;
              })
            : undefined;
          expectThat(failed?.status !== "RUNNING", {
            message: "When fn throws, withRun left the run RUNNING forever.",
            likelyCause:
              "End the run in a finally block: try { … status = 'FINISHED' } finally { endRun(db, runId, status) } with status 'FAILED' by default.",
          });
          expectThat(failed?.status === "FAILED" && failed.end_time !== null, {
            message: "When fn throws, withRun should end the run FAILED (with an end_time).",
            got: JSON.stringify(failed),
            likelyCause: "Only a normal return of fn makes the run FINISHED.",
          });
          expectThat(caught === boom, {
            message:
              "When fn throws, withRun should rethrow the same error (the caller must see it).",
            got:
              caught === undefined ? "nothing was thrown (the error was swallowed)" : show(caught),
            likelyCause: "Use try/finally (no catch), or rethrow in the catch.",
          });
        }),
    },
    {
      id: "params-metrics-tags",
      title: "Params once, metrics per step, tags overwritten",
      points: 2,
      exports: ["logParam", "logMetric", "setTag"],
      hints: [
        "Three tables, three rules: a param never changes, a metric never overwrites (every step is kept), a tag may change. Which SQL statement gives each rule?",
        "logParam: INSERT … ON CONFLICT (run_id, key) DO NOTHING; if no row was inserted, compare the stored value and throw when it differs. logMetric: a plain INSERT every time. setTag: INSERT … ON CONFLICT DO UPDATE SET value = excluded.value.",
        'Always db.prepare(sql).run(runId, key, value) with ? placeholders — a value like "it\'s" must be stored as it is, never pasted into the SQL. Throw from logMetric when !Number.isFinite(value) or !Number.isInteger(step); String(value) for params and tags, and name the key in the error for a changed param.',
      ],
      check: (lab) =>
        withStore(lab, (db) => {
          const { runId } = insertRun(db);
          callWithQuotes(
            () => lab.logParam(db, runId, "learning_rate", 0.1),
            "logParam(db, run, 'learning_rate', 0.1)",
          );
          callWithQuotes(
            () => lab.logParam(db, runId, "note", "it's"),
            'logParam with the value "it\'s"',
          );
          callWithQuotes(
            () => lab.logParam(db, runId, "x'); DROP TABLE params; --", "1"),
            "logParam with a key containing quotes and SQL",
          );
          const params = db
            .prepare("SELECT key, value FROM params WHERE run_id = ? ORDER BY key")
            .all(runId) as {
            key: string;
            value: string;
          }[];
          expectThat(
            JSON.stringify(params) ===
              JSON.stringify([
                { key: "learning_rate", value: "0.1" },
                { key: "note", value: "it's" },
                { key: "x'); DROP TABLE params; --", value: "1" },
              ]),
            {
              message:
                "The params table does not hold exactly what was logged (values are stored as strings).",
              got: JSON.stringify(params),
              likelyCause: "Store String(value) with bound parameters, one row per (run, key).",
            },
          );
          expectNoThrow(
            () => lab.logParam(db, runId, "learning_rate", "0.1"),
            "Logging a param again with the SAME value should be allowed (it is idempotent).",
            "Throw only when the new value differs from the stored one.",
          );
          let changed: unknown;
          try {
            lab.logParam(db, runId, "learning_rate", 0.5);
          } catch (err) {
            if (isTodoError(err)) throw err;
            changed = err;
          }
          const stored = (
            db
              .prepare("SELECT value FROM params WHERE run_id = ? AND key = 'learning_rate'")
              .get(runId) as { value: string }
          ).value;
          expectThat(changed instanceof Error, {
            message:
              stored === "0.5"
                ? "A param was silently re-logged with a new value (0.1 → 0.5): the run no longer says what it was trained with."
                : "Logging a param again with a DIFFERENT value should throw (MLflow: changing param values is not allowed).",
            likelyCause:
              "INSERT … ON CONFLICT DO NOTHING, then compare: throw when the stored value differs. A new value means a new run.",
          });
          expectMessageNames(
            changed as Error,
            /learning_rate/,
            "logParam (a changed param)",
            "Name the param's key in the error message.",
          );
          expectThat(stored === "0.1", {
            message: "After a refused change, the param should keep its first value.",
            got: stored,
          });
          // Metrics: every value kept.
          lab.logMetric(db, runId, "loss", 0.9, 0, 1000);
          lab.logMetric(db, runId, "loss", 0.7, 1, 2000);
          lab.logMetric(db, runId, "loss", 0.6, 1, 2500);
          lab.logMetric(db, runId, "loss", 0.5, 2, 3000);
          const t0 = Date.now();
          lab.logMetric(db, runId, "accuracy", 0.8);
          const t1 = Date.now();
          const loss = db
            .prepare(
              "SELECT value, step, timestamp FROM metrics WHERE run_id = ? AND key = 'loss' ORDER BY rowid",
            )
            .all(runId) as { value: number; step: number; timestamp: number }[];
          expectThat(loss.length === 4, {
            message: `After logging loss 4 times (steps 0, 1, 1, 2) the store holds ${loss.length} row(s): ${loss.length < 4 ? "metrics were overwritten instead of kept per step" : "too many rows"}.`,
            likelyCause:
              "A metric's history is the point: INSERT a new row for every call, never UPDATE or REPLACE.",
          });
          expectThat(
            JSON.stringify(loss) ===
              JSON.stringify([
                { value: 0.9, step: 0, timestamp: 1000 },
                { value: 0.7, step: 1, timestamp: 2000 },
                { value: 0.6, step: 1, timestamp: 2500 },
                { value: 0.5, step: 2, timestamp: 3000 },
              ]),
            {
              message: "The logged loss values, steps or timestamps are wrong.",
              got: JSON.stringify(loss),
              likelyCause: "Store value, step and timestamp exactly as given.",
            },
          );
          const acc = db
            .prepare("SELECT step, timestamp FROM metrics WHERE run_id = ? AND key = 'accuracy'")
            .get(runId) as { step: number; timestamp: number } | undefined;
          expectThat(!!acc && acc.step === 0 && acc.timestamp >= t0 && acc.timestamp <= t1, {
            message: "logMetric without step and timestamp should use step 0 and Date.now().",
            got: JSON.stringify(acc),
          });
          const nan = expectToThrow(
            () => lab.logMetric(db, runId, "loss", Number.NaN, 3),
            "logMetric should refuse NaN (not a finite number).",
            "Throw when !Number.isFinite(value).",
          );
          expectMessageNames(
            nan,
            /finite|NaN|number/i,
            "logMetric with NaN",
            "Say that the value must be a finite number.",
          );
          const halfStep = expectToThrow(
            () => lab.logMetric(db, runId, "loss", 0.4, 2.5),
            "logMetric should refuse a step that is not an integer (2.5).",
            "Throw when !Number.isInteger(step).",
          );
          expectMessageNames(
            halfStep,
            /step|integer/i,
            "logMetric with step 2.5",
            "Say that the step must be an integer.",
          );
          // Tags: overwritten.
          callWithQuotes(() => lab.setTag(db, runId, "stage", "draft"), "setTag");
          callWithQuotes(
            () => lab.setTag(db, runId, "stage", "it's final"),
            "setTag a second time, with a quote",
          );
          const tag = db
            .prepare("SELECT value FROM tags WHERE run_id = ? AND key = 'stage'")
            .all(runId) as { value: string }[];
          expectThat(tag.length === 1 && tag[0].value === "it's final", {
            message: "setTag twice on one key should leave one tag with the latest value.",
            got: JSON.stringify(tag),
            likelyCause: "INSERT … ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value.",
          });
        }),
    },
    {
      id: "log-batch",
      title: "All-or-nothing batches",
      points: 2,
      exports: ["logBatch"],
      hints: [
        "If the process dies after half of the batch's INSERTs, what is in the file? What makes several statements count as one?",
        "A transaction: db.transaction(() => { …every param, metric, tag… }) returns a function; call it (or .immediate()). An error inside rolls everything back.",
        "Inside the transaction, reuse your logParam / logMetric / setTag for each entry (metric step defaults to 0, timestamp to Date.now()). Do not catch errors inside it: the exception is what makes better-sqlite3 roll back, and the caller should see it.",
      ],
      check: (lab) =>
        withStore(lab, (db) => {
          const { runId } = insertRun(db);
          lab.logBatch(db, runId, {
            params: { k: 5, weights: "distance" },
            metrics: [
              { key: "acc", value: 0.9, step: 0, timestamp: 10 },
              { key: "acc", value: 0.92, step: 1, timestamp: 20 },
              { key: "loss", value: 0.3 },
            ],
            tags: { model: "knn" },
          });
          const n = (table: string, id = runId) =>
            count(db, `SELECT count(*) AS n FROM ${table} WHERE run_id = ?`, id);
          expectThat(n("params") === 2 && n("metrics") === 3 && n("tags") === 1, {
            message: "logBatch should store every param, metric and tag of the batch.",
            got: `${n("params")} params, ${n("metrics")} metrics, ${n("tags")} tags`,
            expected: "2 params, 3 metrics, 1 tag",
          });
          const accRows = db
            .prepare(
              "SELECT value, step, timestamp FROM metrics WHERE run_id = ? AND key = 'acc' ORDER BY step",
            )
            .all(runId);
          expectThat(
            JSON.stringify(accRows) ===
              JSON.stringify([
                { value: 0.9, step: 0, timestamp: 10 },
                { value: 0.92, step: 1, timestamp: 20 },
              ]),
            {
              message: "logBatch should store each metric's value, step and timestamp as given.",
              got: JSON.stringify(accRows),
              likelyCause:
                "m.timestamp ?? Date.now(): the given timestamp, Date.now() only when it is missing.",
            },
          );
          const loss = db
            .prepare("SELECT step FROM metrics WHERE run_id = ? AND key = 'loss'")
            .get(runId) as { step: number };
          expectThat(loss.step === 0, {
            message: "A batch metric without step should be logged at step 0.",
          });
          // A crash in the middle of the batch: the 4th metric write aborts.
          const second = insertRun(db).runId;
          db.exec(
            "CREATE TEMP TRIGGER crash_mid_batch BEFORE INSERT ON metrics WHEN NEW.key = 'crash' BEGIN SELECT RAISE(ABORT, 'simulated crash (kill -9) in the middle of the batch'); END",
          );
          let threw = false;
          try {
            lab.logBatch(db, second, {
              params: { k: 7, p: 2 },
              metrics: [
                { key: "cv", value: 0.91, step: 0 },
                { key: "cv", value: 0.93, step: 1 },
                { key: "cv", value: 0.9, step: 2 },
                { key: "crash", value: 1, step: 0 },
                { key: "cv", value: 0.92, step: 3 },
              ],
              tags: { model: "knn" },
            });
          } catch (err) {
            if (isTodoError(err)) throw err;
            threw = true;
          }
          db.exec("DROP TRIGGER crash_mid_batch");
          expectThat(threw, {
            message: "logBatch should throw when a write in the batch fails.",
            likelyCause: "Do not catch errors inside the batch.",
          });
          const left = n("params", second) + n("metrics", second) + n("tags", second);
          expectThat(left === 0, {
            message: `A write failed in the middle of logBatch and ${left} row(s) of the batch stayed in the store: a half-written batch. A kill -9 at that moment would leave the same.`,
            got: `${n("params", second)} params, ${n("metrics", second)} metrics, ${n("tags", second)} tags`,
            expected: "nothing from the failed batch",
            likelyCause:
              "Wrap the whole batch in ONE transaction: db.transaction(() => { … })() commits all rows or none.",
          });
          // A changed param in the batch: nothing of the batch is written either.
          lab.logBatch(db, second, { params: { k: 7 } });
          let refused = false;
          try {
            lab.logBatch(db, second, {
              params: { j: 1, k: 9 },
              metrics: [{ key: "cv", value: 0.5, step: 0 }],
              tags: { t: "x" },
            });
          } catch (err) {
            if (isTodoError(err)) throw err;
            refused = true;
          }
          expectThat(refused, {
            message: "A batch that changes an already logged param (k: 7 → 9) should throw.",
            likelyCause: "Apply logParam's rule inside the batch.",
          });
          expectThat(
            n("params", second) === 1 && n("metrics", second) === 0 && n("tags", second) === 0,
            {
              message:
                "A batch refused because of a changed param still left some of its rows in the store.",
              got: `${n("params", second)} params, ${n("metrics", second)} metrics, ${n("tags", second)} tags`,
              expected: "only the earlier param k",
              likelyCause: "All of the batch in one transaction: the error rolls back every row.",
            },
          );
          expectNoThrow(
            () =>
              lab.logBatch(db, second, {
                params: { k: 7 },
                metrics: [{ key: "cv", value: 0.8, step: 1 }],
              }),
            "A batch that logs an existing param with the SAME value should succeed.",
            "Re-logging a param with its own value is allowed.",
          );
        }),
    },
    {
      id: "log-artifact",
      title: "Artifacts: copied, hashed, recorded",
      points: 1,
      exports: ["logArtifact"],
      hints: [
        "An artifact must survive the original file changing or disappearing. What does that mean for where it lives?",
        "fs.mkdirSync(path.dirname(target), { recursive: true }) and fs.copyFileSync(localPath, target), with target = artifactLocation(db, runId, artifactPath). Then insert (run_id, path, size_bytes, sha256) with ON CONFLICT … DO UPDATE.",
        "Check artifactPath first: refuse path.isAbsolute(artifactPath) or any '..' segment (split on / and \\). The sha256 is createHash('sha256').update(bytes).digest('hex') of the copied bytes; size_bytes is bytes.length; return the target path.",
      ],
      check: (lab) =>
        withStore(lab, (db, dir) => {
          const { runId } = insertRun(db);
          const src = path.join(dir, "outside", "model.json");
          write(src, '{"weights": [1, 2, 3]}');
          const got = lab.logArtifact(db, runId, src);
          const want = lab.artifactLocation(db, runId, "model.json");
          expectThat(got === want, {
            message:
              "logArtifact should return the path of the copy: artifactLocation(db, runId, 'model.json').",
            expected: want,
            got: show(got),
            likelyCause:
              got === src
                ? "That is the original file: COPY it into the store's artifact folder."
                : undefined,
          });
          expectThat(fs.existsSync(src), {
            message:
              "logArtifact moved the original file away: copy it (fs.copyFileSync), the caller still owns it.",
          });
          expectThat(
            fs.existsSync(want) && fs.readFileSync(want, "utf8") === '{"weights": [1, 2, 3]}',
            {
              message: "The artifact folder does not hold a copy of the file.",
              likelyCause:
                "fs.copyFileSync(localPath, artifactLocation(db, runId, artifactPath)) after making its folder.",
            },
          );
          fs.writeFileSync(src, "changed later");
          expectThat(fs.readFileSync(want, "utf8") === '{"weights": [1, 2, 3]}', {
            message: "Changing the original file changed the artifact: it is a link, not a copy.",
            likelyCause: "Use fs.copyFileSync, not a symlink or hard link.",
          });
          const bytes = Buffer.from('{"weights": [1, 2, 3]}');
          const row = db
            .prepare("SELECT path, size_bytes, sha256 FROM artifacts WHERE run_id = ?")
            .all(runId) as {
            path: string;
            size_bytes: number;
            sha256: string;
          }[];
          expectThat(
            row.length === 1 &&
              row[0].path === "model.json" &&
              row[0].size_bytes === bytes.length &&
              row[0].sha256 === createHash("sha256").update(bytes).digest("hex"),
            {
              message:
                "The artifacts row should record the artifact's path (relative, 'model.json'), its size in bytes and the hex SHA-256 of its contents.",
              got: JSON.stringify(row),
            },
          );
          // Nested artifact paths, and replacing an artifact.
          const svg = path.join(dir, "outside", "roc.svg");
          write(svg, "<svg/>");
          const nested = lab.logArtifact(db, runId, svg, "plots/roc.svg");
          expectThat(
            nested === lab.artifactLocation(db, runId, "plots/roc.svg") && fs.existsSync(nested),
            {
              message:
                "logArtifact(db, run, file, 'plots/roc.svg') should create the plots folder inside the run's artifacts.",
              got: show(nested),
            },
          );
          write(svg, "<svg>v2</svg>");
          lab.logArtifact(db, runId, svg, "./plots//roc.svg");
          const rows = db
            .prepare("SELECT size_bytes FROM artifacts WHERE run_id = ? AND path = 'plots/roc.svg'")
            .all(runId) as {
            size_bytes: number;
          }[];
          expectThat(rows.length === 1 && rows[0].size_bytes === "<svg>v2</svg>".length, {
            message:
              "Logging the same artifact path again (here as './plots//roc.svg') should replace its row: one row, path 'plots/roc.svg', the new size and hash.",
            got: JSON.stringify(rows),
            likelyCause:
              "INSERT … ON CONFLICT (run_id, path) DO UPDATE SET size_bytes = …, sha256 = ….",
          });
          for (const bad of [
            "../escape.txt",
            "plots/../../escape.txt",
            path.join(dir, "abs.txt"),
          ]) {
            let threw: Error | undefined;
            try {
              lab.logArtifact(db, runId, svg, bad);
            } catch (err) {
              if (isTodoError(err)) throw err;
              threw = err instanceof Error ? err : new Error(String(err));
            }
            expectThat(threw !== undefined, {
              message: `logArtifact accepted the artifact path ${JSON.stringify(bad)}, which writes outside the run's folder.`,
              likelyCause: "Refuse absolute paths and any '..' segment before copying.",
            });
            expectMessageNames(
              threw as Error,
              /path|relative|outside|\.\./i,
              `logArtifact with the artifact path ${JSON.stringify(bad)}`,
              "Say that the artifact path must be relative and stay inside the run's folder.",
            );
          }
          expectThat(!fs.existsSync(lab.artifactLocation(db, runId, "../escape.txt")), {
            message:
              "A refused artifact was still copied outside the run's folder: check the path BEFORE copying.",
          });
        }),
    },
    {
      id: "tracked-search",
      title: "A tracked hyperparameter search",
      points: 2,
      exports: ["trackedSearch"],
      hints: [
        "Each candidate of lab 10's search becomes one run. What goes in as params, what comes out as metrics, and what if a candidate crashes?",
        "withRun(db, experimentId, { runName: 'trial-' + (i + 1), tags: { [DATA_HASH_TAG]: dataHash }, gitCommit }, (runId) => { log params + seed; scores = evaluate(params, seed); log metrics }).",
        "Log the params with logBatch(db, runId, { params: { ...candidate, seed } }) BEFORE evaluating (a failed run still says what it tried), then one logBatch of scores.map((value, step) => ({ key: FOLD_METRIC, value, step })) plus { key: MEAN_METRIC, value: mean, step: 0 }. Wrap each withRun in try/catch so a failing candidate is recorded FAILED and the loop goes on; push every run id.",
      ],
      check: (lab) =>
        withStore(lab, (db) => {
          const experimentId = insertRun(db, "search").experimentId;
          db.prepare("DELETE FROM runs").run();
          const calls: { params: unknown; seed: unknown }[] = [];
          const evaluate = (params: Record<string, number>, seed: number) => {
            calls.push({ params: { ...params }, seed });
            if (params.k === 0) throw new Error("k must be at least 1");
            return [0, 1, 2, 3].map(
              (f) =>
                Math.round((0.9 - 0.01 * params.k + 0.001 * seed + 0.0001 * f * params.p) * 1e6) /
                1e6,
            );
          };
          const candidates = [
            { k: 1, p: 2 },
            { k: 0, p: 1 },
            { k: 5, p: 1 },
          ];
          let ids: unknown;
          try {
            ids = lab.trackedSearch(db, experimentId, candidates, evaluate, {
              seed: 17,
              dataHash: "cafe01",
              gitCommit: SHA_B,
            });
          } catch (err) {
            fail({
              message: `trackedSearch threw: ${thrownText(err)}`,
              likelyCause:
                "A candidate whose evaluate throws (here k = 0) must become a FAILED run, and the search must go on: catch the error around each withRun.",
            });
          }
          expectThat(Array.isArray(ids) && ids.length === 3, {
            message:
              "trackedSearch should return one run id per candidate (3), failed ones included.",
            got: show(ids),
          });
          const runIds = ids as string[];
          expectThat(calls.length === 3 && calls.every((c) => c.seed === 17), {
            message: "evaluate should be called once per candidate, with options.seed.",
            got: JSON.stringify(calls),
          });
          runIds.forEach((id, i) => {
            const row = db
              .prepare(
                "SELECT run_name, status, git_commit, experiment_id, end_time FROM runs WHERE run_id = ?",
              )
              .get(id) as Record<string, unknown> | undefined;
            const wantStatus = candidates[i].k === 0 ? "FAILED" : "FINISHED";
            expectThat(
              !!row &&
                row.run_name === `trial-${i + 1}` &&
                row.status === wantStatus &&
                row.git_commit === SHA_B &&
                row.experiment_id === experimentId &&
                row.end_time !== null,
              {
                message: `Trial ${i + 1} (${JSON.stringify(candidates[i])}) should be a run named trial-${i + 1}, ${wantStatus}, with options.gitCommit.`,
                got: JSON.stringify(row),
                likelyCause:
                  wantStatus === "FAILED"
                    ? "Run each trial through withRun: a throwing evaluate ends it FAILED."
                    : undefined,
              },
            );
            const params = Object.fromEntries(
              (
                db.prepare("SELECT key, value FROM params WHERE run_id = ?").all(id) as {
                  key: string;
                  value: string;
                }[]
              ).map((p) => [p.key, p.value]),
            );
            const wantParams = {
              k: String(candidates[i].k),
              p: String(candidates[i].p),
              seed: "17",
            };
            expectThat(
              JSON.stringify(Object.entries(params).sort()) ===
                JSON.stringify(Object.entries(wantParams).sort()),
              {
                message: `Trial ${i + 1} should log its params and the seed (a failed trial too: log params before evaluating).`,
                expected: JSON.stringify(wantParams),
                got: JSON.stringify(params),
                likelyCause:
                  params.seed === undefined
                    ? "Log the seed as a param: without it the run cannot be reproduced."
                    : undefined,
              },
            );
            const tag = db
              .prepare("SELECT value FROM tags WHERE run_id = ? AND key = ?")
              .get(id, lab.DATA_HASH_TAG) as { value: string } | undefined;
            expectThat(tag?.value === "cafe01", {
              message: `Trial ${i + 1} should carry the tag ${lab.DATA_HASH_TAG} = options.dataHash.`,
              got: JSON.stringify(tag),
            });
            const folds = db
              .prepare(
                "SELECT value, step FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, rowid",
              )
              .all(id, lab.FOLD_METRIC) as { value: number; step: number }[];
            const mean = db
              .prepare("SELECT value, step FROM metrics WHERE run_id = ? AND key = ?")
              .all(id, lab.MEAN_METRIC) as {
              value: number;
              step: number;
            }[];
            if (wantStatus === "FAILED") {
              expectThat(folds.length === 0 && mean.length === 0, {
                message: "A failed trial should have no metrics.",
              });
              return;
            }
            const scores = evaluate(candidates[i], 17);
            calls.pop();
            expectThat(
              JSON.stringify(folds) ===
                JSON.stringify(scores.map((value, step) => ({ value, step }))),
              {
                message: `Trial ${i + 1} should log each fold's score as ${lab.FOLD_METRIC} at step = fold index (0, 1, 2, 3).`,
                got: JSON.stringify(folds),
                likelyCause: folds.every((f) => f.step === 0)
                  ? "All folds were logged at step 0: use the fold index as the step."
                  : undefined,
              },
            );
            const wantMean = scores.reduce((s, v) => s + v, 0) / scores.length;
            expectThat(
              mean.length === 1 && Math.abs(mean[0].value - wantMean) < 1e-12 && mean[0].step === 0,
              {
                message: `Trial ${i + 1} should log the mean of the fold scores as ${lab.MEAN_METRIC} (step 0).`,
                expected: String(wantMean),
                got: JSON.stringify(mean),
              },
            );
          });
        }),
    },
    {
      id: "search-runs",
      title: "Search runs, best run, metric history",
      points: 3,
      exports: ["searchRuns", "bestRun", "metricHistory"],
      hints: [
        "One SELECT over runs: WHERE experiment_id IN (…) AND one condition per filter clause, ORDER BY the terms. How do you get a metric's latest value inside SQL?",
        "A correlated subquery: (SELECT m.value FROM metrics m WHERE m.run_id = r.run_id AND m.key = ? ORDER BY m.step DESC, m.timestamp DESC, m.rowid DESC LIMIT 1). Use it in WHERE (`… > ?`) and in ORDER BY (first `(…) IS NULL`, so missing values come last).",
        "Keep two arrays while building: the SQL pieces and their arguments, in the same order (keys and values are ?, operators come from the parsed clause, columns from a fixed map status → r.status, run_name → r.run_name). End with ORDER BY …, r.start_time DESC, r.run_id LIMIT ?. bestRun: searchRuns with a status = 'FINISHED' filter and the metric ASC for 'min', DESC for 'max', maxResults 1 — make sure the metric exists. metricHistory: ORDER BY step, timestamp, rowid.",
      ],
      check: (lab) =>
        withStore(lab, (db) => {
          // The check's own runs: experiment "search" with 7 runs, "other" with 1.
          type Spec = {
            name: string;
            status: string;
            k: number;
            p: string;
            note: string;
            acc?: [number, number][]; // [step, value] in insertion order
            loss?: number;
          };
          const specs: Spec[] = [
            {
              name: "a",
              status: "FINISHED",
              k: 1,
              p: "1",
              note: "it's",
              acc: [
                [0, 0.95],
                [1, 0.81],
                [2, 0.84],
              ],
              loss: 0.4,
            },
            {
              name: "b",
              status: "FINISHED",
              k: 3,
              p: "2",
              note: "plain",
              acc: [
                [2, 0.91],
                [0, 0.7],
                [1, 0.8],
              ],
              loss: 0.25,
            },
            {
              name: "c",
              status: "FAILED",
              k: 5,
              p: "1",
              note: "plain",
              acc: [[0, 0.99]],
              loss: 0.05,
            },
            {
              name: "d",
              status: "FINISHED",
              k: 7,
              p: "1",
              note: "plain",
              acc: [
                [0, 0.5],
                [1, 0.88],
              ],
              loss: 0.3,
            },
            { name: "e", status: "FINISHED", k: 9, p: "2", note: "plain" },
            {
              name: "f",
              status: "FINISHED",
              k: 11,
              p: "1",
              note: "it's",
              acc: [
                [0, 0.6],
                [3, 0.79],
                [3, 0.86],
              ],
              loss: 0.2,
            },
            {
              name: "g",
              status: "RUNNING",
              k: 13,
              p: "2",
              note: "plain",
              acc: [[0, 0.75]],
              loss: 0.6,
            },
          ];
          const ids: Record<string, string> = {};
          const latest: Record<string, number | undefined> = {};
          let experimentId = 0;
          specs.forEach((s, i) => {
            const r = insertRun(db, "search", {
              name: s.name,
              status: s.status,
              start: 1_800_000_000_000 + i * 1000,
            });
            experimentId = r.experimentId;
            ids[s.name] = r.runId;
            db.prepare(
              "INSERT INTO params (run_id, key, value) VALUES (?, 'k', ?), (?, 'p', ?)",
            ).run(r.runId, String(s.k), r.runId, s.p);
            db.prepare("INSERT INTO tags (run_id, key, value) VALUES (?, 'note', ?)").run(
              r.runId,
              s.note,
            );
            let best: [number, number] | undefined;
            for (const [step, value] of s.acc ?? []) {
              db.prepare(
                "INSERT INTO metrics (run_id, key, value, step, timestamp) VALUES (?, 'acc', ?, ?, 5000)",
              ).run(r.runId, value, step);
              if (!best || step >= best[0]) best = [step, value];
            }
            latest[s.name] = best?.[1];
            if (s.loss !== undefined)
              db.prepare(
                "INSERT INTO metrics (run_id, key, value, step, timestamp) VALUES (?, 'loss', ?, 0, 5000)",
              ).run(r.runId, s.loss);
          });
          const other = insertRun(db, "other", {
            name: "other",
            status: "FINISHED",
            start: 1_900_000_000_000,
          });
          db.prepare(
            "INSERT INTO metrics (run_id, key, value, step, timestamp) VALUES (?, 'acc', 0.97, 0, 1)",
          ).run(other.runId);
          db.prepare("INSERT INTO params (run_id, key, value) VALUES (?, 'p', '1')").run(
            other.runId,
          );
          const nameOf = new Map(Object.entries(ids).map(([n, id]) => [id, n]));
          nameOf.set(other.runId, "other");
          const names = (runs: unknown) => {
            if (!Array.isArray(runs))
              fail({
                message: "searchRuns should return an array of runs (getRun for each).",
                got: show(runs),
              });
            return runs
              .map(
                (r) => nameOf.get((r as { info?: { runId?: string } })?.info?.runId ?? "") ?? "?",
              )
              .join(", ");
          };
          const search = (opts: Parameters<Lab["searchRuns"]>[2], experiments = [experimentId]) =>
            names(
              callWithQuotes(
                () => lab.searchRuns(db, experiments, opts),
                `searchRuns(${JSON.stringify(opts)})`,
              ),
            );
          const byLatest = (order: "asc" | "desc", only?: (s: Spec) => boolean) =>
            specs
              .filter((s) => latest[s.name] !== undefined && (!only || only(s)))
              .sort(
                (x, y) =>
                  (order === "asc" ? 1 : -1) *
                  ((latest[x.name] as number) - (latest[y.name] as number)),
              )
              .map((s) => s.name);
          const firstValue = (s: Spec) => s.acc?.[0]?.[1];
          const cases: {
            opts: Parameters<Lab["searchRuns"]>[2];
            want: string;
            cause?: (got: string) => string | undefined;
            experiments?: number[];
          }[] = [
            {
              opts: {},
              want: [...specs]
                .reverse()
                .map((s) => s.name)
                .join(", "),
              cause: () =>
                "Without orderBy: newest start_time first (ORDER BY r.start_time DESC, r.run_id), only the given experiments.",
            },
            {
              opts: { filter: "metrics.acc > 0.85", orderBy: ["metrics.acc DESC"] },
              want: byLatest("desc", (s) => (latest[s.name] as number) > 0.85).join(", "),
              cause: (got) =>
                got.includes("a")
                  ? "Run a's acc was 0.95 at step 0 but is 0.84 now (step 2): compare each metric's LATEST value (highest step, then latest timestamp, then the last row)."
                  : "Compare the latest value of the metric (ORDER BY step DESC, timestamp DESC, rowid DESC LIMIT 1).",
            },
            {
              opts: { orderBy: ["metrics.acc ASC"] },
              want: [...byLatest("asc"), "e"].join(", "),
              cause: (got) =>
                got.startsWith("e")
                  ? "Run e has no acc: runs without the metric come LAST in both directions (order by `(…) IS NULL` first)."
                  : "Order by the latest value of the metric, ascending.",
            },
            {
              opts: { orderBy: ["metrics.acc DESC"] },
              want: [...byLatest("desc"), "e"].join(", "),
              cause: (got) =>
                got.startsWith("e")
                  ? "Run e has no acc: runs without the metric come LAST in both directions."
                  : got ===
                      [
                        ...specs
                          .filter((s) => s.acc)
                          .sort((x, y) => (firstValue(y) ?? 0) - (firstValue(x) ?? 0))
                          .map((s) => s.name),
                        "e",
                      ].join(", ")
                    ? "That is the order of the FIRST logged values: use each metric's latest value."
                    : undefined,
            },
            {
              opts: {
                filter: "params.p = '1' and tags.note = \"it's\"",
                orderBy: ["attributes.run_name ASC"],
              },
              want: "a, f",
            },
            {
              opts: { filter: "attributes.status = 'FAILED'" },
              want: "c",
            },
            {
              opts: { filter: "params.p = '1'' OR ''1''=''1'" },
              want: "",
              cause: () =>
                "The value 1' OR '1'='1 was run as SQL (injection): bind every value with ?, never paste it into the SQL text.",
            },
            {
              opts: {
                filter: "metrics.loss <= 0.3 and params.k != '3'",
                orderBy: ["metrics.loss ASC"],
                maxResults: 2,
              },
              want: "c, f",
              cause: () =>
                "Apply every clause (AND), the order, and at most maxResults runs (LIMIT ?).",
            },
            {
              opts: { filter: "params.p = '1'", orderBy: ["metrics.acc DESC"], maxResults: 3 },
              want: "c, other, d",
              experiments: [experimentId, other.experimentId],
              cause: () => "Search every experiment id in the list: experiment_id IN (?, ?, …).",
            },
          ];
          for (const c of cases) {
            const got = search(c.opts, c.experiments);
            expectThat(got === c.want, {
              message: `searchRuns(db, [${(c.experiments ?? [experimentId]).length === 1 ? "experiment" : "2 experiments"}], ${JSON.stringify(c.opts)}) found the wrong runs or order.`,
              expected: c.want === "" ? "no runs" : c.want,
              got: got === "" ? "no runs" : got,
              likelyCause:
                c.cause?.(got) ??
                (got.includes("other") && !c.experiments
                  ? "Only the runs of the given experiment ids."
                  : undefined),
            });
          }
          const none = lab.searchRuns(db, [], {});
          expectThat(Array.isArray(none) && none.length === 0, {
            message: "searchRuns with no experiment ids should return no runs ([]).",
            got: show(none),
          });
          const first = callWithQuotes(
            () => lab.searchRuns(db, [experimentId], { filter: "attributes.run_name = 'b'" }),
            "searchRuns by run_name",
          );
          expectThat(
            first.length === 1 &&
              first[0]?.data?.metrics?.acc === 0.91 &&
              first[0]?.data?.params?.k === "3" &&
              first[0]?.info?.status === "FINISHED",
            {
              message:
                "Each run searchRuns returns should be getRun(db, runId): info plus params, tags and latest metrics.",
              got: show(first[0]),
            },
          );
          // bestRun
          const best = lab.bestRun(db, experimentId, "acc", "max");
          const finished = specs.filter(
            (s) => s.status === "FINISHED" && latest[s.name] !== undefined,
          );
          const wantBest = finished.reduce((x, y) =>
            (latest[y.name] as number) > (latest[x.name] as number) ? y : x,
          ).name;
          const bestName = nameOf.get(best?.info?.runId ?? "");
          expectThat(bestName === wantBest, {
            message: "bestRun(db, experiment, 'acc', 'max') picked the wrong run.",
            expected: `run ${wantBest} (the FINISHED run with the highest latest acc)`,
            got: show(bestName ?? best),
            likelyCause:
              bestName === "c" || bestName === "g"
                ? `Run ${bestName} is ${bestName === "c" ? "FAILED" : "still RUNNING"}: only FINISHED runs count.`
                : bestName === "e"
                  ? "Run e has no acc at all: a run without the metric is never the best."
                  : undefined,
          });
          const lowLoss = lab.bestRun(db, experimentId, "loss", "min");
          const lossName = nameOf.get(lowLoss?.info?.runId ?? "");
          const wantLoss = specs
            .filter((s) => s.status === "FINISHED" && s.loss !== undefined)
            .reduce((x, y) => ((y.loss as number) < (x.loss as number) ? y : x)).name;
          expectThat(lossName === wantLoss, {
            message: "bestRun(db, experiment, 'loss', 'min') picked the wrong run.",
            expected: `run ${wantLoss} (the lowest loss among FINISHED runs)`,
            got: show(lossName ?? lowLoss),
            likelyCause:
              lossName === "a"
                ? "That run has the HIGHEST loss: 'min' means lower is better (a loss or an error)."
                : undefined,
          });
          expectThat(lab.bestRun(db, experimentId, "f1", "max") === undefined, {
            message: "bestRun for a metric no run has should return undefined.",
          });
          // metricHistory: rows were inserted out of step order.
          const history = lab.metricHistory(db, ids.b, "acc");
          expectThat(
            JSON.stringify(history?.map((h) => [h.step, h.value])) ===
              JSON.stringify([
                [0, 0.7],
                [1, 0.8],
                [2, 0.91],
              ]),
            {
              message: "metricHistory(db, run b, 'acc') should list every value, ordered by step.",
              got: JSON.stringify(history),
              likelyCause:
                "ORDER BY step, timestamp, rowid: rows come back in insertion order otherwise.",
            },
          );
          const ties = lab.metricHistory(db, ids.f, "acc");
          expectThat(
            JSON.stringify(ties?.map((h) => [h.step, h.value, h.timestamp])) ===
              JSON.stringify([
                [0, 0.6, 5000],
                [3, 0.79, 5000],
                [3, 0.86, 5000],
              ]),
            {
              message:
                "metricHistory should keep every value, also two at the same step (in the order they were logged), with their timestamps.",
              got: JSON.stringify(ties),
            },
          );
        }),
    },
    {
      id: "reproduce-run",
      title: "Reproduce a run from its record",
      points: 1,
      exports: ["reproduceRun"],
      hints: [
        "Everything the run needs is in its record: which params, which seed, which data. What must you check before trusting a comparison?",
        "getRun → data.params (strings) and data.tags['data.hash']. Throw if the hash differs from the one given; turn the params into numbers (all but seed), take Number(params.seed), and call evaluate(params, seed).",
        "reproduced = the mean of evaluate's scores; recorded = run.data.metrics[MEAN_METRIC]; matches = reproduced === recorded (exact: doubles survive SQLite's REAL unchanged). Return { params, seed, recorded, reproduced, matches } and leave seed out of params.",
      ],
      check: (lab) =>
        withStore(lab, (db) => {
          const calls: { params: Record<string, unknown>; seed: unknown }[] = [];
          const evaluate = (params: Record<string, number>, seed: number) => {
            calls.push({ params: { ...params }, seed });
            const k = params.k as unknown;
            if (typeof k !== "number") throw new Error(`k must be a number, got ${typeof k}`);
            return [0, 1, 2].map(
              (f) => 0.8 + 0.003 * params.k + Math.sin(seed * 12.9898 + f) * 0.01,
            );
          };
          const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
          const record = (hash: string, recorded: number) => {
            const { runId } = insertRun(db, "repro", { status: "FINISHED" });
            db.prepare(
              "INSERT INTO params (run_id, key, value) VALUES (?, 'k', '5'), (?, 'p', '2'), (?, 'seed', '11')",
            ).run(runId, runId, runId);
            db.prepare("INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)").run(
              runId,
              lab.DATA_HASH_TAG,
              hash,
            );
            db.prepare(
              "INSERT INTO metrics (run_id, key, value, step, timestamp) VALUES (?, ?, ?, 0, 1)",
            ).run(runId, lab.MEAN_METRIC, recorded);
            return runId;
          };
          const truth = meanOf(evaluate({ k: 5, p: 2 }, 11));
          calls.length = 0;
          const good = record("beef42", truth);
          const got = lab.reproduceRun(db, good, evaluate, "beef42");
          const call = calls[0];
          expectThat(calls.length === 1 && call.seed === 11, {
            message: "reproduceRun should evaluate once, with the seed recorded in the run (11).",
            got: JSON.stringify(calls.map((c) => ({ seed: c.seed }))),
            likelyCause:
              "Reproducing with a different seed proves nothing: use Number(run.data.params.seed).",
          });
          expectThat(JSON.stringify(call.params) === JSON.stringify({ k: 5, p: 2 }), {
            message: "reproduceRun should pass the recorded params, as numbers, without the seed.",
            expected: '{"k":5,"p":2}',
            got: JSON.stringify(call.params),
          });
          expectThat(
            got?.matches === true &&
              got.recorded === truth &&
              got.reproduced === truth &&
              got.seed === 11 &&
              JSON.stringify(got.params) === '{"k":5,"p":2}',
            {
              message:
                "reproduceRun should report { params, seed, recorded, reproduced, matches: true } for a run it reproduces exactly.",
              got: show(got),
            },
          );
          const drifted = record("beef42", truth + 0.01);
          const other = lab.reproduceRun(db, drifted, evaluate, "beef42");
          expectThat(other?.matches === false && other.recorded === truth + 0.01, {
            message:
              "A run whose recorded score differs from the reproduced one should give matches: false.",
            got: show(other),
            likelyCause: "matches = reproduced === recorded (recorded = the run's MEAN_METRIC).",
          });
          const changedData = record("beef42", truth);
          let refused: unknown;
          try {
            lab.reproduceRun(db, changedData, evaluate, "0ther");
          } catch (err) {
            if (isTodoError(err)) throw err;
            refused = err;
          }
          expectThat(refused instanceof Error, {
            message:
              "reproduceRun compared scores on DIFFERENT data (the data hash changed) instead of refusing.",
            likelyCause: `Compare run.data.tags["${lab.DATA_HASH_TAG}"] with the current data's hash and throw when they differ.`,
          });
          expectMessageNames(
            refused as Error,
            /data|hash/i,
            "reproduceRun (changed data)",
            "Say in the error that the data (its hash) changed.",
          );
          const missing = expectToThrow(
            () => lab.reproduceRun(db, "f".repeat(32), evaluate, "beef42"),
            "reproduceRun should throw for a run id that does not exist.",
            "getRun returns undefined for an unknown id: check it.",
          );
          expectMessageNames(
            missing,
            /no run|not found|unknown run|f{32}/i,
            "reproduceRun with an unknown run id",
            "Say that no run has that id.",
          );
        }),
    },
  ],
});
