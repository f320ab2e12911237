import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "MLflow 2.x, sqlite3",
  rows: [
    {
      task: "a tracking store",
      ours: 'openStore("tracking/runs.db")',
      python: 'mlflow.set_tracking_uri("sqlite:///tracking/runs.db")',
      names: ["mlflow.set_tracking_uri"],
    },
    {
      task: "an experiment",
      ours: "getOrCreateExperiment(db, name)",
      python: "mlflow.set_experiment(name)",
      names: ["mlflow.set_experiment"],
    },
    {
      task: "a run that always ends",
      ours: "withRun(db, experimentId, { runName }, (runId) => …)",
      python: "with mlflow.start_run(run_name=name): …",
      note: "Both mark the run FAILED when the block throws.",
      names: ["mlflow.start_run"],
    },
    {
      task: "a parameter",
      ours: "logParam(db, runId, key, value)",
      python: "mlflow.log_param(key, value)",
      note: "MLflow also refuses to change a logged parameter.",
      names: ["mlflow.log_param"],
    },
    {
      task: "a metric at a step",
      ours: "logMetric(db, runId, key, value, step)",
      python: "mlflow.log_metric(key, value, step=step)",
      names: ["mlflow.log_metric"],
    },
    {
      task: "a tag",
      ours: "setTag(db, runId, key, value)",
      python: "mlflow.set_tag(key, value)",
      names: ["mlflow.set_tag"],
    },
    {
      task: "many values at once",
      ours: "logBatch(db, runId, { params, metrics, tags })",
      python: "MlflowClient().log_batch(run_id, metrics=…, params=…, tags=…)",
    },
    {
      task: "an artifact",
      ours: "logArtifact(db, runId, localPath)",
      python: "mlflow.log_artifact(local_path)",
      names: ["mlflow.log_artifact"],
    },
    {
      task: "search runs",
      ours: 'searchRuns(db, [id], { filter: "metrics.accuracy > 0.9", orderBy: ["metrics.accuracy DESC"] })',
      python:
        'mlflow.search_runs([id], filter_string="metrics.accuracy > 0.9", order_by=["metrics.accuracy DESC"])',
      names: ["mlflow.search_runs"],
    },
    {
      task: "a metric's history",
      ours: "metricHistory(db, runId, key)",
      python: "MlflowClient().get_metric_history(run_id, key)",
    },
    {
      task: "safe concurrent writes",
      ours: 'db.pragma("journal_mode = WAL")',
      python: 'sqlite3.connect(path, timeout=5).execute("PRAGMA journal_mode=WAL")',
      names: ["sqlite3.connect"],
    },
  ],
};
