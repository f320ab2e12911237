/**
 * Answers execute_request the way Jupyter front ends expect (tslab's own handler does not):
 * execution counts, execute_input, execute_result for the last expression, an `error`
 * message with a short traceback, ipykernel's stop_on_error semantics, and friendly skips
 * for cells that need an exercise the learner has not written yet (see todo-skips.ts).
 */
import { type CellExecutor, plainText } from "./cell-executor";
import type { KernelHistory } from "./history";
import { isTodoError, type SkipTracker } from "./todo-skips";
import { compileErrorFrom, type KernelError, kernelErrorFrom } from "./traceback";

export interface ExecuteRequestContent {
  code?: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

/** Where a cell's output goes: iopub messages that answer this request. */
export interface IopubSink {
  publish(msgType: string, content: Record<string, unknown>): void;
  writeStream(name: "stdout" | "stderr", text: string): void;
  /** tslab's display API calls this (through jupyter.lastWriteDisplayData). */
  writeDisplayData(data: Record<string, unknown>, update: boolean): void;
}

export type ExecuteReplyContent =
  | {
      status: "ok";
      execution_count: number;
      payload: unknown[];
      user_expressions: Record<string, unknown>;
    }
  | ({ status: "error"; execution_count: number } & KernelError)
  | { status: "abort" };

export interface ExecuteEngineOptions {
  executor: Pick<CellExecutor, "runCell">;
  history: KernelHistory;
  skips: SkipTracker;
  root: string;
  /** Makes tslab's `display` API write to the running cell (jupyter.lastWriteDisplayData). */
  setDisplayTarget(write: IopubSink["writeDisplayData"]): void;
}

const utf8 = new TextDecoder();

export class ExecuteEngine {
  private executionCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Requests received so far, and the number of those to abort after a stop_on_error failure. */
  private received = 0;
  private abortBefore = 0;

  constructor(private readonly options: ExecuteEngineOptions) {}

  /** Queue a request; cells run one at a time, in the order they arrived. */
  execute(request: ExecuteRequestContent, sink: IopubSink): Promise<ExecuteReplyContent> {
    const ticket = this.received++;
    const run = this.queue.then(() =>
      ticket < this.abortBefore ? ({ status: "abort" } as const) : this.run(request, sink),
    );
    this.queue = run.catch(() => {});
    return run;
  }

  private async run(request: ExecuteRequestContent, sink: IopubSink): Promise<ExecuteReplyContent> {
    const code = request.code ?? "";
    const silent = request.silent === true;
    if (request.store_history !== false && !silent) this.executionCount++;
    const count = this.executionCount;
    if (!silent) sink.publish("execute_input", { code, execution_count: count });
    // Like tslab (and ipykernel): output written after the cell ends still goes to this cell.
    process.stdout.write = streamTo(sink, "stdout");
    process.stderr.write = streamTo(sink, "stderr");
    this.options.setDisplayTarget(sink.writeDisplayData);
    const ok = (output: string | null): ExecuteReplyContent => {
      if (request.store_history !== false && !silent) this.options.history.add(count, code, output);
      return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
    };
    const showLine = (line: string) =>
      sink.writeDisplayData(
        { data: { "text/plain": line, "text/markdown": line }, metadata: {}, transient: {} },
        false,
      );

    const blocked = this.options.skips.skipIfBlocked(code);
    if (blocked !== undefined) {
      showLine(blocked);
      return ok(null);
    }
    const outcome = await this.options.executor.runCell(code);
    if (outcome.ok) {
      this.options.skips.cellRan(code);
      // `//%module` cells are registered even with type errors: tslab printed them, so do we.
      for (const d of outcome.diagnostics) sink.writeStream("stderr", `${d}\n`);
      let output: string | null = null;
      if (outcome.hasValue && !silent) {
        output = plainText(outcome.value);
        sink.publish("execute_result", {
          execution_count: count,
          data: { "text/plain": output },
          metadata: {},
        });
      }
      return ok(output);
    }
    if (outcome.threw && isTodoError(outcome.thrown)) {
      // Not an error: the learner has not got there yet. Run All must go on.
      showLine(this.options.skips.skipForTodo(code, outcome.thrown as Error));
      return ok(null);
    }
    const error = outcome.threw
      ? kernelErrorFrom(outcome.thrown, this.options.root)
      : outcome.diagnostics.length > 0
        ? compileErrorFrom(outcome.diagnostics)
        : { ename: "Error", evalue: "the cell failed", traceback: ["Error: the cell failed"] };
    sink.publish("error", { ...error });
    if (request.store_history !== false && !silent) this.options.history.add(count, code, null);
    // ipykernel: abort the requests already received, not the ones sent after this reply.
    if (request.stop_on_error !== false) this.abortBefore = this.received;
    return { status: "error", execution_count: count, ...error };
  }
}

function streamTo(sink: IopubSink, name: "stdout" | "stderr"): typeof process.stdout.write {
  return ((chunk: string | Uint8Array) => {
    sink.writeStream(name, typeof chunk === "string" ? chunk : utf8.decode(chunk));
    return true;
  }) as typeof process.stdout.write;
}
