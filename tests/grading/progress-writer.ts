/**
 * Test helper: one of many processes writing the same progress file at once. Usage:
 *   progress-writer.ts <file> <index> <go-file> <rounds>
 * Signals `<go-file>.ready-<index>` once loaded, waits for `<go-file>` so all writers start
 * together, then per round records its own exercise and a shared one, and counts a hint on
 * the shared one. Exits 1 if a save reports failure.
 */
import * as fs from "node:fs";
import { recordResults, updateExercise } from "../../src/grading/progress";
import type { CheckResult } from "../../src/grading/types";

const [file, index, goFile, rounds] = process.argv.slice(2);
const result = (labId: string, exerciseId: string): CheckResult => ({
  labId,
  exerciseId,
  title: exerciseId,
  status: "passed",
  points: 1,
  maxPoints: 1,
  message: "",
  durationMs: 1,
  score: 1,
  startedAt: new Date().toISOString(),
});

fs.writeFileSync(`${goFile}.ready-${index}`, "");
while (!fs.existsSync(goFile)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
let failures = 0;
for (let round = 0; round < Number(rounds); round++) {
  const own = result(`lab-${Number(index) % 4}`, `own-${index}`);
  const saved = recordResults([own, result("lab-shared", "shared")], {
    startedAt: new Date().toISOString(),
    file,
  });
  const hint = updateExercise(
    "lab-shared",
    "shared",
    (e) => {
      e.hintsShown += 1;
    },
    file,
  );
  for (const s of [saved, hint]) {
    if (!s.saved) {
      console.error(s.reason);
      failures++;
    }
  }
}
process.exitCode = failures > 0 ? 1 : 0;
