/**
 * A cache of declaration files (.d.ts) for the project's own modules, emitted once by
 * tslab's TypeScript, so a notebook cell is type-checked against small declarations instead
 * of the whole source graph behind `./src/...`.
 *
 * Layout: `.cache/tslab-declarations/<key>/manifest.json` plus one `.d.ts` per module, at the
 * module's path relative to the project root. The key hashes every input file's content,
 * so editing any course module (or upgrading tslab) selects a new folder; nothing is ever
 * read from a stale one.
 */
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Bump when the emitted layout or options change, so old caches are ignored. */
const FORMAT_VERSION = 1;

/** Folders (relative to the root) whose modules notebooks see through declarations. */
export const DECLARED_FOLDERS = ["src", "solutions"] as const;

export const CACHE_DIR = path.join(".cache", "tslab-declarations");

export interface DeclarationManifest {
  format: number;
  key: string;
  /** Module source (relative, "/" separated) → its declaration text's file in the cache folder. */
  declarations: Record<string, string>;
}

/** Every `.ts` module under the declared folders, relative to `root`, sorted ("/" separated). */
export function listDeclaredSources(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (isModuleSource(entry.name)) found.push(rel);
    }
  };
  for (const folder of DECLARED_FOLDERS) walk(folder);
  return found.sort();
}

function isModuleSource(name: string): boolean {
  return /\.tsx?$/.test(name) && !name.endsWith(".d.ts");
}

/**
 * The cache key of the sources as they are now: a hash of the format, the compiler's
 * version and every declared source's path and content.
 */
export function cacheKey(
  root: string,
  compilerVersion: string,
  sources = listDeclaredSources(root),
): string {
  const hash = createHash("sha256");
  hash.update(
    `format ${FORMAT_VERSION}\0compiler ${compilerVersion}\0node ${process.versions.node.split(".")[0]}\0`,
  );
  for (const rel of sources) {
    hash.update(`${rel}\0`);
    hash.update(fs.readFileSync(path.join(root, rel)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 24);
}

/**
 * The cached declarations for `key`, as absolute `.d.ts` path → text, or undefined if there
 * is no complete cache for this key.
 */
export function readDeclarations(root: string, key: string): Map<string, string> | undefined {
  const dir = path.join(root, CACHE_DIR, key);
  let manifest: DeclarationManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.format !== FORMAT_VERSION || manifest.key !== key) return undefined;
  const result = new Map<string, string>();
  try {
    for (const [source, declFile] of Object.entries(manifest.declarations)) {
      result.set(
        path.join(root, declarationPathOf(source)),
        fs.readFileSync(path.join(dir, declFile), "utf8"),
      );
    }
  } catch {
    return undefined;
  }
  return result;
}

/** `src/data/index.ts` → `src/data/index.d.ts` (where TypeScript looks for it). */
export function declarationPathOf(source: string): string {
  return source.replace(/\.tsx?$/, ".d.ts");
}

/**
 * Store `declarations` (module source relative to root → declaration text) under `key`.
 * Written to a temporary folder and renamed into place, so a reader never sees half a cache
 * and two kernels writing at once cannot corrupt it. Older keys are removed.
 */
export function writeDeclarations(
  root: string,
  key: string,
  declarations: Map<string, string>,
): void {
  const cacheRoot = path.join(root, CACHE_DIR);
  const finalDir = path.join(cacheRoot, key);
  const tempDir = path.join(cacheRoot, `.tmp-${randomUUID()}`);
  const manifest: DeclarationManifest = { format: FORMAT_VERSION, key, declarations: {} };
  for (const [source, text] of declarations) {
    const declFile = declarationPathOf(source);
    fs.mkdirSync(path.dirname(path.join(tempDir, declFile)), { recursive: true });
    fs.writeFileSync(path.join(tempDir, declFile), text);
    manifest.declarations[source] = declFile;
  }
  fs.writeFileSync(path.join(tempDir, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  try {
    fs.renameSync(tempDir, finalDir);
  } catch {
    // Another kernel stored the same key first: its copy is as good as ours.
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
  for (const entry of fs.readdirSync(cacheRoot)) {
    if (entry !== key && !entry.startsWith(".tmp-")) {
      fs.rmSync(path.join(cacheRoot, entry), { recursive: true, force: true });
    }
  }
}
