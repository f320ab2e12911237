import * as fs from "node:fs";
import * as path from "node:path";
import { parentPort } from "node:worker_threads";
import type ts from "typescript";
import { projectRoot } from "../project-root";
import type { TypeCheckReply, TypeCheckRequest, TypeIssue } from "./type-check";

const tsApi = require("typescript") as typeof ts;

/** The learner files' compiler options (tsconfig.labs.json), read once. */
function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(projectRoot(), "tsconfig.labs.json");
  const read = tsApi.readConfigFile(configPath, (p) => tsApi.sys.readFile(p));
  const parsed = tsApi.parseJsonConfigFileContent(
    read.config ?? {},
    tsApi.sys,
    path.dirname(configPath),
  );
  return { ...parsed.options, noEmit: true };
}

const options = compilerOptions();
const roots = new Set<string>();
const versions = new Map<string, { mtimeMs: number; version: number }>();

function version(file: string): string {
  let mtimeMs = 0;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {}
  const known = versions.get(file);
  if (!known || known.mtimeMs !== mtimeMs)
    versions.set(file, { mtimeMs, version: (known?.version ?? 0) + 1 });
  return String(versions.get(file)?.version);
}

const service = tsApi.createLanguageService(
  {
    getScriptFileNames: () => [...roots],
    getScriptVersion: version,
    getScriptSnapshot: (f) =>
      fs.existsSync(f) ? tsApi.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined,
    getCurrentDirectory: () => projectRoot(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => tsApi.getDefaultLibFilePath(o),
    fileExists: tsApi.sys.fileExists,
    readFile: tsApi.sys.readFile,
    readDirectory: tsApi.sys.readDirectory,
    directoryExists: tsApi.sys.directoryExists,
    getDirectories: tsApi.sys.getDirectories,
  },
  tsApi.createDocumentRegistry(),
);

/** The name of the top-level declaration containing a position, if any. */
function enclosingDeclaration(source: ts.SourceFile, pos: number): string | undefined {
  for (const s of source.statements) {
    if (pos < s.getFullStart() || pos >= s.getEnd()) continue;
    if ((tsApi.isFunctionDeclaration(s) || tsApi.isClassDeclaration(s)) && s.name)
      return s.name.text;
    if (tsApi.isVariableStatement(s)) {
      const d = s.declarationList.declarations[0];
      if (d && tsApi.isIdentifier(d.name)) return d.name.text;
    }
    return undefined;
  }
  return undefined;
}

/** Exported functions' signatures (parameters and return type), as written. */
function signatures(source: ts.SourceFile): Map<string, { text: string; node: ts.Node }> {
  const out = new Map<string, { text: string; node: ts.Node }>();
  const norm = (s: string) =>
    s
      .replace(/\s+/g, " ")
      .replace(/,\s*\)/g, ")")
      .trim();
  for (const s of source.statements) {
    if (
      !tsApi.isFunctionDeclaration(s) ||
      !s.name ||
      !s.modifiers?.some((m) => m.kind === tsApi.SyntaxKind.ExportKeyword)
    )
      continue;
    const params = s.parameters
      .map((p) => norm(p.getText(source).replace(/\s*=.*$/s, "")))
      .join(", ");
    const returns = s.type ? `: ${norm(s.type.getText(source))}` : "";
    const generics = s.typeParameters
      ? `<${s.typeParameters.map((t) => norm(t.getText(source))).join(", ")}>`
      : "";
    out.set(s.name.text, { text: `${generics}(${params})${returns}`, node: s.name });
  }
  return out;
}

function location(source: ts.SourceFile, pos: number): string {
  const { line, character } = source.getLineAndCharacterOfPosition(pos);
  return `${path.relative(projectRoot(), source.fileName).replace(/\\/g, "/")}:${line + 1}:${character + 1}`;
}

function check(file: string, reference: string): TypeIssue[] {
  roots.add(file);
  const program = service.getProgram();
  const source = program?.getSourceFile(file);
  if (!program || !source) return [];
  const issues: TypeIssue[] = [];
  const diagnostics = [
    ...service.getSyntacticDiagnostics(file),
    ...service.getSemanticDiagnostics(file),
  ];
  for (const d of diagnostics) {
    if (d.category !== tsApi.DiagnosticCategory.Error) continue;
    const pos = d.start ?? 0;
    issues.push({
      kind: "type-error",
      location: location(source, pos),
      message: tsApi.flattenDiagnosticMessageText(d.messageText, " "),
      declaration: enclosingDeclaration(source, pos),
    });
  }
  if (fs.existsSync(reference)) {
    const refSource = tsApi.createSourceFile(
      reference,
      fs.readFileSync(reference, "utf8"),
      tsApi.ScriptTarget.ES2022,
      true,
    );
    const expected = signatures(refSource);
    for (const [name, got] of signatures(source)) {
      const want = expected.get(name);
      if (want && want.text !== got.text) {
        issues.push({
          kind: "signature",
          location: location(source, got.node.getStart(source)),
          message: `${name}'s signature changed: the course expects ${name}${want.text}, your file has ${name}${got.text}.`,
          declaration: name,
        });
      }
    }
  }
  return issues;
}

parentPort?.on("message", (req: TypeCheckRequest) => {
  let reply: TypeCheckReply;
  try {
    reply = { id: req.id, issues: check(req.file, req.reference) };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
