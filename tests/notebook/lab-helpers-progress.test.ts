/** The notebook's `check()` when progress cannot be saved: results first, then the reason. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { labHelpers } from "../../src/notebook/lab-helpers";

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.ML_LABS_PROGRESS_FILE;
});

describe("labHelpers().check and progress", () => {
  it("an unwritable .progress: the results are shown, then why progress was not saved", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notebook-progress-"));
    fs.writeFileSync(path.join(dir, ".progress"), "a file where the folder should be");
    process.env.ML_LABS_PROGRESS_FILE = path.join(dir, ".progress", "progress.json");
    // Outside the kernel, showHtml prints its text version.
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await labHelpers("01").check("mse-loss");
    const shown = log.mock.calls.map((c) => String(c[0]));
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/01-gradient-descent › mse-loss/);
    expect(shown[1]).toBe(
      `Progress not saved: ${path.join(dir, ".progress")} (or a folder above it) is a file, not a folder. Rename or move that file, then try again.`,
    );
  });

  it("saved progress: only the results are shown", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notebook-progress-"));
    process.env.ML_LABS_PROGRESS_FILE = path.join(dir, ".progress", "progress.json");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await labHelpers("01").check("mse-loss");
    expect(log).toHaveBeenCalledTimes(1);
    expect(
      JSON.parse(fs.readFileSync(process.env.ML_LABS_PROGRESS_FILE, "utf8")).labs[
        "01-gradient-descent"
      ]["mse-loss"].status,
    ).toBe("not_attempted");
  });
});
