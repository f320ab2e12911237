import { parentPort } from "node:worker_threads";
import { findExercise, findLab } from "../course/manifest";
import { loadDefinition, type WorkerReply, type WorkerRequest } from "./check-in-worker";
import { runExerciseCheck } from "./run-check";

if (!parentPort) throw new Error("check-worker-main must run in a worker thread");
const port = parentPort;
let loaded: { lab: ReturnType<typeof findLab>; mod: unknown } | undefined;

/** First a "load" (the learner's file, timed separately), then one "check" per exercise. */
port.on("message", async (req: WorkerRequest) => {
  let reply: WorkerReply;
  if (req.kind === "load") {
    try {
      const lab = req.definition ? loadDefinition(req.definition) : findLab(req.labId);
      loaded = { lab, mod: require(req.modulePath) as unknown };
      reply = { kind: "loaded" };
    } catch (err) {
      reply = { kind: "load-error", message: err instanceof Error ? err.message : String(err) };
    }
  } else {
    if (!loaded) throw new Error("check requested before load");
    const result = await runExerciseCheck(loaded.lab, findExercise(loaded.lab, req.exerciseId), loaded.mod as never);
    reply = { kind: "result", result };
  }
  port.postMessage(reply);
});
