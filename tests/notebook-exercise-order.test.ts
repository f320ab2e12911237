/**
 * A learner works through a notebook top to bottom, implementing each exercise when its check
 * cell comes up. So no code cell may call an exercise whose check cell is further down: the
 * learner would hit an unimplemented stub before being asked to write it.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findLab, unitIds } from "../src/course/manifest";
import { cellSource, listNotebooks, readNotebook } from "../src/jupyter/notebook-file";
import { fromRoot } from "../src/project-root";

// Lab notebooks (named after a lab: "NN-name.ipynb"); guides such as exam-guide.ipynb and
// 00-start-here.ipynb use no exercises.
const notebooks = listNotebooks(fromRoot("notebooks"))
  .map((file) => path.basename(file))
  .filter((name) => unitIds.includes(path.basename(name, ".ipynb")));

/** Code cells as [cells[] index, source]. */
function codeCells(name: string): [number, string][] {
  return readNotebook(fromRoot("notebooks", name))
    .cells.map((cell, index): [number, string, string] => [index, cellSource(cell), cell.cell_type])
    .filter(([, , type]) => type === "code")
    .map(([index, source]) => [index, source]);
}

/** Every cell that uses an exercise before the cell that checks it, as readable lines. */
async function exercisesUsedEarly(name: string): Promise<string[]> {
  const cells = codeCells(name);
  const all = cells.map(([, source]) => source).join("\n");
  const aliases = [...all.matchAll(/import \* as (\w+) from "\.\/labs\/([\w-]+)"/g)];
  const helpers = [...all.matchAll(/const (\w+) = labHelpers\("([\w-]+)"\)/g)].map((m) => m[1]);
  expect(aliases.length, `${name} imports no lab module`).toBeGreaterThan(0);
  expect(helpers.length, `${name} creates no labHelpers`).toBeGreaterThan(0);

  const checkedAt = new Map<string, number>();
  for (const [index, source] of cells) {
    for (const helper of helpers) {
      for (const m of source.matchAll(new RegExp(`\\b${helper}\\.check\\("([\\w-]+)"\\)`, "g"))) {
        if (!checkedAt.has(m[1])) checkedAt.set(m[1], index);
      }
    }
  }
  const problems: string[] = [];
  for (const [, alias, labId] of aliases) {
    // Only functions and classes can be unfinished stubs (constants and types are given).
    const reference = (await import(fromRoot("solutions", `${labId}.ts`))) as Record<
      string,
      unknown
    >;
    const exercisesOf = new Map<string, string[]>();
    for (const ex of findLab(labId).exercises) {
      for (const name of ex.exports) {
        if (typeof reference[name] === "function")
          exercisesOf.set(name, [...(exercisesOf.get(name) ?? []), ex.id]);
      }
    }
    for (const [index, source] of cells) {
      for (const m of source.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, "g"))) {
        // A class can span exercises (fit, then transform): its first one must be checked.
        const exercises = exercisesOf.get(m[1]);
        if (exercises === undefined) continue; // not an exercise's function or class
        const checks = exercises
          .map((id) => checkedAt.get(id))
          .filter((at): at is number => at !== undefined);
        if (!checks.some((at) => at < index)) {
          const where =
            checks.length === 0 ? "never checked" : `checked in cells[${Math.min(...checks)}]`;
          problems.push(
            `${name} cells[${index}] uses ${alias}.${m[1]} (exercise ${exercises.join(" / ")}, ${where})`,
          );
        }
      }
    }
  }
  return [...new Set(problems)];
}

describe("notebooks use an exercise only after its check cell", () => {
  it.each(notebooks)("%s", async (name) => {
    expect((await exercisesUsedEarly(name)).join("\n")).toBe("");
  });
});
