/**
 * Many processes (notebook, `watch`, CLI) write one progress file: no update may be lost, and
 * a writer killed while holding the lock must not block the others for good. Real child
 * processes; the assertions are about what was saved, never about how fast.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readProgress, recordResults } from "../../src/grading/progress";

const WRITERS = 20;
const ROUNDS = 3;

function run(script: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, script), ...args],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

describe("progress under concurrency", () => {
  it(`${WRITERS} writer processes at once lose no update`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "progress-concurrent-"));
    const file = path.join(dir, ".progress", "progress.json");
    const go = path.join(dir, "go");
    const writers = Array.from({ length: WRITERS }, (_, i) =>
      run("progress-writer.ts", [file, String(i), go, String(ROUNDS)]),
    );
    // Start them together, once all are loaded, so their writes overlap.
    await until(
      () => fs.readdirSync(dir).filter((f) => f.startsWith("go.ready-")).length === WRITERS,
    );
    fs.writeFileSync(go, "");
    const exits = await Promise.all(writers);
    expect(exits.filter((e) => e.code !== 0).map((e) => e.stderr)).toEqual([]);

    const p = readProgress(file);
    for (let i = 0; i < WRITERS; i++) {
      const own = p.labs[`lab-${i % 4}`]?.[`own-${i}`];
      expect(own?.attemptCount, `own-${i}`).toBe(ROUNDS);
      expect(own?.attempts).toHaveLength(ROUNDS);
    }
    const shared = p.labs["lab-shared"].shared;
    expect(shared.attemptCount).toBe(WRITERS * ROUNDS);
    expect(shared.attempts).toHaveLength(WRITERS * ROUNDS);
    expect(shared.hintsShown).toBe(WRITERS * ROUNDS);
    expect(shared.status).toBe("passed");
    // Nothing left behind: no temp files, no lock.
    expect(fs.readdirSync(path.dirname(file))).toEqual(["progress.json"]);
  }, 180_000);

  it("a writer killed while holding the lock does not block the next one for good", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "progress-killed-"));
    const file = path.join(dir, "progress.json");
    const killed = spawnSync(process.execPath, [
      "--import",
      "tsx",
      path.join(__dirname, "progress-lock-holder.ts"),
      file,
    ]);
    expect(killed.signal).toBe("SIGKILL");
    const lock = `${file}.lock`;
    expect(fs.existsSync(lock)).toBe(true);
    // The lock is stale once not refreshed for a while: age it instead of waiting.
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);

    const saved = recordResults(
      [
        {
          labId: "lab",
          exerciseId: "ex",
          title: "ex",
          status: "passed",
          points: 1,
          maxPoints: 1,
          message: "",
          durationMs: 1,
          score: 1,
          startedAt: "2026-01-01T00:00:00.000Z",
        },
      ],
      { startedAt: new Date().toISOString(), file },
    );
    expect(saved).toEqual({ saved: true });
    expect(readProgress(file).labs.lab.ex.status).toBe("passed");
    expect(fs.existsSync(lock)).toBe(false);
  });
});
