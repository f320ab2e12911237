/** The reference run store, except that a locked database fails at once (timeout 0). */
import * as reference from "../../../solutions/19-experiment-tracking";

export * from "../../../solutions/19-experiment-tracking";

export function openStore(dbPath: string, migrations = reference.MIGRATIONS): reference.Db {
  const db = reference.openStore(dbPath, migrations);
  db.pragma("busy_timeout = 0");
  return db;
}
