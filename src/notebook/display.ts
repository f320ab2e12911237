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
      const inKernel =
        process.env.ML_LABS_KERNEL === "1" || process.argv.some((a) => /tslab/.test(a));
      tslabModule = inKernel ? (require("tslab") as Tslab) : null;
    } catch {
      tslabModule = null;
    }
  }
  return tslabModule ?? undefined;
}

type WriteDisplayData = (
  data: { data: Record<string, string>; metadata: object; transient: { display_id?: string } },
  update: boolean,
) => void;

/** tslab's low-level display writer: it can send a MIME bundle, which `tslab.display` cannot. */
function displayWriter(): WriteDisplayData | undefined {
  if (!kernelDisplay()) return undefined;
  try {
    return (
      (require("tslab/dist/jupyter") as { lastWriteDisplayData: WriteDisplayData | null })
        .lastWriteDisplayData ?? undefined
    );
  } catch {
    return undefined;
  }
}

let displayCounter = 0;

/**
 * Shows HTML in a notebook with a plain-text alternative (for front ends and saved notebooks
 * that do not render HTML, and for nbconvert to text), or `text` elsewhere.
 */
export function showHtml(html: string, text: string, displayId?: string, update = false): void {
  const write = displayWriter();
  if (write)
    write(
      {
        data: { "text/html": html, "text/plain": text },
        metadata: {},
        transient: displayId ? { display_id: displayId } : {},
      },
      update,
    );
  else if (!update) console.log(text);
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
  if (displayWriter()) {
    const id = `ml-labs-${process.pid}-${++displayCounter}`;
    let shown = false;
    return {
      html(html, text) {
        showHtml(html, text, id, shown);
        shown = true;
      },
    };
  }
  return { html: (_html, text) => console.log(text) };
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c,
  );
}
