import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, expect } from "vitest";
import { DataError } from "../../src/data";

/** Runs fn and checks it throws a DataError whose message is exactly `message` (or matches the RegExp). */
export function expectDataError(fn: () => unknown, message: string | RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "expected a DataError to be thrown").toBeInstanceOf(DataError);
  const text = (thrown as Error).message;
  if (typeof message === "string") expect(text).toBe(message);
  else expect(text).toMatch(message);
}

const dirs: string[] = [];

/** Writes a file into a fresh folder under os.tmpdir() (removed after the test file) and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-data-"));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Counts of each value. */
export function countBy(values: ArrayLike<number>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (let i = 0; i < values.length; i++) counts[values[i]!] = (counts[values[i]!] ?? 0) + 1;
  return counts;
}
