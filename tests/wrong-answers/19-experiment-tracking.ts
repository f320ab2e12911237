import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import Database from "better-sqlite3";
import * as solution from "../../solutions/19-experiment-tracking";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
type Db = solution.Db;
const {
  MIGRATIONS,
  getRun,
  parseFilter,
  parseOrderBy,
  startRun,
  endRun,
  logParam,
  logMetric,
  setTag,
} = solution;

/** openStore with a twist: which pragmas, and how migrations run. */
function openWith(
  dbPath: string,
  migrations: readonly string[],
  o: {
    wal?: boolean;
    busy?: boolean;
    everyOpen?: boolean;
    noTransaction?: boolean;
    noVersion?: boolean;
    leak?: boolean;
  },
): Db {
  fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  // better-sqlite3 waits 5 s by default (its `timeout` option); { timeout: 0 } fails at once.
  const db = new Database(dbPath, o.busy === false ? { timeout: 0 } : {});
  try {
    if (o.wal !== false) db.pragma("journal_mode = WAL");
    if (o.busy !== false) db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    const current = o.everyOpen ? 0 : (db.pragma("user_version", { simple: true }) as number);
    if (current > migrations.length) throw new Error("newer schema");
    for (let v = current; v < migrations.length; v++) {
      const apply = () => {
        db.exec(migrations[v]);
        if (!o.noVersion) db.pragma(`user_version = ${v + 1}`);
      };
      if (o.noTransaction) apply();
      else db.transaction(apply)();
    }
    return db;
  } catch (err) {
    if (!o.leak) db.close();
    throw err;
  }
}

/** A searchRuns that pastes values into the SQL text. */
function concatenatedSearch(db: Db, experimentIds: number[], options: solution.SearchOptions = {}) {
  const where = [`r.experiment_id IN (${experimentIds.join(", ")})`];
  for (const c of parseFilter(options.filter ?? "")) {
    const value = typeof c.value === "number" ? String(c.value) : `'${c.value}'`;
    const lhs =
      c.entity === "attributes"
        ? `r.${c.key}`
        : c.entity === "metrics"
          ? `(SELECT value FROM metrics m WHERE m.run_id = r.run_id AND m.key = '${c.key}' ORDER BY step DESC, timestamp DESC, rowid DESC LIMIT 1)`
          : `(SELECT value FROM ${c.entity} x WHERE x.run_id = r.run_id AND x.key = '${c.key}')`;
    where.push(`${lhs} ${c.op} ${value}`);
  }
  const order: string[] = [];
  for (const term of options.orderBy ?? []) {
    const t = parseOrderBy(term);
    const expr =
      t.entity === "attributes"
        ? `r.${t.key}`
        : t.entity === "metrics"
          ? `(SELECT value FROM metrics m WHERE m.run_id = r.run_id AND m.key = '${t.key}' ORDER BY step DESC, timestamp DESC, rowid DESC LIMIT 1)`
          : `(SELECT value FROM ${t.entity} x WHERE x.run_id = r.run_id AND x.key = '${t.key}')`;
    order.push(`${expr} IS NULL`, `${expr} ${t.ascending ? "ASC" : "DESC"}`);
  }
  order.push("r.start_time DESC", "r.run_id");
  const rows = db
    .prepare(
      `SELECT run_id FROM runs r WHERE ${where.join(" AND ")} ORDER BY ${order.join(", ")} LIMIT ${options.maxResults ?? 1000}`,
    )
    .all() as { run_id: string }[];
  return rows.map((r) => getRun(db, r.run_id) as solution.RunRecord);
}

/** searchRuns over whole-table reads in JS, with a choice of which metric value counts. */
function jsSearch(
  db: Db,
  experimentIds: number[],
  options: solution.SearchOptions,
  o: { metricValue?: "first" | "latest"; nullsFirst?: boolean; allExperiments?: boolean },
) {
  const runs = (
    db.prepare("SELECT run_id, experiment_id, start_time FROM runs").all() as {
      run_id: string;
      experiment_id: number;
      start_time: number;
    }[]
  ).filter((r) => o.allExperiments || experimentIds.includes(r.experiment_id));
  const metric = (runId: string, key: string) => {
    const rows = db
      .prepare(
        "SELECT value FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, rowid",
      )
      .all(runId, key) as { value: number }[];
    if (rows.length === 0) return undefined;
    return o.metricValue === "first" ? rows[0].value : rows[rows.length - 1].value;
  };
  const entityValue = (runId: string, entity: string, key: string): number | string | undefined => {
    const run = getRun(db, runId) as solution.RunRecord;
    if (entity === "metrics") return metric(runId, key);
    if (entity === "params") return run.data.params[key];
    if (entity === "tags") return run.data.tags[key];
    return key === "status" ? run.info.status : key === "run_name" ? run.info.runName : undefined;
  };
  const compare = (a: number | string, op: string, b: number | string) =>
    op === "="
      ? a === b
      : op === "!="
        ? a !== b
        : op === "<"
          ? a < b
          : op === "<="
            ? a <= b
            : op === ">"
              ? a > b
              : a >= b;
  const clauses = parseFilter(options.filter ?? "");
  const kept = runs.filter((r) =>
    clauses.every((c) => {
      const v = entityValue(r.run_id, c.entity, c.key);
      return v !== undefined && compare(v, c.op, c.value);
    }),
  );
  const terms = (options.orderBy ?? []).map(parseOrderBy);
  kept.sort((x, y) => {
    for (const t of terms) {
      const a = entityValue(x.run_id, t.entity, t.key);
      const b = entityValue(y.run_id, t.entity, t.key);
      if (a === undefined && b === undefined) continue;
      if (a === undefined) return o.nullsFirst ? -1 : 1;
      if (b === undefined) return o.nullsFirst ? 1 : -1;
      if (a !== b) return (a < b ? -1 : 1) * (t.ascending ? 1 : -1);
    }
    return y.start_time - x.start_time || (x.run_id < y.run_id ? -1 : 1);
  });
  return kept
    .slice(0, options.maxResults ?? 1000)
    .map((r) => getRun(db, r.run_id) as solution.RunRecord);
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // open-store
  {
    exercise: "open-store",
    mistake: "no WAL (the default rollback journal)",
    impl: { openStore: (p, m = MIGRATIONS) => openWith(p, m, { wal: false }) },
    expectMessage: /journal_mode.*not WAL/,
  },
  {
    exercise: "open-store",
    mistake: "busy timeout 0 (fail fast): a concurrent writer fails with SQLITE_BUSY",
    impl: { openStore: (p, m = MIGRATIONS) => openWith(p, m, { busy: false }) },
    expectMessage: /busy_timeout/,
  },
  {
    exercise: "open-store",
    mistake: "migrations run on every open (user_version ignored)",
    impl: { openStore: (p, m = MIGRATIONS) => openWith(p, m, { everyOpen: true }) },
    expectMessage: /already exists|only the migrations above/,
  },
  {
    exercise: "open-store",
    mistake: "migrations not in a transaction (a failing one is half-applied)",
    impl: { openStore: (p, m = MIGRATIONS) => openWith(p, m, { noTransaction: true }) },
    expectMessage: /half its work/,
  },
  {
    exercise: "open-store",
    mistake: "the connection is not closed when a migration fails",
    impl: { openStore: (p, m = MIGRATIONS) => openWith(p, m, { leak: true }) },
    expectMessage: /left its database connection open/,
  },
  {
    exercise: "open-store",
    mistake: "user_version never set",
    impl: { openStore: (p, m = MIGRATIONS) => openWith(p, m, { noVersion: true }) },
    expectMessage: /user_version/,
  },
  // git-commit
  {
    exercise: "git-commit",
    mistake: "returns HEAD's text instead of following the ref",
    impl: {
      gitCommit: (dir = process.cwd()) => {
        for (let d = path.resolve(dir); ; d = path.dirname(d)) {
          const head = path.join(d, ".git", "HEAD");
          if (fs.existsSync(head)) return fs.readFileSync(head, "utf8").trim();
          if (path.dirname(d) === d) return "unknown";
        }
      },
    },
    expectMessage: /HEAD's text/,
  },
  {
    exercise: "git-commit",
    mistake: "ignores packed-refs",
    impl: {
      gitCommit: (dir = process.cwd()) => {
        const packed = path.join(path.resolve(dir), ".git", "packed-refs");
        if (fs.existsSync(packed)) return "unknown";
        return solution.gitCommit(dir);
      },
    },
    expectMessage: /packed-refs/,
  },
  {
    exercise: "git-commit",
    mistake: "looks only in dir itself (no walking up)",
    impl: {
      gitCommit: (dir = process.cwd()) =>
        fs.existsSync(path.join(dir, ".git")) ? solution.gitCommit(dir) : "unknown",
    },
    expectMessage: /walk up/,
  },
  {
    exercise: "git-commit",
    mistake: "throws outside a git checkout",
    impl: {
      gitCommit: (dir = process.cwd()) => {
        const commit = solution.gitCommit(dir);
        if (commit === "unknown") throw new Error("not a git repository");
        return commit;
      },
    },
    expectMessage: /never throw/,
  },
  {
    exercise: "git-commit",
    mistake: "a .git file (worktree) not followed",
    impl: {
      gitCommit: (dir = process.cwd()) => {
        const dotGit = path.join(path.resolve(dir), ".git");
        if (fs.existsSync(dotGit) && fs.statSync(dotGit).isFile()) return "unknown";
        return solution.gitCommit(dir);
      },
    },
    expectMessage: /gitdir/,
  },
  // runs
  {
    exercise: "runs",
    mistake: "withRun without try/finally: the run stays RUNNING after an exception",
    impl: {
      withRun: (db, experimentId, options, fn) => {
        const runId = startRun(db, experimentId, options);
        const result = fn(runId);
        endRun(db, runId, "FINISHED");
        return result;
      },
    },
    expectMessage: /left the run RUNNING/,
  },
  {
    exercise: "runs",
    mistake: "withRun swallows the error",
    impl: {
      withRun: (db, experimentId, options, fn) => {
        const runId = startRun(db, experimentId, options);
        try {
          const result = fn(runId);
          endRun(db, runId, "FINISHED");
          return result;
        } catch {
          endRun(db, runId, "FAILED");
          return undefined as never;
        }
      },
    },
    expectMessage: /rethrow/,
  },
  {
    exercise: "runs",
    mistake: "withRun marks a failed run FINISHED",
    impl: {
      withRun: (db, experimentId, options, fn) => {
        const runId = startRun(db, experimentId, options);
        try {
          return fn(runId);
        } finally {
          endRun(db, runId, "FINISHED");
        }
      },
    },
    expectMessage: /FAILED/,
  },
  {
    exercise: "runs",
    mistake: "startRun writes the run and its tags without a transaction",
    impl: {
      startRun: (db, experimentId, options = {}) => {
        const runId = randomUUID().replace(/-/g, "");
        db.prepare(
          "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, end_time, git_commit) VALUES (?, ?, ?, 'RUNNING', ?, NULL, ?)",
        ).run(
          runId,
          experimentId,
          options.runName ?? `run-${runId.slice(0, 8)}`,
          Date.now(),
          options.gitCommit ?? "unknown",
        );
        for (const [k, v] of Object.entries(options.tags ?? {}))
          db.prepare("INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)").run(runId, k, v);
        return runId;
      },
    },
    expectMessage: /ONE transaction/,
  },
  {
    exercise: "runs",
    mistake: "getOrCreateExperiment always inserts",
    impl: {
      getOrCreateExperiment: (db, name) =>
        Number(
          db
            .prepare("INSERT INTO experiments (name, creation_time) VALUES (?, ?)")
            .run(name, Date.now()).lastInsertRowid,
        ),
    },
    expectMessage: /already exists|ON CONFLICT/,
  },
  {
    exercise: "runs",
    mistake: "endRun forgets end_time",
    impl: {
      endRun: (db, runId, status = "FINISHED") => {
        if (!["FINISHED", "FAILED", "KILLED"].includes(status)) throw new Error("bad status");
        const info = db.prepare("UPDATE runs SET status = ? WHERE run_id = ?").run(status, runId);
        if (info.changes === 0) throw new Error("no run");
      },
    },
    expectMessage: /end_time/,
  },
  // params-metrics-tags
  {
    exercise: "params-metrics-tags",
    mistake: "a param silently re-logged with a new value (INSERT OR REPLACE)",
    impl: {
      logParam: (db, runId, key, value) => {
        db.prepare("INSERT OR REPLACE INTO params (run_id, key, value) VALUES (?, ?, ?)").run(
          runId,
          key,
          String(value),
        );
      },
    },
    expectMessage: /silently re-logged/,
  },
  {
    exercise: "params-metrics-tags",
    mistake: "metrics overwritten instead of kept per step",
    impl: {
      logMetric: (db, runId, key, value, step = 0, timestamp = Date.now()) => {
        if (!Number.isFinite(value) || !Number.isInteger(step)) throw new Error("bad metric");
        db.prepare("DELETE FROM metrics WHERE run_id = ? AND key = ?").run(runId, key);
        logMetric(db, runId, key, value, step, timestamp);
      },
    },
    expectMessage: /overwritten instead of kept per step/,
  },
  {
    exercise: "params-metrics-tags",
    mistake: "SQL built by string concatenation (a quote breaks it)",
    impl: {
      logParam: (db, runId, key, value) => {
        const old = db
          .prepare(`SELECT value FROM params WHERE run_id = '${runId}' AND key = '${key}'`)
          .get() as { value: string } | undefined;
        if (old && old.value !== String(value)) throw new Error(`param ${key} changed`);
        if (!old)
          db.exec(
            `INSERT INTO params (run_id, key, value) VALUES ('${runId}', '${key}', '${String(value)}')`,
          );
      },
    },
    expectMessage: /bound parameters/,
  },
  {
    exercise: "params-metrics-tags",
    mistake: "setTag refuses to overwrite",
    impl: {
      setTag: (db, runId, key, value) => {
        db.prepare("INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)").run(
          runId,
          key,
          String(value),
        );
      },
    },
    expectMessage: /setTag/,
  },
  {
    exercise: "params-metrics-tags",
    mistake: "logMetric stores NaN without complaint",
    impl: {
      logMetric: (db, runId, key, value, step = 0, timestamp = Date.now()) => {
        if (Number.isNaN(value)) return;
        logMetric(db, runId, key, value, step, timestamp);
      },
    },
    expectMessage: /NaN/,
  },
  // log-batch
  {
    exercise: "log-batch",
    mistake: "no transaction around the batch (half-written after a crash)",
    impl: {
      logBatch: (db, runId, batch) => {
        for (const [k, v] of Object.entries(batch.params ?? {})) logParam(db, runId, k, v);
        for (const m of batch.metrics ?? [])
          logMetric(db, runId, m.key, m.value, m.step ?? 0, m.timestamp ?? Date.now());
        for (const [k, v] of Object.entries(batch.tags ?? {})) setTag(db, runId, k, v);
      },
    },
    expectMessage: /half-written batch/,
  },
  {
    exercise: "log-batch",
    mistake: "each section in its own transaction",
    impl: {
      logBatch: (db, runId, batch) => {
        db.transaction(() => {
          for (const [k, v] of Object.entries(batch.params ?? {})) logParam(db, runId, k, v);
        })();
        db.transaction(() => {
          for (const m of batch.metrics ?? [])
            logMetric(db, runId, m.key, m.value, m.step ?? 0, m.timestamp ?? Date.now());
        })();
        db.transaction(() => {
          for (const [k, v] of Object.entries(batch.tags ?? {})) setTag(db, runId, k, v);
        })();
      },
    },
    expectMessage: /half-written batch|ONE transaction/,
  },
  {
    exercise: "log-batch",
    mistake: "errors swallowed inside the batch",
    impl: {
      logBatch: (db, runId, batch) => {
        db.transaction(() => {
          for (const [k, v] of Object.entries(batch.params ?? {}))
            try {
              logParam(db, runId, k, v);
            } catch {}
          for (const m of batch.metrics ?? [])
            try {
              logMetric(db, runId, m.key, m.value, m.step ?? 0, m.timestamp ?? Date.now());
            } catch {}
          for (const [k, v] of Object.entries(batch.tags ?? {})) setTag(db, runId, k, v);
        })();
      },
    },
    expectMessage: /should throw/,
  },
  // log-artifact
  {
    exercise: "log-artifact",
    mistake: "records the original path without copying",
    impl: {
      logArtifact: (db, runId, localPath, artifactPath = path.basename(localPath)) => {
        db.prepare(
          "INSERT OR REPLACE INTO artifacts (run_id, path, size_bytes, sha256) VALUES (?, ?, 0, '')",
        ).run(runId, artifactPath);
        return localPath;
      },
    },
    expectMessage: /COPY/,
  },
  {
    exercise: "log-artifact",
    mistake: "no check of '..' in the artifact path",
    impl: {
      logArtifact: (db, runId, localPath, artifactPath = path.basename(localPath)) => {
        const relative = artifactPath
          .split(/[\\/]/)
          .filter((p) => p !== "" && p !== ".")
          .join("/");
        const target = solution.artifactLocation(db, runId, relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(localPath, target);
        const bytes = fs.readFileSync(target);
        db.prepare(
          "INSERT OR REPLACE INTO artifacts (run_id, path, size_bytes, sha256) VALUES (?, ?, ?, ?)",
        ).run(runId, relative, bytes.length, createHash("sha256").update(bytes).digest("hex"));
        return target;
      },
    },
    expectMessage: /outside the run's folder/,
  },
  // search-runs
  {
    exercise: "search-runs",
    mistake: "SQL built by string concatenation (injection)",
    impl: { searchRuns: concatenatedSearch },
    expectMessage: /bound parameters|bind every value|injection/,
  },
  {
    exercise: "search-runs",
    mistake: "the first logged metric value instead of the latest",
    impl: {
      searchRuns: (db, ids, options = {}) => jsSearch(db, ids, options, { metricValue: "first" }),
    },
    expectMessage: /LATEST|latest value/,
  },
  {
    exercise: "search-runs",
    mistake: "runs without the metric first",
    impl: {
      searchRuns: (db, ids, options = {}) => jsSearch(db, ids, options, { nullsFirst: true }),
    },
    expectMessage: /LAST/,
  },
  {
    exercise: "search-runs",
    mistake: "experiment ids ignored",
    impl: {
      searchRuns: (db, ids, options = {}) => jsSearch(db, ids, options, { allExperiments: true }),
    },
    expectMessage: /given experiment/,
  },
  {
    exercise: "search-runs",
    mistake: "best run chosen by the wrong direction (max loss)",
    impl: {
      bestRun: (db, experimentId, metric) =>
        solution.searchRuns(db, [experimentId], {
          filter: `attributes.status = 'FINISHED' and metrics.\`${metric}\` > -1e308`,
          orderBy: [`metrics.\`${metric}\` DESC`],
          maxResults: 1,
        })[0],
    },
    expectMessage: /HIGHEST loss/,
  },
  {
    exercise: "search-runs",
    mistake: "best run among all runs, failed ones included",
    impl: {
      bestRun: (db, experimentId, metric, goal) =>
        solution.searchRuns(db, [experimentId], {
          filter: `metrics.\`${metric}\` > -1e308`,
          orderBy: [`metrics.\`${metric}\` ${goal === "min" ? "ASC" : "DESC"}`],
          maxResults: 1,
        })[0],
    },
    expectMessage: /only FINISHED runs/,
  },
  {
    exercise: "search-runs",
    mistake: "metric history keeps one value per step",
    impl: {
      metricHistory: (db, runId, metric) => {
        const byStep = new Map<number, solution.MetricPoint>();
        for (const p of solution.metricHistory(db, runId, metric)) byStep.set(p.step, p);
        return [...byStep.values()];
      },
    },
    expectMessage: /also two at the same step/,
  },
  // tracked-search
  {
    exercise: "tracked-search",
    mistake: "a failing trial stops the search",
    impl: {
      trackedSearch: (db, experimentId, candidates, evaluate, options) =>
        candidates.map((params, i) =>
          solution.withRun(
            db,
            experimentId,
            {
              runName: `trial-${i + 1}`,
              tags: { [solution.DATA_HASH_TAG]: options.dataHash },
              gitCommit: options.gitCommit,
            },
            (runId) => {
              solution.logBatch(db, runId, { params: { ...params, seed: options.seed } });
              const scores = evaluate(params, options.seed);
              solution.logBatch(db, runId, {
                metrics: [
                  ...scores.map((value, step) => ({ key: solution.FOLD_METRIC, value, step })),
                  { key: solution.MEAN_METRIC, value: mean(scores), step: 0 },
                ],
              });
              return runId;
            },
          ),
        ),
    },
    expectMessage: /FAILED run, and the search must go on/,
  },
  {
    exercise: "tracked-search",
    mistake: "seed not logged",
    impl: {
      trackedSearch: (db, experimentId, candidates, evaluate, options) => {
        const ids: string[] = [];
        candidates.forEach((params, i) => {
          try {
            solution.withRun(
              db,
              experimentId,
              {
                runName: `trial-${i + 1}`,
                tags: { [solution.DATA_HASH_TAG]: options.dataHash },
                gitCommit: options.gitCommit,
              },
              (runId) => {
                ids.push(runId);
                solution.logBatch(db, runId, { params });
                const scores = evaluate(params, options.seed);
                solution.logBatch(db, runId, {
                  metrics: [
                    ...scores.map((value, step) => ({ key: solution.FOLD_METRIC, value, step })),
                    { key: solution.MEAN_METRIC, value: mean(scores), step: 0 },
                  ],
                });
              },
            );
          } catch {}
        });
        return ids;
      },
    },
    expectMessage: /Log the seed/,
  },
  {
    exercise: "tracked-search",
    mistake: "fold scores all at step 0",
    impl: {
      trackedSearch: (db, experimentId, candidates, evaluate, options) => {
        const ids: string[] = [];
        candidates.forEach((params, i) => {
          try {
            solution.withRun(
              db,
              experimentId,
              {
                runName: `trial-${i + 1}`,
                tags: { [solution.DATA_HASH_TAG]: options.dataHash },
                gitCommit: options.gitCommit,
              },
              (runId) => {
                ids.push(runId);
                solution.logBatch(db, runId, { params: { ...params, seed: options.seed } });
                const scores = evaluate(params, options.seed);
                solution.logBatch(db, runId, {
                  metrics: [
                    ...scores.map((value) => ({ key: solution.FOLD_METRIC, value, step: 0 })),
                    { key: solution.MEAN_METRIC, value: mean(scores), step: 0 },
                  ],
                });
              },
            );
          } catch {}
        });
        return ids;
      },
    },
    expectMessage: /step = fold index|fold index as the step/,
  },
  // reproduce-run
  {
    exercise: "reproduce-run",
    mistake: "reproducing with a different seed",
    impl: {
      reproduceRun: (db, runId, evaluate, dataHash) => {
        const run = getRun(db, runId) as solution.RunRecord;
        if (run.data.tags[solution.DATA_HASH_TAG] !== dataHash)
          throw new Error("data hash changed");
        const params: solution.Params = {};
        for (const [k, v] of Object.entries(run.data.params))
          if (k !== "seed") params[k] = Number(v);
        const reproduced = mean(evaluate(params, 0));
        const recorded = run.data.metrics[solution.MEAN_METRIC];
        return { params, seed: 0, recorded, reproduced, matches: reproduced === recorded };
      },
    },
    expectMessage: /different seed/,
  },
  {
    exercise: "reproduce-run",
    mistake: "no data-hash check",
    impl: {
      reproduceRun: (db, runId, evaluate) => {
        const run = getRun(db, runId) as solution.RunRecord;
        const params: solution.Params = {};
        for (const [k, v] of Object.entries(run.data.params))
          if (k !== "seed") params[k] = Number(v);
        const seed = Number(run.data.params.seed);
        const reproduced = mean(evaluate(params, seed));
        const recorded = run.data.metrics[solution.MEAN_METRIC];
        return { params, seed, recorded, reproduced, matches: reproduced === recorded };
      },
    },
    expectMessage: /DIFFERENT data/,
  },
  {
    exercise: "reproduce-run",
    mistake: "params passed as strings",
    impl: {
      reproduceRun: (db, runId, evaluate, dataHash) => {
        const run = getRun(db, runId) as solution.RunRecord;
        if (run.data.tags[solution.DATA_HASH_TAG] !== dataHash)
          throw new Error("data hash changed");
        const params = Object.fromEntries(
          Object.entries(run.data.params).filter(([k]) => k !== "seed"),
        ) as unknown as solution.Params;
        const seed = Number(run.data.params.seed);
        const reproduced = mean(evaluate(params, seed));
        const recorded = run.data.metrics[solution.MEAN_METRIC];
        return { params, seed, recorded, reproduced, matches: reproduced === recorded };
      },
    },
    expectMessage: /k must be a number|as numbers/,
  },
];
