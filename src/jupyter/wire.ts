/**
 * The Jupyter messaging protocol on the wire (version 5.3): building, signing and
 * parsing multipart messages. https://jupyter-client.readthedocs.io/en/latest/messaging.html
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/** Separates ZeroMQ routing frames from the message frames. */
export const DELIMITER = Buffer.from("<IDS|MSG>");
export const PROTOCOL_VERSION = "5.3";

export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** A decoded message. `parent_header` is `{}` for messages that answer nothing. */
export interface JupyterMessage {
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

/** A new request from this client (no parent). */
export function createMessage(
  msgType: string,
  content: Record<string, unknown>,
  session: string,
): JupyterMessage {
  return {
    header: {
      msg_id: randomUUID(),
      msg_type: msgType,
      session,
      username: "ml-cert-labs",
      date: new Date().toISOString(),
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

/** HMAC-SHA256 (hex) of the four JSON frames, as the protocol requires. */
export function sign(key: string, frames: readonly (string | Buffer)[]): string {
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** The frames to send on a DEALER socket: delimiter, signature, then the four JSON parts. */
export function encodeMessage(message: JupyterMessage, key: string): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map(
    (part) => Buffer.from(JSON.stringify(part)),
  );
  return [DELIMITER, Buffer.from(sign(key, parts)), ...parts];
}

/**
 * Parse received frames (any routing frames before the delimiter are ignored).
 * Throws if the frames are malformed or the signature does not match the key.
 */
export function decodeMessage(frames: readonly Buffer[], key: string): JupyterMessage {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) {
    throw new Error(`malformed Jupyter message (${frames.length} frames, no complete body)`);
  }
  const signature = frames[at + 1];
  const parts = frames.slice(at + 2, at + 6);
  const expected = Buffer.from(sign(key, parts));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    throw new Error("Jupyter message with an invalid signature (wrong key?)");
  }
  const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p.toString("utf8")));
  return { header, parent_header: parent, metadata, content };
}
