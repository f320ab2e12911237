/**
 * The run store of lab 19 (solutions/19-experiment-tracking.ts) under real failures: a writer
 * process killed with SIGKILL in the middle of a batch, and two writer processes at once.
 * Each scenario also runs a broken variant (tests/tracking/variants/) to show the test can fail:
 * without a transaction the kill leaves half a batch; with busy_timeout 0 a concurrent writer
 * gets SQLITE_BUSY.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { fromRoot } from "../../src/project-root";

const CHILD = path.join(__dirname, "writer-child.ts");
const REFERENCE = fromRoot("solutions", "19-experiment-tracking.ts");
const NO_TRANSACTION = path.join(__dirname, "variants", "no-transaction.ts");
const NO_BUSY_TIMEOUT = path.join(__dirname, "variants", "no-busy-timeout.ts");

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-19-test-"));
  dirs.push(dir);
  return path.join(dir, "runs.db");
}

interface Child {
  proc: ChildProcess;
  /** Resolves with the first stdout line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function start(modulePath: string, dbPath: string, ...args: string[]): Child {
  const proc = spawn(
    process.execPath,
    ["--require", "tsx/cjs", CHILD, modulePath, dbPath, ...args],
    {
      cwd: fromRoot(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(proc);
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = "";
  let stderr = "";
  proc.stdout?.on("data", (d) => {
    buffer += String(d);
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  proc.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal, stderr })));
  return {
    proc,
    lines,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const found = lines.find((l) => pattern.test(l));
        if (found) return resolve(found);
        waiters.push({ pattern, resolve });
        exited.then((e) =>
          reject(new Error(`child exited (${e.code ?? e.signal}) before ${pattern}: ${e.stderr}`)),
        );
      }),
  };
}

async function killNine(child: Child): Promise<void> {
  child.proc.kill("SIGKILL");
  const end = await child.exited;
  expect(end.signal).toBe("SIGKILL");
}

/** Opens the store after the crash (recovering the WAL) and reads what is in it. */
function inspect(dbPath: string) {
  const db = new Database(dbPath);
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    const runs = db.prepare("SELECT run_id, status FROM runs").all() as {
      run_id: string;
      status: string;
    }[];
    const per = (table: string, id: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE run_id = ?`).get(id) as { n: number })
        .n;
    return {
      integrity,
      runs: runs.map((r) => ({
        ...r,
        params: per("params", r.run_id),
        metrics: per("metrics", r.run_id),
        tags: per("tags", r.run_id),
      })),
    };
  } finally {
    db.close();
  }
}

describe("lab 19 run store: kill -9 in the middle of a write", () => {
  it("leaves a consistent file and no half-logged batch (the batch is one transaction)", async () => {
    const dbPath = tempDb();
    const child = start(REFERENCE, dbPath, "pause");
    const line = await child.waitFor(/^mid-batch /);
    const runId = line.split(" ")[1];
    await killNine(child);
    const after = inspect(dbPath);
    expect(after.integrity).toBe("ok");
    const run = after.runs.find((r) => r.run_id === runId);
    expect(run).toMatchObject({ status: "RUNNING", params: 0, metrics: 0, tags: 0 });
  }, 20_000);

  it("without a transaction the same kill leaves half the batch (the test can fail)", async () => {
    const dbPath = tempDb();
    const child = start(NO_TRANSACTION, dbPath, "pause");
    const runId = (await child.waitFor(/^mid-batch /)).split(" ")[1];
    await killNine(child);
    const after = inspect(dbPath);
    expect(after.integrity).toBe("ok");
    expect(after.runs.find((r) => r.run_id === runId)).toMatchObject({
      params: 1,
      metrics: 100,
      tags: 0,
    });
  }, 20_000);

  it("a writer killed at a random moment of a loop: every finished run is complete", async () => {
    const dbPath = tempDb();
    const child = start(REFERENCE, dbPath, "loop");
    await child.waitFor(/^run /);
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 200));
    await killNine(child);
    const after = inspect(dbPath);
    expect(after.integrity).toBe("ok");
    const finished = after.runs.filter((r) => r.status === "FINISHED");
    expect(finished.length).toBeGreaterThanOrEqual(
      child.lines.filter((l) => l.startsWith("run ")).length,
    );
    for (const r of finished) expect(r).toMatchObject({ params: 1, metrics: 100, tags: 1 });
    // The run being written when the kill came is either untouched or has its whole batch.
    for (const r of after.runs.filter((x) => x.status === "RUNNING"))
      expect([0, 100]).toContain(r.metrics);
    // The store opens and accepts writes again.
    const again = new Database(dbPath);
    again.prepare("UPDATE runs SET status = 'KILLED' WHERE status = 'RUNNING'").run();
    again.close();
  }, 20_000);
});

describe("lab 19 run store: two writer processes at once", () => {
  it("both finish, every row is there, no SQLITE_BUSY (busy_timeout; migrations raced safely)", async () => {
    const dbPath = tempDb(); // a NEW file: both processes also race to migrate it
    const startAt = String(Date.now() + 2500); // after both have loaded
    const a = start(REFERENCE, dbPath, "writer", "a", "150", startAt);
    const b = start(REFERENCE, dbPath, "writer", "b", "150", startAt);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.stderr + eb.stderr).toBe("");
    expect([ea.code, eb.code]).toEqual([0, 0]);
    expect(a.lines).toContain("done 150 0");
    expect(b.lines).toContain("done 150 0");
    const after = inspect(dbPath);
    expect(after.integrity).toBe("ok");
    expect(after.runs.length).toBe(300);
    for (const r of after.runs)
      expect(r).toMatchObject({ status: "FINISHED", params: 2, metrics: 20 });
  }, 30_000);

  it("a writer waits for another process's lock (busy_timeout) …", async () => {
    const dbPath = tempDb();
    // Both load first; the holder locks at once, the writer starts writing at startAt.
    const startAt = String(Date.now() + 3000);
    const holder = start(REFERENCE, dbPath, "hold", "h", "0", startAt);
    await holder.waitFor(/^locked$/);
    const writer = start(REFERENCE, dbPath, "writer", "b", "3", startAt);
    const end = await writer.exited;
    expect(end.code).toBe(0);
    expect(writer.lines).toContain("done 3 0");
    expect(holder.lines).toContain("released");
  }, 30_000);

  it("… while with busy_timeout 0 it gets SQLITE_BUSY (the test can fail)", async () => {
    const dbPath = tempDb();
    // Both load first; the holder locks at once, the writer starts writing at startAt.
    const startAt = String(Date.now() + 3000);
    const holder = start(REFERENCE, dbPath, "hold", "h", "0", startAt);
    await holder.waitFor(/^locked$/);
    const writer = start(NO_BUSY_TIMEOUT, dbPath, "writer", "b", "3", startAt);
    const end = await writer.exited;
    await holder.exited;
    // Its first write (getOrCreateExperiment) fails at once: the process dies with SQLITE_BUSY.
    expect(end.code).not.toBe(0);
    expect(end.stderr).toMatch(/SQLITE_BUSY|database is locked/);
  }, 30_000);
});
