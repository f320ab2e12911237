/**
 * The exam's scoring process. It never imports the learner's code: it reads the saved model
 * folder, validates it against the task's contract, and scores it on held-out data.
 * argv: score-main.ts <modelDir> <taskId> <variantId>; prints one JSON line (a ScoreOutcome).
 */
import { scoreSavedModel } from "./scoring";

const [, , , modelDir, taskId, variantId] = process.argv;
scoreSavedModel(modelDir!, taskId!, variantId!).then(
  (outcome) => {
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stdout.write(
      `${JSON.stringify({ score: 0, metric: null, reason: `The grader could not score this model: ${err instanceof Error ? err.message : String(err)}` })}\n`,
    );
    process.exit(0);
  },
);
