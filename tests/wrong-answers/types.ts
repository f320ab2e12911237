/**
 * A known-wrong answer: a plausible learner mistake that a check must reject. The course
 * self-check swaps `impl` into the reference solution and expects that exercise to fail,
 * with a message matching `expectMessage` when given (so failure messages stay helpful).
 */
export interface WrongAnswer<M> {
  exercise: string;
  mistake: string;
  impl: Partial<M>;
  /** Matched against the failure's message + likely cause. */
  expectMessage?: RegExp;
}
