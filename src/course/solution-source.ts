import * as fs from "node:fs";
import { solutionFilePath } from "./paths";

/**
 * The reference code of the named exports in `solutions/<lab>.ts`, with their doc comments
 * and without the stub markers: what `solution()` shows a learner.
 */
export function solutionSource(labId: string, exportNames: string[]): string {
  // typescript is only needed here, so it is loaded on demand (it takes ~0.3 s).
  const ts = require("typescript") as typeof import("typescript");
  const file = solutionFilePath(labId);
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const pieces: string[] = [];
  for (const name of exportNames) {
    const node = source.statements.find((s) => declaredNames(ts, s).includes(name));
    if (!node) throw new Error(`solutions/${labId}.ts has no export named ${name}.`);
    pieces.push(text.slice(node.getFullStart(), node.getEnd()).trim());
  }
  return pieces
    .join("\n\n")
    .split("\n")
    .filter(
      (l) => !/^\s*\/\/ (BEGIN|END) SOLUTION(-ONLY)?\s*$/.test(l) && !/^\s*\/\/ stub: /.test(l),
    )
    .map((l) => l.replace(/\s*\/\/ solution-only\s*$/, ""))
    .join("\n");
}

function declaredNames(
  ts: typeof import("typescript"),
  s: import("typescript").Statement,
): string[] {
  if (
    (ts.isFunctionDeclaration(s) ||
      ts.isClassDeclaration(s) ||
      ts.isInterfaceDeclaration(s) ||
      ts.isTypeAliasDeclaration(s)) &&
    s.name
  ) {
    return [s.name.text];
  }
  if (ts.isVariableStatement(s)) {
    return s.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [],
    );
  }
  return [];
}
