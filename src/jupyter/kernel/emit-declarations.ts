/**
 * Emit declaration files for the project's modules with tslab's TypeScript and options.
 * Slow (a full type-check of the course code, several seconds), so it runs once per change
 * of the sources, in a worker thread, and the result is cached (declaration-cache.ts).
 */
import * as path from "node:path";
import { declarationPathOf, listDeclaredSources } from "./declaration-cache";
import { type TslabTypeScript, tslabCompilerOptions } from "./tslab-typescript";

export interface EmittedDeclarations {
  /** Module source relative to root ("/" separated) → declaration text. */
  declarations: Map<string, string>;
  /** Modules left out because their declaration had errors (notebooks then see the source). */
  skipped: string[];
}

export function emitDeclarations(
  ts: TslabTypeScript,
  root: string,
  sources = listDeclaredSources(root),
): EmittedDeclarations {
  const outDir = path.join(root, ".cache", "virtual-out");
  const options = {
    ...tslabCompilerOptions(ts, root),
    declaration: true,
    emitDeclarationOnly: true,
    outDir,
  };
  const host = ts.createCompilerHost(options);
  const written = new Map<string, string>();
  host.writeFile = (fileName, text) =>
    written.set(path.relative(outDir, fileName).split(path.sep).join("/"), text);
  const program = ts.createProgram(
    sources.map((rel) => path.join(root, rel)),
    options,
    host,
  );
  const result = program.emit();
  // A module whose declaration could not be emitted cleanly keeps being seen as source.
  const broken = new Set<string>();
  for (const d of result.diagnostics) {
    if (d.file) broken.add(path.relative(root, d.file.fileName).split(path.sep).join("/"));
  }
  const declarations = new Map<string, string>();
  const skipped: string[] = [];
  for (const source of sources) {
    const text = written.get(declarationPathOf(source));
    if (text === undefined || broken.has(source)) skipped.push(source);
    else declarations.set(source, text);
  }
  return { declarations, skipped };
}
