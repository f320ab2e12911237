import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createConnectionInfo,
  freePorts,
  socketAddress,
  writeConnectionFile,
} from "../../src/jupyter/connection-file";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "connection-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("connection file", () => {
  it("picks distinct free ports", async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    for (const p of ports) expect(p).toBeGreaterThan(0);
  });

  it("describes five tcp sockets on 127.0.0.1 with a random HMAC-SHA256 key", async () => {
    const [a, b] = await Promise.all([createConnectionInfo("k"), createConnectionInfo("k")]);
    expect(a).toMatchObject({
      transport: "tcp",
      ip: "127.0.0.1",
      signature_scheme: "hmac-sha256",
      kernel_name: "k",
    });
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a.key).not.toBe(b.key);
    expect(socketAddress(a, a.shell_port)).toBe(`tcp://127.0.0.1:${a.shell_port}`);
  });

  it.skipIf(process.platform === "win32")("is written readable only by its owner", async () => {
    const info = await createConnectionInfo("k");
    const file = writeConnectionFile(info, tmp);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(info);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
