import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

/** A Jupyter connection file: where the kernel binds its five sockets, and the signing key. */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/**
 * `count` distinct TCP ports that are free on `host` right now. All listeners are open at
 * once so the ports differ; like jupyter_client, another process could still take one
 * before the kernel binds it (rare, and the kernel then fails to start with EADDRINUSE).
 */
export async function freePorts(count: number, host = "127.0.0.1"): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, host, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Fresh connection details on 127.0.0.1 with a random 256-bit key. */
export async function createConnectionInfo(kernelName: string): Promise<ConnectionInfo> {
  const ip = "127.0.0.1";
  const [shell, iopub, stdin, control, hb] = await freePorts(5, ip);
  return {
    transport: "tcp",
    ip,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
}

/** Write `info` as `<dir>/kernel-connection.json`, readable only by this user; returns the path. */
export function writeConnectionFile(info: ConnectionInfo, dir: string): string {
  const file = path.join(dir, "kernel-connection.json");
  fs.writeFileSync(file, JSON.stringify(info, null, 2), { mode: 0o600 });
  return file;
}

/** `tcp://127.0.0.1:<port>` */
export function socketAddress(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}
