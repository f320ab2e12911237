/**
 * Thrown by `todo()` in an unfinished exercise. The grader reports such an exercise as
 * "not attempted" instead of "failed", so learners see which TODOs are still open.
 */
export class TodoError extends Error {
  constructor(what?: string) {
    super(what ? `Not implemented yet: ${what}` : "Not implemented yet");
    this.name = "TodoError";
  }
}

/**
 * Marks an exercise body you have not written yet. Replace `return todo();` with your code.
 * Its return type is `never`, so a stub compiles whatever the function should return.
 */
export function todo(what?: string): never {
  throw new TodoError(what);
}

/** True for a TodoError, also one thrown from another copy of this module (a worker, a kernel). */
export function isTodoError(err: unknown): boolean {
  return err instanceof Error && err.name === "TodoError";
}
