import * as fs from "node:fs";
import * as path from "node:path";
import type { WrongAnswer } from "./types";

/**
 * A unit's known-wrong answers: `tests/wrong-answers/<unit id>.ts` exporting `wrongAnswers`.
 * Found by file name, so adding a lab needs no registry here; a unit without the file has
 * none (and the course self-check then fails: every exercise needs at least one).
 */
export async function wrongAnswersFor(unitId: string): Promise<WrongAnswer<never>[]> {
  const file = path.join(__dirname, `${unitId}.ts`);
  if (!fs.existsSync(file)) return [];
  const mod = (await import(file)) as { wrongAnswers?: WrongAnswer<never>[] };
  if (!Array.isArray(mod.wrongAnswers))
    throw new Error(`${file} must export an array named wrongAnswers.`);
  return mod.wrongAnswers;
}
