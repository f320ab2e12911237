import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CACHE_DIR,
  cacheKey,
  listDeclaredSources,
  readDeclarations,
  writeDeclarations,
} from "../../../src/jupyter/kernel/declaration-cache";

let root = "";
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "decl-cache-"));
  write("src/a.ts", "export const a = 1;\n");
  write("src/sub/index.ts", "export * from '../a';\n");
  write("src/types.d.ts", "declare const x: number;\n");
  write("solutions/01.ts", "export const s = 1;\n");
  write("labs/01.ts", "export const s = 1;\n");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("declaration cache", () => {
  it("lists the modules of src/ and solutions/, not declarations and not the learner's labs/", () => {
    expect(listDeclaredSources(root)).toEqual(["solutions/01.ts", "src/a.ts", "src/sub/index.ts"]);
  });

  it("gets a new key when a module's content or the compiler changes, not when labs/ does", () => {
    const key = cacheKey(root, "5.0.4");
    write("labs/01.ts", "export const s = 2;\n");
    expect(cacheKey(root, "5.0.4")).toBe(key);
    expect(cacheKey(root, "5.0.5")).not.toBe(key);
    write("src/a.ts", "export const a = 2;\n");
    expect(cacheKey(root, "5.0.4")).not.toBe(key);
  });

  it("reads back what was written, at the .d.ts path next to each source, and drops older keys", () => {
    writeDeclarations(root, "old", new Map([["src/a.ts", "old"]]));
    writeDeclarations(
      root,
      "k1",
      new Map([
        ["src/a.ts", "export declare const a = 1;\n"],
        ["src/sub/index.ts", "export * from '../a';\n"],
      ]),
    );
    const read = readDeclarations(root, "k1");
    expect(read).toEqual(
      new Map([
        [path.join(root, "src/a.d.ts"), "export declare const a = 1;\n"],
        [path.join(root, "src/sub/index.d.ts"), "export * from '../a';\n"],
      ]),
    );
    expect(fs.readdirSync(path.join(root, CACHE_DIR))).toEqual(["k1"]);
    expect(readDeclarations(root, "old")).toBeUndefined();
  });

  it("has nothing for an unknown key or an incomplete cache", () => {
    expect(readDeclarations(root, "nope")).toBeUndefined();
    writeDeclarations(root, "k2", new Map([["src/a.ts", "x"]]));
    fs.rmSync(path.join(root, CACHE_DIR, "k2", "src", "a.d.ts"));
    expect(readDeclarations(root, "k2")).toBeUndefined();
  });
});
