/**
 * From whatever JSON is on disk to the current schema: validate by version, migrate older
 * versions, and recognise files from a newer ml-cert-labs instead of calling them damaged.
 */
import type { z } from "zod";
import {
  CURRENT_SCHEMA_VERSION,
  type ProgressFile,
  type ProgressV1,
  progressSchema,
  progressV1Schema,
} from "./schema";

export type ParsedProgress =
  | { kind: "ok"; progress: ProgressFile; fromVersion: number }
  | { kind: "newer"; version: number }
  | { kind: "damaged"; problem: string };

/** Parses the text of a progress file; never throws. */
export function parseProgressText(text: string): ParsedProgress {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { kind: "damaged", problem: `not valid JSON (${(err as Error).message})` };
  }
  const version = versionOf(raw);
  if (version === undefined) return { kind: "damaged", problem: "no schemaVersion" };
  if (version > CURRENT_SCHEMA_VERSION) return { kind: "newer", version };
  if (version === 1) {
    const v1 = progressV1Schema.safeParse(raw);
    return v1.success
      ? { kind: "ok", progress: migrateV1(v1.data), fromVersion: 1 }
      : damaged(v1.error);
  }
  if (version === CURRENT_SCHEMA_VERSION) {
    const v2 = progressSchema.safeParse(raw);
    return v2.success ? { kind: "ok", progress: v2.data, fromVersion: version } : damaged(v2.error);
  }
  return { kind: "damaged", problem: `unknown schemaVersion ${version}` };
}

/** v1 stored `version`, v2 on `schemaVersion`; anything but a positive integer is unknown. */
function versionOf(raw: unknown): number | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const v = record.schemaVersion ?? record.version;
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined;
}

function damaged(error: z.ZodError): ParsedProgress {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  return { kind: "damaged", problem: `${issue.message}${where}` };
}

/**
 * v1 → v2. v1 kept no history and no start times: the attempt count carries over, the
 * history starts empty, and the last check time stands in for when the status was set.
 */
export function migrateV1(v1: ProgressV1): ProgressFile {
  const labs: ProgressFile["labs"] = {};
  for (const [labId, exercises] of Object.entries(v1.labs)) {
    labs[labId] = {};
    for (const [exerciseId, e] of Object.entries(exercises)) {
      labs[labId][exerciseId] = {
        status: e.status,
        score: e.status === "passed" ? 1 : 0,
        bestScore: e.firstPassedAt || e.status === "passed" ? 1 : 0,
        firstPassedAt: e.firstPassedAt,
        lastCheckedAt: e.lastCheckedAt,
        currentSince: e.lastCheckedAt,
        hintsShown: e.hintsShown,
        solutionShown: e.solutionShown,
        attemptCount: e.attempts,
        attempts: [],
      };
    }
  }
  return { schemaVersion: CURRENT_SCHEMA_VERSION, labs, exams: {} };
}
