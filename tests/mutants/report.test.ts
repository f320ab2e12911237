import { describe, expect, it } from "vitest";
import { type EquivalentEntry, matchEquivalents } from "../../src/mutants/equivalent";
import type { MutantRecord } from "../../src/mutants/mutant-record";
import { solutionLineRanges } from "../../src/mutants/solution-ranges";
import { summarizeLab, summaryMarkdown } from "../../src/mutants/summary";

const mutant = (over: Partial<MutantRecord>): MutantRecord => ({
  labId: "01-x",
  file: "solutions/01-x.ts",
  line: 10,
  column: 3,
  mutator: "EqualityOperator",
  original: "i > 0",
  replacement: "i >= 0",
  status: "Survived",
  killedBy: [],
  coveredBy: ["ex"],
  ...over,
});
const entry = (over: Partial<EquivalentEntry>): EquivalentEntry => ({
  lab: "01-x",
  file: "solutions/01-x.ts",
  line: 10,
  mutator: "EqualityOperator",
  replacement: "i >= 0",
  reason: "swapping an element with itself changes nothing",
  ...over,
});

describe("solutionLineRanges", () => {
  it("returns the lines strictly between each BEGIN/END SOLUTION pair, skipping SOLUTION-ONLY", () => {
    const source = [
      "a",
      "  // BEGIN SOLUTION",
      "  x",
      "  y",
      "  // END SOLUTION",
      "// BEGIN SOLUTION-ONLY",
      "h",
      "// END SOLUTION-ONLY",
      "// BEGIN SOLUTION",
      "z",
      "// END SOLUTION",
    ].join("\n");
    expect(solutionLineRanges(source, "f.ts")).toEqual([
      { start: 3, end: 4 },
      { start: 10, end: 10 },
    ]);
  });

  it("names the line of an unclosed block", () => {
    expect(() => solutionLineRanges("x\n// BEGIN SOLUTION\ny", "f.ts")).toThrow(
      "f.ts:2: BEGIN SOLUTION is never closed.",
    );
  });
});

describe("equivalent mutants", () => {
  it("matches by line, follows a single moved candidate and reports entries that match nothing", () => {
    const atLine = mutant({});
    const moved = mutant({ line: 20, mutator: "ConditionalExpression", replacement: "true" });
    const killed = mutant({
      line: 30,
      status: "Killed",
      replacement: "false",
      mutator: "ConditionalExpression",
    });
    const m = matchEquivalents(
      [
        entry({}),
        entry({ line: 18, mutator: "ConditionalExpression", replacement: "true" }),
        entry({ line: 30, mutator: "ConditionalExpression", replacement: "false" }),
      ],
      [atLine, moved, killed],
      ["01-x"],
    );
    expect([...m.excluded.keys()]).toEqual([atLine, moved]);
    expect(m.moved).toEqual([
      {
        entry: entry({ line: 18, mutator: "ConditionalExpression", replacement: "true" }),
        line: 20,
      },
    ]);
    // A killed mutant is not equivalent: its entry is stale.
    expect(m.stale).toEqual([
      entry({ line: 30, mutator: "ConditionalExpression", replacement: "false" }),
    ]);
  });

  it("ignores entries of labs that did not run", () => {
    expect(matchEquivalents([entry({ lab: "02-y" })], [mutant({})], ["01-x"]).stale).toEqual([]);
  });
});

describe("summarizeLab", () => {
  it("scores killed + timeout over the mutants that ran, minus equivalents, and lists survivors", () => {
    const mutants = [
      mutant({ status: "Killed" }),
      mutant({ status: "Killed" }),
      mutant({ status: "Timeout" }),
      mutant({ status: "NoCoverage", line: 12 }),
      mutant({ status: "CompileError" }),
      mutant({ line: 11, replacement: "i <= 0" }),
      mutant({}),
    ];
    const lab = summarizeLab(
      "01-x",
      mutants,
      matchEquivalents([entry({})], mutants, ["01-x"]),
      1500,
    );
    expect(lab).toMatchObject({
      total: 7,
      killed: 2,
      timeout: 1,
      survived: 2,
      noCoverage: 1,
      errors: 1,
      equivalentExcluded: 1,
    });
    expect(lab.score).toBe(60);
    expect(lab.survivors.map((s) => [s.line, s.status])).toEqual([
      [11, "Survived"],
      [12, "NoCoverage"],
    ]);
    const md = summaryMarkdown({
      generatedAt: "",
      labs: [lab],
      staleEquivalents: [],
      movedEquivalents: [],
    });
    expect(md).toContain("| 01-x | 7 | 2 | 2 | 1 | 1 | 1 | 1 | 60.0 % | 2 s |");
    expect(md).toContain("- solutions/01-x.ts:11 EqualityOperator: `i > 0` → `i <= 0`");
  });
});
