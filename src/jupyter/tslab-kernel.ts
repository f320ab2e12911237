/**
 * A tslab kernel in a child process, driven over the Jupyter messaging protocol with
 * zeromq: start it, run code, interrupt, shut down. No Python involved.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as zmq from "zeromq";
import { projectRoot } from "../project-root";
import {
  type ConnectionInfo,
  createConnectionInfo,
  socketAddress,
  writeConnectionFile,
} from "./connection-file";
import { KERNEL_NAME, launcherPath } from "./kernelspec";
import { createMessage, decodeMessage, encodeMessage, type JupyterMessage } from "./wire";

/** How a piece of code ended. The kernel answers "abort" to requests queued before an error. */
export type ExecuteStatus = "ok" | "error" | "abort" | "timeout" | "kernel_died";

/** What one execute request produced. Times are wall-clock milliseconds. */
export interface ExecuteOutcome {
  status: ExecuteStatus;
  stdout: string;
  stderr: string;
  /** Distinct MIME types of display_data / update_display_data / execute_result, in order. */
  displayMimeTypes: string[];
  /** How many display messages arrived (display_data and updates). */
  displayCount: number;
  /** The text/plain of each display_data / update_display_data / execute_result, in order. */
  displayTexts: string[];
  /** The `execution_count` of the reply (undefined if the reply had none). */
  executionCount?: number;
  /** `ename: evalue` and traceback, if the kernel sent an `error` message. */
  errorText: string;
  durationMs: number;
}

export interface StartKernelOptions {
  /** The project folder the kernel runs in (its cwd and tslab's rootDir). Default: this project. */
  root?: string;
  /** Extra environment variables for the kernel process. */
  env?: NodeJS.ProcessEnv;
  /** Give up if the kernel has not answered kernel_info within this time. Default 60 s. */
  startTimeoutMs?: number;
}

const DEFAULT_START_TIMEOUT_MS = 60_000;
/** After SIGINT, how long a timed-out cell gets to stop before the caller kills the kernel. */
const INTERRUPT_GRACE_MS = 3_000;
/** If a reply arrived but its iopub "idle" did not (dropped), stop waiting after this. */
const IDLE_AFTER_REPLY_MS = 5_000;
/** Keep this much of the kernel process's own stdout/stderr for error reports. */
const MAX_LOG_CHARS = 20_000;

/** Kernel processes alive in this process; killed on exit so none is ever orphaned. */
const liveKernels = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackKernel(child: ChildProcess): void {
  liveKernels.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // "exit" handlers must be synchronous: a plain SIGKILL is.
    process.on("exit", () => {
      for (const c of liveKernels) killProcessTree(c, "SIGKILL");
    });
  }
}

/** Signal the kernel's whole process group (it is a group leader), or just it on Windows. */
function killProcessTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

interface PendingExecution {
  outcome: Omit<ExecuteOutcome, "status" | "durationMs">;
  replyStatus?: string;
  idle: boolean;
  settle: () => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class KernelStartError extends Error {
  override name = "KernelStartError";
}

/** A running tslab kernel. Create with `TslabKernel.start()`, always end with `shutdown()`. */
export class TslabKernel {
  /** Wall-clock ms from spawning the process to the kernel answering on shell and iopub. */
  startupMs = 0;

  private readonly session = randomUUID();
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
  private readonly pending = new Map<string, PendingExecution>();
  private readonly replyWaiters = new Map<string, (message: JupyterMessage) => void>();
  private readonly exited: Promise<void>;
  private hasExited = false;
  private closed = false;
  private iopubSeen = false;
  private log = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly info: ConnectionInfo,
    /** In a private temp folder (e.g. for `jupyter console --existing <file>` while debugging). */
    readonly connectionFile: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.hasExited = true;
        this.appendLog(`\n[kernel process exited: ${signal ?? `code ${code}`}]\n`);
        liveKernels.delete(child);
        resolve();
      });
    });
    child.stdout?.on("data", (d: Buffer) => this.appendLog(d.toString("utf8")));
    child.stderr?.on("data", (d: Buffer) => this.appendLog(d.toString("utf8")));
  }

  /**
   * Start the launcher (`src/jupyter/tslab-launcher.cjs`) for `root` and wait until the
   * kernel answers. Throws KernelStartError (with the kernel's own output) if it does not.
   */
  static async start(options: StartKernelOptions = {}): Promise<TslabKernel> {
    const root = path.resolve(options.root ?? projectRoot());
    const started = performance.now();
    const info = await createConnectionInfo(KERNEL_NAME);
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "ml-cert-labs-kernel-"));
    const connectionFile = writeConnectionFile(info, tempDir);
    const child = spawn(process.execPath, [launcherPath(), "--root", root, connectionFile], {
      cwd: root,
      env: { ...process.env, ...options.env, ML_CERT_LABS_PARENT_PID: String(process.pid) },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: a terminal Ctrl+C does not hit it, and we can kill the group.
      detached: process.platform !== "win32",
    });
    trackKernel(child);
    const kernel = new TslabKernel(child, info, connectionFile);
    try {
      await kernel.connect(options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    } catch (err) {
      await kernel.shutdown(0);
      const reason = err instanceof Error ? err.message : String(err);
      throw new KernelStartError(
        `The tslab kernel did not start: ${reason}\n${kernel.kernelLog()}`,
      );
    }
    kernel.startupMs = performance.now() - started;
    return kernel;
  }

  /** The process id of the kernel (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while the kernel process is running. */
  get isAlive(): boolean {
    return !this.hasExited;
  }

  /** What the kernel process printed outside of cells (startup errors, crashes), trimmed. */
  kernelLog(): string {
    return this.log.trim();
  }

  /**
   * Run `code` and collect its output. On timeout the kernel is interrupted (SIGINT) and
   * the status is "timeout"; the caller should then shut the kernel down.
   */
  async execute(code: string, timeoutMs: number): Promise<ExecuteOutcome> {
    const request = createMessage(
      "execute_request",
      {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: true,
      },
      this.session,
    );
    const id = request.header.msg_id;
    let settle = () => {};
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const pending: PendingExecution = {
      outcome: {
        stdout: "",
        stderr: "",
        displayMimeTypes: [],
        displayCount: 0,
        displayTexts: [],
        errorText: "",
      },
      idle: false,
      settle,
    };
    this.pending.set(id, pending);
    const started = performance.now();
    let status: ExecuteStatus;
    try {
      await this.shell.send(encodeMessage(request, this.info.key));
      const first = await raceTimeout(Promise.race([done, this.exited]), timeoutMs);
      if (first === "timeout") {
        this.interrupt();
        await raceTimeout(Promise.race([done, this.exited]), INTERRUPT_GRACE_MS);
        status = "timeout";
      } else if (pending.replyStatus === undefined) {
        status = "kernel_died";
      } else {
        status = replyStatus(pending.replyStatus);
      }
    } finally {
      this.pending.delete(id);
    }
    return { status, ...pending.outcome, durationMs: performance.now() - started };
  }

  /** Send SIGINT, as Jupyter does: tslab stops a busy loop or a pending await. */
  interrupt(): void {
    if (this.hasExited || this.child.pid === undefined) return;
    try {
      process.kill(this.child.pid, "SIGINT");
    } catch {
      // already gone
    }
  }

  /**
   * Ask the kernel to shut down, wait up to `graceMs`, then kill its process group. Safe to
   * call more than once and after the kernel has died.
   */
  async shutdown(graceMs = 3_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.hasExited && graceMs > 0) {
      const request = createMessage("shutdown_request", { restart: false }, this.session);
      try {
        await raceTimeout(this.control.send(encodeMessage(request, this.info.key)), 500);
      } catch {
        // the kernel is in a bad state; it will be killed below
      }
      await raceTimeout(this.exited, graceMs);
    }
    // Also reaches anything the notebook's code started in the kernel's process group.
    killProcessTree(this.child, "SIGKILL");
    await raceTimeout(this.exited, 5_000);
    for (const socket of [this.shell, this.control, this.iopub]) socket.close();
    fs.rmSync(path.dirname(this.connectionFile), { recursive: true, force: true });
  }

  /** Connect the sockets and wait until the kernel answers on shell and publishes on iopub. */
  private async connect(timeoutMs: number): Promise<void> {
    this.shell.connect(socketAddress(this.info, this.info.shell_port));
    this.control.connect(socketAddress(this.info, this.info.control_port));
    this.iopub.connect(socketAddress(this.info, this.info.iopub_port));
    this.iopub.subscribe();
    void this.receiveLoop(this.shell, (m) => this.onReply(m));
    void this.receiveLoop(this.control, (m) => this.onReply(m));
    void this.receiveLoop(this.iopub, (m) => this.onIopub(m));

    const deadline = performance.now() + timeoutMs;
    const died = this.exited.then(() => {
      throw new Error("the kernel process exited during startup.");
    });
    died.catch(() => {});
    // ZeroMQ queues the request until the kernel binds, so one request is enough here.
    await Promise.race([this.request("kernel_info_request", deadline), died]);
    // A subscriber misses what was published before its subscription reached the kernel:
    // keep asking (each request publishes busy/idle) until something arrives on iopub.
    while (!this.iopubSeen) {
      if (performance.now() > deadline) throw new Error("no messages on the iopub socket.");
      await Promise.race([
        this.request("kernel_info_request", deadline).then(() => sleep(50)),
        died,
      ]);
    }
  }

  /** Send a request on shell and wait for the reply, until `deadline` (performance.now() ms). */
  private async request(msgType: string, deadline: number): Promise<JupyterMessage> {
    const message = createMessage(msgType, {}, this.session);
    const id = message.header.msg_id;
    const reply = new Promise<JupyterMessage>((resolve) => this.replyWaiters.set(id, resolve));
    try {
      await this.shell.send(encodeMessage(message, this.info.key));
      const result = await raceTimeout(reply, Math.max(0, deadline - performance.now()));
      if (result === "timeout")
        throw new Error(`no ${msgType.replace("_request", "_reply")} in time.`);
      return result;
    } finally {
      this.replyWaiters.delete(id);
    }
  }

  private async receiveLoop(
    socket: zmq.Dealer | zmq.Subscriber,
    handle: (m: JupyterMessage) => void,
  ) {
    try {
      for await (const frames of socket) {
        let message: JupyterMessage;
        try {
          message = decodeMessage(frames, this.info.key);
        } catch (err) {
          this.appendLog(`[ignored a message: ${err instanceof Error ? err.message : err}]\n`);
          continue;
        }
        handle(message);
      }
    } catch (err) {
      // Closing a socket ends its loop; anything else is worth a line in the log.
      if (!this.closed)
        this.appendLog(`[socket error: ${err instanceof Error ? err.message : err}]\n`);
    }
  }

  private onReply(message: JupyterMessage): void {
    const parentId = message.parent_header.msg_id ?? "";
    this.replyWaiters.get(parentId)?.(message);
    const pending = this.pending.get(parentId);
    if (pending && message.header.msg_type === "execute_reply") {
      pending.replyStatus = String(message.content.status);
      const count = message.content.execution_count;
      if (typeof count === "number") pending.outcome.executionCount = count;
      if (pending.idle) pending.settle();
      // iopub "idle" normally follows at once; don't hang if it was dropped.
      else setTimeout(pending.settle, IDLE_AFTER_REPLY_MS).unref();
    }
  }

  private onIopub(message: JupyterMessage): void {
    this.iopubSeen = true;
    const pending = this.pending.get(message.parent_header.msg_id ?? "");
    if (!pending) return;
    const { content } = message;
    const out = pending.outcome;
    switch (message.header.msg_type) {
      case "stream":
        if (content.name === "stderr") out.stderr += String(content.text);
        else out.stdout += String(content.text);
        break;
      case "display_data":
      case "update_display_data":
      case "execute_result":
        out.displayCount++;
        if (
          typeof (content.data as Record<string, unknown> | undefined)?.["text/plain"] === "string"
        ) {
          out.displayTexts.push((content.data as Record<string, string>)["text/plain"]);
        }
        for (const mime of Object.keys((content.data as object | undefined) ?? {})) {
          if (!out.displayMimeTypes.includes(mime)) out.displayMimeTypes.push(mime);
        }
        break;
      case "error": {
        const head = `${content.ename}: ${content.evalue}`;
        const traceback = Array.isArray(content.traceback) ? content.traceback.map(String) : [];
        // Front ends show only the traceback, so kernels usually start it with the head line.
        out.errorText = (traceback[0] === head ? traceback : [head, ...traceback])
          .join("\n")
          .trim();
        break;
      }
      case "status":
        if (content.execution_state === "idle") {
          pending.idle = true;
          if (pending.replyStatus !== undefined) pending.settle();
        }
        break;
    }
  }

  private appendLog(text: string): void {
    this.log = (this.log + text).slice(-MAX_LOG_CHARS);
  }
}

function replyStatus(status: string): ExecuteStatus {
  switch (status) {
    case "ok":
      return "ok";
    case "abort":
    case "aborted":
      return "abort";
    default:
      return "error";
  }
}

/** `promise`'s value, or "timeout" after `ms`. */
async function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
