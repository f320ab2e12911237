/**
 * src/notebook/lab-helpers.ts describes the grader modules it loads with `require` (so tslab
 * does not type-check the grader in every notebook). These assignments fail `npm run
 * typecheck` if the real modules drift from that description.
 */
import { describe, expect, it } from "vitest";
import * as actions from "../../src/course/actions";
import * as manifest from "../../src/course/manifest";
import * as views from "../../src/notebook/check-view";
import type {
  NotebookActions,
  NotebookCourse,
  NotebookViews,
} from "../../src/notebook/lab-helpers";

describe("lab-helpers' view of the grader", () => {
  it("matches the real modules", () => {
    const a: NotebookActions = actions;
    const v: NotebookViews = views;
    const c: NotebookCourse = manifest;
    expect([typeof a.checkLab, typeof v.CheckView, typeof c.findLab]).toEqual([
      "function",
      "function",
      "function",
    ]);
  });
});
