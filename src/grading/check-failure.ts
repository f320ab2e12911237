/** What a failed check tells the learner: what went wrong, expected vs got, and a likely cause. */
export interface FailureDetails {
  /** One sentence: what is wrong, e.g. "mseLoss returned the wrong value on a 3-sample example." */
  message: string;
  expected?: string;
  got?: string;
  /** The most likely mistake, phrased as a question or a suggestion. */
  likelyCause?: string;
}

/** Thrown by checks (through the `expect*` helpers) when the learner's answer is wrong. */
export class CheckFailure extends Error {
  readonly details: FailureDetails;
  constructor(details: FailureDetails) {
    super(details.message);
    this.name = "CheckFailure";
    this.details = details;
  }
}

export function isCheckFailure(err: unknown): err is CheckFailure {
  return err instanceof Error && err.name === "CheckFailure" && "details" in err;
}

/** Fails the check now. */
export function fail(details: FailureDetails): never {
  throw new CheckFailure(details);
}
