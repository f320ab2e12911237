/**
 * Wraps tslab's executor so a cell's outcome comes back as data instead of console output:
 * tslab prints the last expression with `console.log(value)`, a thrown error with
 * `console.error(err)` and type errors with `console.error("%s%d:%d - %s", …)` on the console
 * object it is given, so we give it one that records them.
 */
import * as util from "node:util";

/** What running one cell produced. */
export interface CellOutcome {
  ok: boolean;
  /** The value of the cell's last expression (tslab shows it only when not null/undefined). */
  hasValue: boolean;
  value?: unknown;
  /** The cell threw (or an awaited promise rejected, or it was interrupted). */
  threw: boolean;
  thrown?: unknown;
  /** TypeScript diagnostics, one line each ("line:col - message"). */
  diagnostics: string[];
}

/** The part of tslab's executor (dist/executor.js) we use. */
export interface CellExecutor {
  execute(code: string): Promise<boolean>;
  interrupt(): void;
  /** Added by `captureCellOutcomes`. */
  runCell(code: string): Promise<CellOutcome>;
}

interface ExecutorModule {
  createExecutor: (
    rootDir: string,
    convs: unknown,
    console: Pick<Console, "log" | "error">,
  ) => CellExecutor;
}

const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

/** Replace `createExecutor` in tslab's executor module (main.js calls it through the module). */
export function captureCellOutcomes(executorModule: ExecutorModule): void {
  const original = executorModule.createExecutor;
  executorModule.createExecutor = (rootDir, convs, fallback) => {
    let current: CellOutcome | undefined;
    const recorder: Pick<Console, "log" | "error"> = {
      log: (...args: unknown[]) => {
        if (current && args.length === 1) {
          current.hasValue = true;
          current.value = args[0];
        } else fallback.log(...args);
      },
      error: (...args: unknown[]) => {
        if (current && args[0] === DIAGNOSTIC_FORMAT) {
          current.diagnostics.push(util.format(...args));
        } else if (current && args.length === 1) {
          current.threw = true;
          current.thrown = args[0];
        } else fallback.error(...args);
      },
    };
    const executor = original(rootDir, convs, recorder);
    executor.runCell = async (code) => {
      const outcome: CellOutcome = { ok: false, hasValue: false, threw: false, diagnostics: [] };
      current = outcome;
      try {
        outcome.ok = await executor.execute(code);
      } catch (err) {
        // tslab catches everything itself; this is only a safety net.
        outcome.threw = true;
        outcome.thrown = err;
      } finally {
        current = undefined;
      }
      return outcome;
    };
    return executor;
  };
}

/** A last-expression value as text/plain: strings as they are (like console.log), others inspected. */
export function plainText(value: unknown): string {
  return typeof value === "string" ? value : util.inspect(value);
}
