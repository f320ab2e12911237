import { describe, expect, it } from "vitest";
import { redirectToDeclarations } from "../../../src/jupyter/kernel/declaration-redirect";
import type { TslabTypeScript } from "../../../src/jupyter/kernel/tslab-typescript";

/** A stand-in for tslab's TypeScript: only `sys`, backed by a map of real files. */
function fakeTs(files: Record<string, string>) {
  const sys = {
    fileExists: (f: string) => f in files,
    readFile: (f: string) => files[f],
  };
  return { sys } as unknown as TslabTypeScript;
}

describe("redirectToDeclarations", () => {
  it("shows each declaration and hides the source it stands for; other files are untouched", () => {
    const ts = fakeTs({
      "/p/src/data/index.ts": "source",
      "/p/labs/01.ts": "learner",
      "/p/src/other.ts": "o",
    });
    redirectToDeclarations(ts, new Map([["/p/src/data/index.d.ts", "declaration"]]));
    expect(ts.sys.fileExists("/p/src/data/index.ts")).toBe(false);
    expect(ts.sys.fileExists("/p/src/data/index.tsx")).toBe(false);
    expect(ts.sys.fileExists("/p/src/data/index.d.ts")).toBe(true);
    expect(ts.sys.readFile("/p/src/data/index.d.ts")).toBe("declaration");
    expect(ts.sys.fileExists("/p/labs/01.ts")).toBe(true);
    expect(ts.sys.readFile("/p/labs/01.ts")).toBe("learner");
    expect(ts.sys.fileExists("/p/src/other.ts")).toBe(true);
    expect(ts.sys.fileExists("/p/src/missing.d.ts")).toBe(false);
  });
});
