/**
 * The TypeScript that tslab compiles cells with (its own 5.0 fork, not the project's 5.9),
 * and the compiler options tslab uses, so declarations we emit say exactly what tslab would
 * have inferred from the sources.
 */
import * as path from "node:path";

/** tslab's TypeScript module; typed with the project's TypeScript, whose API it shares. */
export type TslabTypeScript = typeof import("typescript");

/** The folder of the tslab package that `root` uses. */
export function tslabDir(root: string): string {
  return path.dirname(require.resolve("tslab/package.json", { paths: [root] }));
}

/** tslab's own TypeScript, the same module instance tslab's converter uses. */
export function loadTslabTypeScript(root: string): TslabTypeScript {
  return require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir(root)] }));
}

/**
 * The options of tslab 1.0.22's converter (dist/converter.js, createConverter) that change
 * what a declaration says: module kind and resolution, target and lib (Node ≥ 18), and
 * non-strict checking.
 */
export function tslabCompilerOptions(
  ts: TslabTypeScript,
  root: string,
): import("typescript").CompilerOptions {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    allowJs: true,
    skipLibCheck: true,
    rootDir: root,
  };
}
