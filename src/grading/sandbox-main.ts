import { parentPort } from "node:worker_threads";
import { runExerciseCheck } from "./run-check";
import type { SandboxReply, SandboxRequest, UnitRef } from "./sandbox";
import type { LabDefinition } from "./types";

/** The same protocol over a worker's port or a child process's IPC channel. */
const channel = parentPort
  ? {
      on: (fn: (m: SandboxRequest) => void) => parentPort?.on("message", fn),
      send: (m: SandboxReply) => parentPort?.postMessage(m),
    }
  : process.send
    ? {
        on: (fn: (m: SandboxRequest) => void) =>
          process.on("message", (m) => fn(m as SandboxRequest)),
        send: (m: SandboxReply) => process.send?.(m),
      }
    : undefined;
if (!channel) throw new Error("sandbox-main must run in a worker thread or a forked process");

let loaded: { unit: LabDefinition<unknown>; mod: unknown } | undefined;

/** Loads a unit definition named by a UnitRef. */
function loadDefinition(ref: UnitRef): LabDefinition<unknown> {
  const mod = require(ref.path) as Record<string, LabDefinition<unknown> | undefined>;
  const unit = mod[ref.exportName];
  if (!unit) throw new Error(`${ref.path} does not export a unit named ${ref.exportName}.`);
  return unit;
}

/** First a "load" (the learner's file, timed separately), then one "check" per exercise. */
channel.on(async (req) => {
  let reply: SandboxReply;
  if (req.kind === "load") {
    try {
      const unit = loadDefinition(req.ref);
      loaded = { unit, mod: req.loadModule ? (require(req.modulePath) as unknown) : undefined };
      reply = { kind: "loaded" };
    } catch (err) {
      reply = { kind: "load-error", message: err instanceof Error ? err.message : String(err) };
    }
  } else {
    if (!loaded) throw new Error("check requested before load");
    const exercise = loaded.unit.exercises.find((e) => e.id === req.exerciseId);
    if (!exercise) throw new Error(`unknown exercise ${req.exerciseId}`);
    const result = await runExerciseCheck(loaded.unit, exercise, loaded.mod, {
      artifactDir: req.artifactDir,
      onProgress: (event) => channel.send({ kind: "progress", event }),
    });
    reply = { kind: "result", result };
  }
  channel.send(reply);
});
