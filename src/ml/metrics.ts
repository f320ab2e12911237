/**
 * Small classification helpers the notebooks use for reporting once a lab has taught the idea.
 * (Where a metric is itself an exercise, the learner writes it in the lab file instead.)
 */

/** Fraction of positions where yPred equals yTrue, in [0, 1]. Both arrays must have the same length. */
export function accuracy(yTrue: readonly number[], yPred: readonly number[]): number {
  if (yTrue.length !== yPred.length) {
    throw new Error(`accuracy: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}.`);
  }
  if (yTrue.length === 0) throw new Error("accuracy: no labels given.");
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/** Index of the largest value; ties go to the smallest index. -1 for an empty array. */
export function argmax(values: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > values[best]) best = i;
  return best;
}

/**
 * Confusion matrix counts: result[t][p] = number of samples of true class t predicted as p.
 * Labels must be integers in [0, nClasses).
 */
export function confusionMatrix(
  yTrue: readonly number[],
  yPred: readonly number[],
  nClasses: number,
): number[][] {
  if (yTrue.length !== yPred.length) {
    throw new Error(
      `confusionMatrix: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}.`,
    );
  }
  const counts = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (
      !Number.isInteger(t) ||
      !Number.isInteger(p) ||
      t < 0 ||
      p < 0 ||
      t >= nClasses ||
      p >= nClasses
    ) {
      throw new Error(
        `confusionMatrix: label pair (${t}, ${p}) at index ${i} is not an integer in [0, ${nClasses}).`,
      );
    }
    counts[t][p]++;
  }
  return counts;
}
