/**
 * The serving lab's headline property, proven on the reference server independently of the
 * lab's own check: the server runs as a separate process (tests/serving/reference-server.ts);
 * 3,000 mixed valid/invalid requests are sent with fetch (not the check's node:http client),
 * 32 at a time, while the champion alias moves and the server reloads three times. Every valid
 * request must get the right prediction for the version it names (computed here with a plain
 * softmax), every invalid one a 4xx with a message, and the process must still be alive and
 * healthy at the end, then shut down cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SoftmaxModel } from "../../solutions/17-serving";
import { seededRandom } from "../../src/data/random";
import { loadFixedSplit } from "../../src/data/splits";

function trainedLike(seed: number, featureNames: string[], x: number[][]): SoftmaxModel {
  const random = seededRandom(seed);
  const mean = featureNames.map((_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const scale = featureNames.map((_, j) =>
    Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length),
  );
  return {
    format: "softmax-regression/v1",
    featureNames,
    classes: ["a", "b", "c"],
    mean,
    scale,
    weights: [0, 1, 2].map(() => featureNames.map(() => 2 * random() - 1)),
    bias: [0, 1, 2].map(() => random() - 0.5),
  };
}

function probabilities(m: SoftmaxModel, row: number[]): number[] {
  const logits = m.weights.map((w, k) =>
    w.reduce((s, wj, j) => s + wj * ((row[j] - m.mean[j]) / m.scale[j]), m.bias[k]),
  );
  const top = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - top));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

const wine = loadFixedSplit("wine").train;
const models = [
  trainedLike(1, wine.featureNames, wine.x),
  trainedLike(2, wine.featureNames, wine.x),
];
let child: ChildProcess;
let base = "";
let stderr = "";

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "reference-server.ts"), JSON.stringify(models)],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
  }
});

describe("the reference inference server under mixed traffic", () => {
  it("answers every valid request correctly and every invalid one with a 4xx, across reloads", async () => {
    const random = seededRandom(5);
    const pick = () => wine.x[Math.floor(random() * wine.x.length)];
    type Job = { body: string; type?: string; rows?: number[][]; single?: boolean };
    const invalid = (): Job => {
      const k = Math.floor(random() * 7);
      if (k === 0) return { body: '{"features": [' };
      if (k === 1) return { body: JSON.stringify({ features: pick().slice(2) }) };
      if (k === 2) return { body: JSON.stringify({ features: [...pick().slice(1), Number.NaN] }) };
      if (k === 3) return { body: JSON.stringify({ instances: Array.from({ length: 33 }, pick) }) };
      if (k === 4) return { body: JSON.stringify({ features: pick(), instances: [pick()] }) };
      if (k === 5) return { body: "hello", type: "text/plain" };
      return { body: JSON.stringify([1, 2, 3]) };
    };
    const jobs: Job[] = Array.from({ length: 3000 }, () => {
      const u = random();
      if (u < 0.4) {
        const row = pick();
        return { body: JSON.stringify({ features: row }), rows: [row], single: true };
      }
      if (u < 0.6) {
        const rows = Array.from({ length: 1 + Math.floor(random() * 32) }, pick);
        return { body: JSON.stringify({ instances: rows }), rows };
      }
      return invalid();
    });
    const problems: string[] = [];
    const reloads: Promise<Response>[] = [];
    let next = 0;
    const versionsSeen = new Set<number>();
    const worker = async () => {
      while (next < jobs.length) {
        const i = next++;
        if (i % 750 === 749)
          reloads.push(
            fetch(`${base}/reload`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: "{}",
            }),
          );
        const job = jobs[i];
        const res = await fetch(`${base}/predict`, {
          method: "POST",
          headers: { "content-type": job.type ?? "application/json" },
          body: job.body,
        });
        const body = (await res.json()) as {
          version?: number;
          message?: string;
          probabilities?: number[];
          predictions?: { probabilities: number[] }[];
        };
        if (!job.rows) {
          if (res.status < 400 || res.status >= 500 || !body.message)
            problems.push(
              `invalid request ${i}: ${res.status} ${JSON.stringify(body).slice(0, 100)}`,
            );
          continue;
        }
        const model = models[(body.version ?? 0) - 1];
        const got = job.single
          ? [body.probabilities]
          : (body.predictions ?? []).map((p) => p.probabilities);
        const ok =
          res.status === 200 &&
          model !== undefined &&
          got.length === job.rows.length &&
          job.rows.every((row, k) => {
            const want = probabilities(model, row);
            return got[k]?.every((v, c) => Math.abs(v - want[c]) < 1e-9) ?? false;
          });
        if (ok) versionsSeen.add(body.version as number);
        else
          problems.push(`valid request ${i}: ${res.status} ${JSON.stringify(body).slice(0, 100)}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    const reloadStatuses = await Promise.all(reloads.map(async (r) => (await r).status));
    expect(problems.slice(0, 5)).toEqual([]);
    expect(reloadStatuses).toEqual([200, 200, 200, 200]);
    expect([...versionsSeen].sort()).toEqual([1, 2]);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(child.exitCode).toBeNull();
    // Clean shutdown: SIGTERM → app.close() → exit 0.
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
  }, 120_000);
});
