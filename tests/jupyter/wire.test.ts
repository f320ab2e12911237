import { describe, expect, it } from "vitest";
import {
  createMessage,
  DELIMITER,
  decodeMessage,
  encodeMessage,
  sign,
} from "../../src/jupyter/wire";

const KEY = "0123456789abcdef";

describe("Jupyter wire format", () => {
  it("signs header, parent, metadata and content with HMAC-SHA256 (hex)", () => {
    // Known value: python -c "import hmac,hashlib; print(hmac.new(b'key', b'abcd', hashlib.sha256).hexdigest())"
    expect(sign("key", ["a", "b", "c", "d"])).toBe(
      "2a31ec0ee8d878c9eece9fb0df79b3b90b2256240163aa5ee50d176d3d1121f8",
    );
  });

  it("round-trips a message, ignoring routing frames before the delimiter", () => {
    const message = createMessage("execute_request", { code: "1 + 1" }, "session-1");
    const frames = [Buffer.from("routing-id"), ...encodeMessage(message, KEY)];
    expect(frames[1].equals(DELIMITER)).toBe(true);
    const decoded = decodeMessage(frames, KEY);
    expect(decoded).toEqual(message);
    expect(decoded.header).toMatchObject({
      msg_type: "execute_request",
      session: "session-1",
      version: "5.3",
    });
  });

  it.each([
    ["a wrong key", (frames: Buffer[]) => frames, "other-key", /invalid signature/],
    [
      "tampered content",
      (frames: Buffer[]) => [...frames.slice(0, 5), Buffer.from('{"code":"evil"}')],
      KEY,
      /invalid signature/,
    ],
    ["no delimiter", (frames: Buffer[]) => frames.slice(1), KEY, /malformed/],
    ["missing parts", (frames: Buffer[]) => frames.slice(0, 4), KEY, /malformed/],
  ])("rejects a message with %s", (_name, mangle, key, error) => {
    const frames = encodeMessage(createMessage("status", {}, "s"), KEY);
    expect(() => decodeMessage(mangle(frames), key)).toThrow(error);
  });
});
