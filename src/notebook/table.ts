/**
 * Tables in a notebook. danfo's `print()` draws a box-drawing text table that wraps into an
 * unreadable grid once it is wider than the output area; this renders an HTML table that
 * scrolls sideways instead, with an aligned plain-text version for the terminal.
 */
import { escapeHtml, showHtml } from "./display";

/** A danfo DataFrame or Series, seen structurally (so this module need not load danfo). */
export interface FrameLike {
  values: unknown[] | unknown[][];
  index: (string | number)[];
  columns?: string[];
  /** A Series' name. */
  name?: string;
}

export interface TableOptions {
  /** Rows shown (default 10); the rest is summarised. */
  maxRows?: number;
  /** Significant digits for numbers (default 4). */
  digits?: number;
  title?: string;
}

interface Table {
  header: string[];
  rows: string[][];
  hidden: number;
}

function cell(v: unknown, digits: number): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "NaN";
  if (typeof v === "number")
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(digits)));
  return String(v);
}

/** The table's header and formatted rows (index first). */
export function toTable(frame: FrameLike, options: TableOptions = {}): Table {
  const maxRows = options.maxRows ?? 10;
  const digits = options.digits ?? 4;
  // A Series has one value per row (and danfo still gives it a one-name `columns`).
  const isSeries = frame.values.length > 0 && !Array.isArray(frame.values[0]);
  const header = [
    "",
    ...(isSeries ? [frame.name ?? frame.columns?.[0] ?? "value"] : (frame.columns ?? [])),
  ];
  const rows = frame.index.slice(0, maxRows).map((label, i) => {
    const row = frame.values[i];
    return [String(label), ...(Array.isArray(row) ? row : [row]).map((v) => cell(v, digits))];
  });
  return { header, rows, hidden: Math.max(0, frame.index.length - maxRows) };
}

export function tableText(t: Table): string {
  const widths = t.header.map((h, j) => Math.max(h.length, ...t.rows.map((r) => r[j].length)));
  const line = (r: string[]) =>
    r
      .map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j])))
      .join("  ")
      .trimEnd();
  const out = [line(t.header), ...t.rows.map(line)];
  if (t.hidden > 0) out.push(`… ${t.hidden} more row(s)`);
  return out.join("\n");
}

export function tableHtml(t: Table, title?: string): string {
  const th = t.header
    .map(
      (h) =>
        `<th style="text-align:right;padding:2px 8px;border-bottom:1px solid #999">${escapeHtml(h)}</th>`,
    )
    .join("");
  const tr = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => `<td style="text-align:${j === 0 ? "left" : "right"};padding:2px 8px;${j === 0 ? "font-weight:bold;" : ""}">${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("");
  const more =
    t.hidden > 0 ? `<div style="color:#666;font-size:12px">… ${t.hidden} more row(s)</div>` : "";
  const head = title
    ? `<div style="font-weight:bold;margin-bottom:2px">${escapeHtml(title)}</div>`
    : "";
  return `<div style="overflow-x:auto;max-width:100%;font-family:monospace;font-size:12px">${head}<table style="border-collapse:collapse;white-space:nowrap">${`<thead><tr>${th}</tr></thead>`}<tbody>${tr}</tbody></table>${more}</div>`;
}

/** Shows a DataFrame or Series as a table that scrolls sideways when it is wide. */
export function showTable(frame: FrameLike, options: TableOptions = {}): void {
  const t = toTable(frame, options);
  const text = tableText(t);
  showHtml(tableHtml(t, options.title), options.title ? `${options.title}\n${text}` : text);
}
