/**
 * The kernel's input history, answered to `history_request` (tslab keeps none). Entries live
 * only as long as the kernel process; session 1 is "this kernel".
 */

/** One executed cell: `[session, line, input]`, or `[session, line, [input, output]]`. */
export type HistoryEntry = [number, number, string | [string, string | null]];

/** The fields of a history_request that we honour (see the Jupyter messaging spec). */
export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: string;
  session?: number;
  start?: number;
  stop?: number;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

const SESSION = 1;

export class KernelHistory {
  private readonly entries: { line: number; input: string; output: string | null }[] = [];

  /** Remember an executed cell under its execution count. */
  add(line: number, input: string, output: string | null = null): void {
    this.entries.push({ line, input, output });
  }

  /** The entries a history_request asks for ("tail", "range" or "search"), oldest first. */
  query(request: HistoryRequest): HistoryEntry[] {
    let found = this.entries;
    switch (request.hist_access_type) {
      case "range": {
        if (request.session !== undefined && request.session !== SESSION && request.session !== 0) {
          return [];
        }
        const start = request.start ?? 0;
        const stop = request.stop ?? Number.POSITIVE_INFINITY;
        found = found.filter((e) => e.line >= start && e.line < stop);
        break;
      }
      case "search": {
        const pattern = globToRegExp(request.pattern ?? "*");
        found = found.filter((e) => pattern.test(e.input));
        if (request.unique) found = lastOfEachInput(found);
        break;
      }
      default: // "tail"
        break;
    }
    const n = request.n ?? undefined;
    if (n !== undefined && n !== null && request.hist_access_type !== "range") {
      found = n > 0 ? found.slice(-n) : [];
    }
    return found.map((e) => [SESSION, e.line, request.output ? [e.input, e.output] : e.input]);
  }
}

/** IPython's search uses SQLite GLOB: `*` any text, `?` one character, the whole input. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("")
    .map((ch) =>
      ch === "*" ? "[\\s\\S]*" : ch === "?" ? "[\\s\\S]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}$`);
}

function lastOfEachInput<T extends { input: string }>(entries: T[]): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (seen.has(entries[i].input)) continue;
    seen.add(entries[i].input);
    kept.unshift(entries[i]);
  }
  return kept;
}
