/** The reference run store, except that logBatch writes row by row with no transaction. */
import * as reference from "../../../solutions/19-experiment-tracking";

export * from "../../../solutions/19-experiment-tracking";

export function logBatch(db: reference.Db, runId: string, batch: reference.Batch): void {
  for (const [key, value] of Object.entries(batch.params ?? {}))
    reference.logParam(db, runId, key, value);
  for (const m of batch.metrics ?? [])
    reference.logMetric(db, runId, m.key, m.value, m.step ?? 0, m.timestamp ?? Date.now());
  for (const [key, value] of Object.entries(batch.tags ?? {}))
    reference.setTag(db, runId, key, value);
}
