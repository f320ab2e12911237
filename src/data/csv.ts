/**
 * A small, fast RFC 4180 CSV reader for the files in datasets/: comma-separated, fields
 * optionally in double quotes ("" inside quotes is one quote; quoted fields may hold commas
 * and newlines), LF or CRLF line ends, optional UTF-8 BOM. Blank lines are skipped.
 *
 * Cells stay strings here; `numericColumn` and `toRecords` turn them into numbers, with
 * the empty string, "NA" and "NaN" meaning "missing".
 */
import { DataError, displayPath, readFileOrThrow } from "./errors";

/** A parsed CSV file: header names and string cells, with the line each row started on. */
export interface CsvTable {
  /** The file as shown in error messages (`datasets/tabular/iris.csv`, or the absolute path). */
  file: string;
  header: string[];
  /** rows[i][j] is the cell of data row i (0-based, header not counted), column j. */
  rows: string[][];
  /** 1-based line number in the file where data row i starts (the header is line 1). */
  lines: number[];
}

/** A cell a CSV reader treats as missing: empty, "NA" (R) or "NaN". */
export function isMissingCell(cell: string): boolean {
  return cell === "" || cell === "NA" || cell === "NaN";
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A decimal number in a cell, or NaN when the cell is missing or not a number. */
export function parseNumber(cell: string): number {
  return NUMBER.test(cell) ? Number(cell) : Number.NaN;
}

/** True when the cell holds a decimal number such as `-1.5e3` (hex, "Infinity" are not). */
export function isNumberCell(cell: string): boolean {
  return NUMBER.test(cell);
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Parses CSV text. `file` is only used in error messages, e.g.
 * `datasets/tabular/x.csv line 17: expected 6 fields, got 5`.
 * @throws DataError for an empty file, a row with the wrong number of fields, an unclosed
 *   quote, or text right after a closing quote.
 */
export function parseCsv(text: string, file = "<csv text>"): CsvTable {
  const records: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let quoted = false;
    // Parse one record: fields until an unquoted line end or the end of the text.
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        quoted = true;
        const openLine = line;
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            throw new DataError(
              `${file} line ${openLine}: a quoted field is never closed (missing ")`,
            );
          }
          value += text.slice(from, q);
          line += countNewlines(text, from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fields.push(value);
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          throw new DataError(
            `${file} line ${line}: unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")`,
          );
        }
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === COMMA || c === LF || c === CR) break;
          end++;
        }
        fields.push(text.slice(i, end));
        i = end;
      }
      // i is now at a comma, a line end, or the end of the text.
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      if (i < n && text.charCodeAt(i) === CR) i++;
      if (i < n && text.charCodeAt(i) === LF) i++;
      line++;
      break;
    }
    const blank = fields.length === 1 && fields[0] === "" && !quoted;
    if (!blank) {
      records.push(fields);
      lines.push(startLine);
    }
  }
  if (records.length === 0) throw new DataError(`${file} is empty: expected a header line`);
  const header = records[0]!;
  const rows = records.slice(1);
  const rowLines = lines.slice(1);
  for (let r = 0; r < rows.length; r++) {
    if (rows[r]!.length !== header.length) {
      throw new DataError(
        `${file} line ${rowLines[r]}: expected ${header.length} fields, got ${rows[r]!.length}`,
      );
    }
  }
  return { file, header, rows, lines: rowLines };
}

/**
 * Reads and parses a CSV file (UTF-8); a relative path is taken from the project root.
 * Errors name the file as `displayPath` shows it.
 */
export function readCsv(filePath: string): CsvTable {
  return parseCsv(readFileOrThrow(filePath).toString("utf8"), displayPath(filePath));
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf("\n", from); k !== -1 && k < to; k = text.indexOf("\n", k + 1)) count++;
  return count;
}

/**
 * The position of a column by name.
 * @throws DataError `Column "species2" not found in datasets/tabular/iris.csv. Columns: ...`
 */
export function columnIndex(table: CsvTable, name: string): number {
  const index = table.header.indexOf(name);
  if (index === -1) {
    throw new DataError(
      `Column "${name}" not found in ${table.file}. Columns: ${table.header.join(", ")}`,
    );
  }
  return index;
}

/**
 * One column as numbers; missing cells (empty, NA, NaN) become NaN.
 * @throws DataError naming file, line and column when a cell is not a number.
 */
export function numericColumn(table: CsvTable, name: string): number[] {
  const j = columnIndex(table, name);
  return table.rows.map((row, r) => {
    const cell = row[j]!;
    if (isMissingCell(cell)) return Number.NaN;
    const value = parseNumber(cell);
    if (Number.isNaN(value)) {
      throw new DataError(
        `${table.file} line ${table.lines[r]}, column "${name}": "${cell}" is not a number`,
      );
    }
    return value;
  });
}

/** One column as strings; missing cells become null. */
export function stringColumn(table: CsvTable, name: string): (string | null)[] {
  const j = columnIndex(table, name);
  return table.rows.map((row) => (isMissingCell(row[j]!) ? null : row[j]!));
}

/** One column of a CSV file with the type `toColumns` inferred for it. */
export type CsvColumn =
  | { name: string; kind: "number"; values: number[] }
  | { name: string; kind: "string"; values: (string | null)[] };

/**
 * Columns with inferred types: a column whose every non-missing cell is a number holds
 * numbers (missing = NaN); any other column holds strings (missing = null).
 */
export function toColumns(table: CsvTable): CsvColumn[] {
  return table.header.map((name, j): CsvColumn => {
    const cells = table.rows.map((row) => row[j]!);
    if (cells.every((cell) => isMissingCell(cell) || isNumberCell(cell))) {
      return {
        name,
        kind: "number",
        values: cells.map((cell) => (isMissingCell(cell) ? Number.NaN : Number(cell))),
      };
    }
    return {
      name,
      kind: "string",
      values: cells.map((cell) => (isMissingCell(cell) ? null : cell)),
    };
  });
}

/** A raw row: column name → number, string, or null when missing. */
export type CsvRecord = Record<string, number | string | null>;

/** Rows as objects, typed per column as in `toColumns`, with missing cells as null. */
export function toRecords(table: CsvTable): CsvRecord[] {
  const columns = toColumns(table);
  return table.rows.map((_, r) => {
    const record: CsvRecord = {};
    for (const column of columns) {
      const value = column.values[r];
      record[column.name] = typeof value === "number" && Number.isNaN(value) ? null : value;
    }
    return record;
  });
}
