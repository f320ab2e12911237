/**
 * Showing things in a notebook. Inside the tslab kernel these render as HTML/SVG; anywhere
 * else (a script, a test, the CLI) they fall back to plain text, so helpers never crash.
 */

type Tslab = typeof import("tslab");
let tslabModule: Tslab | null | undefined;

/** tslab's display API when running inside a tslab kernel, otherwise undefined. */
export function kernelDisplay(): Tslab | undefined {
  if (tslabModule === undefined) {
    try {
      // Only require tslab inside its kernel: it is slow to load and useless elsewhere.
      const inKernel = process.env.ML_LABS_KERNEL === "1" || process.argv.some((a) => /tslab/.test(a));
      tslabModule = inKernel ? (require("tslab") as Tslab) : null;
    } catch {
      tslabModule = null;
    }
  }
  return tslabModule ?? undefined;
}

/** Shows HTML in a notebook, or `text` elsewhere. */
export function showHtml(html: string, text: string): void {
  const tslab = kernelDisplay();
  if (tslab) tslab.display.html(html);
  else console.log(text);
}

/** Shows an SVG image in a notebook, or `text` elsewhere. */
export function showSvg(svg: string, text: string): void {
  const tslab = kernelDisplay();
  if (tslab) tslab.display.svg(svg);
  else console.log(text);
}

/** A display area that can be replaced in place (live training progress). */
export interface LiveDisplay {
  html(html: string, text: string): void;
}

/** A new live display: in the kernel it updates one output area; elsewhere it prints lines. */
export function newLiveDisplay(): LiveDisplay {
  const tslab = kernelDisplay();
  if (tslab) {
    const d = tslab.newDisplay();
    return { html: (html) => d.html(html) };
  }
  return { html: (_html, text) => console.log(text) };
}

export function escapeHtml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c);
}
