/**
 * The exam's training process: imports the learner's task file, runs `solutionModel()`, and
 * saves the model it returns. Every `fit` reports its epochs to the parent (live progress and
 * the learning curves of the report) without the learner adding a callback.
 * argv: train-main.ts <taskFile> <outDir>
 */

import { requireTs } from "../require-ts";
import { ready, saveModel, tf } from "../tf";
import { withSeed } from "../tf/seed";

const send = (msg: object) => process.send?.(msg);

// If the exam CLI is killed (Ctrl+C, kill -9, a closed terminal), stop training too.
process.on("disconnect", () => process.exit(1));

function reportEpochs(): void {
  const proto = tf.LayersModel.prototype as unknown as {
    fit: (x: unknown, y: unknown, args?: tf.ModelFitArgs) => Promise<tf.History>;
  };
  const fit = proto.fit;
  proto.fit = function (this: tf.LayersModel, x: unknown, y: unknown, args: tf.ModelFitArgs = {}) {
    const reporter = {
      onEpochEnd: async (epoch: number, logs?: tf.Logs) => {
        send({ kind: "epoch", epoch, logs: logs ?? {} });
      },
    };
    const given = args.callbacks;
    const callbacks =
      given === undefined
        ? [reporter]
        : Array.isArray(given)
          ? [...given, reporter]
          : [given, reporter];
    return fit.call(this, x, y, { ...args, callbacks: callbacks as tf.ModelFitArgs["callbacks"] });
  };
}

async function main(): Promise<void> {
  const [, , , taskFile, outDir] = process.argv;
  await ready({ quiet: true });
  reportEpochs();
  const mod = requireTs(taskFile!) as { solutionModel?: () => unknown };
  if (typeof mod.solutionModel !== "function") {
    throw new Error(`${taskFile} does not export a function solutionModel().`);
  }
  // Same seed every submission, so resubmitting unchanged code trains the same model.
  const model = (await withSeed(20260501, () => mod.solutionModel!())) as
    | tf.LayersModel
    | undefined;
  if (
    !model ||
    typeof (model as { predict?: unknown }).predict !== "function" ||
    !Array.isArray(model.layers)
  ) {
    throw new Error(
      "solutionModel() must return the trained tf.LayersModel (it returned something else).",
    );
  }
  await saveModel(model, outDir!);
  send({ kind: "saved" });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const where = (e.stack ?? "").split("\n").find((l) => l.includes("/exam/task"));
    send({
      kind: "error",
      message: `${e.name === "Error" ? "" : `${e.name}: `}${e.message}${where ? ` (${where.trim()})` : ""}`,
    });
    process.exit(1);
  },
);
