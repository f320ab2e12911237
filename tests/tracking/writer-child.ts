/**
 * A writer process for tests/tracking/robustness.test.ts, run as
 *   node --require tsx/cjs writer-child.ts <module> <db> <mode> [name] [runs]
 * with <module> a run-store implementation (the reference solution, or a broken variant).
 *   pause:  logs one run whose batch of 200 metrics stops half-way (the 101st metric's value
 *           getter prints "mid-batch" and blocks for ever), so the parent can kill -9 it there.
 *   loop:   logs runs for ever (batch of 100 metrics, then FINISHED), printing each run id
 *           after it is finished.
 *   writer: waits until [startAt] (ms since 1970, so two writers start together), logs [runs]
 *           runs (batch of 20 metrics each), then prints "done <runs> <busy>".
 *   hold:   takes the write lock, prints "locked", holds it until 1 s after [startAt], commits.
 */
import * as fs from "node:fs";

type Store = typeof import("../../solutions/19-experiment-tracking");

const [modulePath, dbPath, mode, name = "w", runs = "50", startAt = "0"] = process.argv.slice(2);
const store = require(modulePath) as Store;
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const db = store.openStore(dbPath);
const experimentId = store.getOrCreateExperiment(db, "robustness");

const batch = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, step) => ({ key: `${prefix}`, value: step / n, step }));

if (mode === "pause") {
  const runId = store.startRun(db, experimentId, {
    runName: "killed mid-batch",
    gitCommit: "test",
  });
  const metrics: { key: string; value: number; step: number }[] = batch(200, "m");
  Object.defineProperty(metrics[100], "value", {
    get() {
      say(`mid-batch ${runId}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until SIGKILL
      return 0;
    },
  });
  store.logBatch(db, runId, { params: { k: 5 }, metrics, tags: { stage: "crash" } });
} else if (mode === "loop") {
  for (let i = 0; ; i++) {
    const runId = store.startRun(db, experimentId, { runName: `loop-${i}`, gitCommit: "test" });
    store.logBatch(db, runId, { params: { i }, metrics: batch(100, "m"), tags: { n: "100" } });
    store.endRun(db, runId, "FINISHED");
    say(`run ${runId}`);
  }
} else if (mode === "hold") {
  db.exec("BEGIN IMMEDIATE");
  store.setTag(db, store.startRun(db, experimentId, { gitCommit: "test" }), "held", "1");
  say("locked");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(startAt) + 1000 - Date.now());
  db.exec("COMMIT");
  db.close();
  say("released");
} else {
  const wait = Number(startAt) - Date.now();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  let busy = 0;
  let done = 0;
  for (let i = 0; i < Number(runs); i++) {
    try {
      store.withRun(db, experimentId, { runName: `${name}-${i}`, gitCommit: "test" }, (runId) =>
        store.logBatch(db, runId, { params: { i, writer: name }, metrics: batch(20, "m") }),
      );
      done++;
    } catch (err) {
      if (/SQLITE_BUSY|database is locked/i.test(String(err))) busy++;
      else throw err;
    }
  }
  db.close();
  say(`done ${done} ${busy}`);
}
