import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSlowLoads } from "../../../src/jupyter/kernel/load-notice";

let dir = "";
let requireHere: NodeRequire;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "load-notice-"));
  for (const name of ["slow-outer", "slow-inner", "slow-idle"]) {
    fs.mkdirSync(path.join(dir, "node_modules", name), { recursive: true });
    const body =
      name === "slow-outer" ? 'require("slow-inner"); module.exports = 1;' : "module.exports = 2;";
    fs.writeFileSync(path.join(dir, "node_modules", name, "index.js"), body);
  }
  requireHere = createRequire(path.join(dir, "x.js"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("announceSlowLoads", () => {
  it("announces the outermost first load in a cell once, and nothing outside cells", () => {
    const written: string[] = [];
    let inCell = false;
    const remove = announceSlowLoads(
      (t) => written.push(t),
      () => inCell,
      {
        "slow-outer": "Outer",
        "slow-inner": "Inner",
        "slow-idle": "Idle",
      },
    );
    try {
      requireHere("slow-idle"); // not in a cell: nobody to tell
      inCell = true;
      requireHere("slow-outer");
      requireHere("slow-outer");
      requireHere("slow-idle"); // already loaded
    } finally {
      remove();
    }
    expect(written).toHaveLength(2);
    expect(written[0]).toBe("⏳ Loading Outer…");
    expect(written[1]).toMatch(/^ \d+\.\d s\n$/);
  });
});
