/**
 * Which top-level names a notebook cell declares, and which names it uses from earlier
 * cells, read with the TypeScript compiler API (the copy tslab already loaded).
 */
import * as ts from "typescript";

const CELL_FILE = "cell.ts";

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile(CELL_FILE, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** Names the cell declares at top level: variables (also destructured), functions, classes, imports, types. */
export function declaredNames(code: string): string[] {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addBinding(el.name);
  };
  for (const st of parse(code).statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) addBinding(d.name);
    } else if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st) ||
        ts.isImportEqualsDeclaration(st)) &&
      st.name
    ) {
      names.add(st.name.text);
    } else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) {
      names.add(st.name.text);
    } else if (ts.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const el of bindings.elements) names.add(el.name.text);
    }
  }
  return [...names];
}

/**
 * Names the cell uses but does not declare anywhere in itself (so they must come from an
 * earlier cell or be globals), in order of first use. Property names (`x.name`, `{ name: 1 }`)
 * are not uses; a local that shadows a name is not either.
 */
export function freeNames(code: string): string[] {
  const sourceFile = parse(code);
  const host = ts.createCompilerHost({});
  host.getSourceFile = (fileName) => (fileName === CELL_FILE ? sourceFile : undefined);
  host.fileExists = (fileName) => fileName === CELL_FILE;
  host.readFile = (fileName) => (fileName === CELL_FILE ? code : undefined);
  // No lib and no imports resolved: only the cell's own declarations bind.
  const program = ts.createProgram({
    rootNames: [CELL_FILE],
    options: { noLib: true, noResolve: true, types: [], allowJs: false },
    host,
  });
  const checker = program.getTypeChecker();
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    // An unresolved type name comes back as the checker's "unknown" symbol, with no declarations.
    if (
      ts.isIdentifier(node) &&
      isUse(node) &&
      !checker.getSymbolAtLocation(node)?.declarations?.length
    ) {
      found.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return [...found];
}

/** False for identifiers that name a member or label rather than refer to a variable. */
function isUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isPropertyAccessExpression(p) || ts.isPropertyAccessChain(p)) && p.name === id)
    return false;
  if (ts.isQualifiedName(p) && p.right === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === id) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isJsxAttribute(p) || ts.isMetaProperty(p)) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isGetAccessor(p) ||
      ts.isSetAccessor(p) ||
      ts.isEnumMember(p)) &&
    p.name === id
  ) {
    return false;
  }
  return true;
}
