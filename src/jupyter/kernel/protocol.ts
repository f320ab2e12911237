/**
 * Patches tslab's Jupyter server (dist/jupyter.js) in this process so it follows the
 * messaging protocol: kernel_info/shutdown replies with a status, execute requests through
 * our ExecuteEngine, a history_reply, and comm_info answered as comm_info_reply.
 */
import { randomUUID } from "node:crypto";
import { DELIMITER, PROTOCOL_VERSION, sign } from "../wire";
import type { ExecuteEngine, ExecuteRequestContent, IopubSink } from "./execute-request";
import type { HistoryRequest, KernelHistory } from "./history";

/** tslab's parsed message (class ZmqMessage in dist/jupyter.js, not exported). */
interface TslabMessage {
  header: { msg_type: string; session: string; username: string };
  content: Record<string, unknown>;
  createReply(): TslabMessage & { signAndSend(key: string, socket: unknown): void };
}

interface ZmqSocket {
  send(frames: (Buffer | string)[]): unknown;
}

interface TslabServer {
  connInfo: { key: string };
  iopub: ZmqSocket;
  handleShellMessage(sock: ZmqSocket, ...frames: Buffer[]): Promise<void>;
  handleExecute(sock: ZmqSocket, msg: TslabMessage): Promise<void>;
  handleCommInfoRequest(sock: ZmqSocket, msg: TslabMessage): void;
}

interface TslabHandler {
  handleKernel(): Record<string, unknown>;
  handleShutdown(req: Record<string, unknown>): Record<string, unknown>;
}

export interface JupyterModule {
  ZmqServer: { prototype: TslabServer };
  JupyterHandlerImpl: { prototype: TslabHandler };
  lastWriteDisplayData: unknown;
}

/** Requests tslab does not know; we answer them before its own dispatch sees them. */
const OWN_REQUESTS = new Set(["history_request", "comm_info_request"]);

export function patchProtocol(
  jupyter: JupyterModule,
  engine: ExecuteEngine,
  history: KernelHistory,
): void {
  const handler = jupyter.JupyterHandlerImpl.prototype;
  const kernelInfo = handler.handleKernel;
  handler.handleKernel = function (this: TslabHandler) {
    return { status: "ok", ...kernelInfo.call(this), help_links: [] };
  };
  handler.handleShutdown = (req) => ({ status: "ok", restart: req.restart === true });

  const server = jupyter.ZmqServer.prototype;
  server.handleExecute = async function (this: TslabServer, sock, msg) {
    const publish = (msgType: string, content: Record<string, unknown>) => {
      const m = msg.createReply();
      m.header.msg_type = msgType;
      m.content = content;
      m.signAndSend(this.connInfo.key, this.iopub);
    };
    const sink: IopubSink = {
      publish,
      writeStream: (name, text) => publish("stream", { name, text }),
      writeDisplayData: (data, update) =>
        publish(update ? "update_display_data" : "display_data", data),
    };
    const content = await engine.execute(msg.content as ExecuteRequestContent, sink);
    const reply = msg.createReply();
    reply.header.msg_type = "execute_reply";
    reply.content = { ...content };
    reply.signAndSend(this.connInfo.key, sock);
  };

  const dispatch = server.handleShellMessage;
  server.handleShellMessage = async function (this: TslabServer, sock, ...frames) {
    const request = parseOwnRequest(frames, this.connInfo.key);
    if (!request) return dispatch.call(this, sock, ...frames);
    const send = (
      socket: ZmqSocket,
      msgType: string,
      content: Record<string, unknown>,
      ids: Buffer[],
    ) => socket.send([...ids, ...signedFrames(request, msgType, content, this.connInfo.key)]);
    send(this.iopub, "status", { execution_state: "busy" }, []);
    if (request.header.msg_type === "history_request") {
      send(
        sock,
        "history_reply",
        { status: "ok", history: history.query(request.content as HistoryRequest) },
        request.identities,
      );
    } else {
      // tslab has no comms (no widgets).
      send(sock, "comm_info_reply", { status: "ok", comms: {} }, request.identities);
    }
    send(this.iopub, "status", { execution_state: "idle" }, []);
  };
}

interface OwnRequest {
  identities: Buffer[];
  header: Record<string, unknown> & { msg_type: string };
  content: Record<string, unknown>;
}

/** The request if it is one we answer ourselves (signature checked), else undefined. */
function parseOwnRequest(frames: Buffer[], key: string): OwnRequest | undefined {
  const at = frames.findIndex((f) => Buffer.isBuffer(f) && f.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) return undefined;
  let header: OwnRequest["header"];
  try {
    header = JSON.parse(frames[at + 2].toString("utf8"));
  } catch {
    return undefined;
  }
  if (!OWN_REQUESTS.has(header.msg_type)) return undefined;
  const parts = frames.slice(at + 2, at + 6);
  if (key && frames[at + 1].toString() !== sign(key, parts)) return undefined; // tslab rejects it
  return {
    identities: frames.slice(0, at),
    header,
    content: JSON.parse(parts[3].toString("utf8")),
  };
}

/** Delimiter, signature and the four JSON frames of a message answering `parent`. */
function signedFrames(
  parent: OwnRequest,
  msgType: string,
  content: Record<string, unknown>,
  key: string,
): (Buffer | string)[] {
  const header = {
    msg_id: randomUUID(),
    msg_type: msgType,
    session: parent.header.session,
    username: parent.header.username,
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
  const parts = [header, parent.header, {}, content].map((p) => JSON.stringify(p));
  return [DELIMITER, sign(key, parts), ...parts];
}
