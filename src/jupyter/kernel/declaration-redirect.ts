/**
 * Make tslab's compiler see the project's modules through their declarations: for every
 * module with a cached `.d.ts`, the `.ts` source is hidden from tslab's TypeScript and the
 * declaration appears next to it (in memory). Module resolution then picks the `.d.ts`, so
 * a cell that imports `./src/data` is type-checked against its declarations (skipLibCheck:
 * declarations themselves are not re-checked) and tslab neither checks nor emits the module's
 * sources. At run time Node (with tsx) loads the real `.ts`, as it already did for folder
 * imports. Files outside the declared folders, such as the learner's `labs/*.ts`, are
 * untouched: tslab checks, emits and re-reads them on every change as before.
 *
 * Only tslab's TypeScript (`ts.sys`) is affected; Node, tsx and the project's own
 * TypeScript read the real files.
 */
import type { TslabTypeScript } from "./tslab-typescript";

export interface DeclarationRedirect {
  /** How many modules are seen through declarations. */
  readonly size: number;
}

/**
 * Patch `ts.sys` so that every `<module>.d.ts` in `declarations` (absolute path → text)
 * exists, and the `.ts`/`.tsx` source it stands for does not.
 */
export function redirectToDeclarations(
  ts: TslabTypeScript,
  byPath: ReadonlyMap<string, string>,
): DeclarationRedirect {
  // TypeScript asks with "/" separators, also on Windows.
  const declarations = new Map([...byPath].map(([file, text]) => [file.replace(/\\/g, "/"), text]));
  const hidden = new Set<string>();
  for (const declPath of declarations.keys()) {
    const base = declPath.slice(0, -".d.ts".length);
    hidden.add(`${base}.ts`);
    hidden.add(`${base}.tsx`);
  }
  const sys = ts.sys;
  const fileExists = sys.fileExists;
  const readFile = sys.readFile;
  sys.fileExists = (file) => {
    if (declarations.has(file)) return true;
    if (hidden.has(file)) return false;
    return fileExists.call(sys, file);
  };
  sys.readFile = (file, encoding) => declarations.get(file) ?? readFile.call(sys, file, encoding);
  return { size: declarations.size };
}
