import * as fs from "node:fs";
import { z } from "zod";
import type { MutantRecord } from "./mutant-record";

/**
 * Mutants that behave exactly like the reference solution (no check could ever reject them),
 * reviewed by hand and listed in `tests/mutants/equivalent.json`. They are matched by what
 * they are (lab, file, mutator, replacement, line), never by Stryker's ids, which change.
 */
const EquivalentEntry = z.object({
  lab: z.string().min(1),
  file: z.string().min(1),
  line: z.number().int().positive(),
  mutator: z.string().min(1),
  replacement: z.string(),
  reason: z.string().min(10, "explain why no check can tell this mutant from the solution"),
});
export type EquivalentEntry = z.infer<typeof EquivalentEntry>;

const EquivalentList = z.array(EquivalentEntry);

/** Reads the list; a missing file is an empty list, a malformed one a clear error. */
export function readEquivalents(file: string): EquivalentEntry[] {
  if (!fs.existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = EquivalentList.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${file}: entry ${first.path.join(".")}: ${first.message}`);
  }
  return parsed.data;
}

export interface EquivalentMatch {
  /** Mutants excluded from the score, with the entry that excused each. */
  excluded: Map<MutantRecord, EquivalentEntry>;
  /** Entries of the labs that ran that match no surviving mutant: fix or delete them. */
  stale: EquivalentEntry[];
  /** Entries matched at another line than listed (the solution moved): update the line. */
  moved: { entry: EquivalentEntry; line: number }[];
}

/**
 * Matches entries to surviving mutants (a killed mutant is not equivalent). The listed line
 * wins; when the code moved, a single candidate with the same mutator and replacement
 * elsewhere in the file still matches, and is reported as moved.
 */
export function matchEquivalents(
  entries: EquivalentEntry[],
  mutants: MutantRecord[],
  labsRun: string[],
): EquivalentMatch {
  const result: EquivalentMatch = { excluded: new Map(), stale: [], moved: [] };
  const open = mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage");
  for (const entry of entries.filter((e) => labsRun.includes(e.lab))) {
    const candidates = open.filter(
      (m) =>
        !result.excluded.has(m) &&
        m.labId === entry.lab &&
        m.file === entry.file &&
        m.mutator === entry.mutator &&
        m.replacement === entry.replacement,
    );
    const exact = candidates.find((m) => m.line === entry.line);
    const match = exact ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!match) {
      result.stale.push(entry);
      continue;
    }
    result.excluded.set(match, entry);
    if (!exact) result.moved.push({ entry, line: match.line });
  }
  return result;
}
