/**
 * `require` for a TypeScript file, wherever we run: natively when a TypeScript loader is
 * registered (tsx in the CLI, the kernel and check sandboxes), else through tsx's API (vitest,
 * plain Node). Used to load course units lazily.
 */
export function requireTs(file: string): unknown {
  if (require.extensions[".ts"] && !process.env.VITEST) return require(file);
  const tsx = require("tsx/cjs/api") as { require: (id: string, from: string) => unknown };
  return tsx.require(file, __filename);
}
