import { describe, expect, it } from "vitest";
import { parseCsv, readCsv, toColumns, toRecords } from "../../src/data";
import { columnIndex, numericColumn, parseNumber } from "../../src/data/csv";
import { expectDataError, tempFile } from "./helpers";

describe("parseCsv", () => {
  it.each([
    [
      "plain LF",
      "a,b\n1,2\n3,4\n",
      [
        ["1", "2"],
        ["3", "4"],
      ],
    ],
    [
      "CRLF and no final newline",
      "a,b\r\n1,2\r\n3,4",
      [
        ["1", "2"],
        ["3", "4"],
      ],
    ],
    ["quoted comma and doubled quote", 'a,b\n"x, y","say ""hi"""\n', [["x, y", 'say "hi"']]],
    ["newline inside quotes", 'a,b\n"line1\nline2",2\n', [["line1\nline2", "2"]]],
    [
      "empty cells",
      "a,b,c\n,,\n1,,3\n",
      [
        ["", "", ""],
        ["1", "", "3"],
      ],
    ],
    ["blank lines skipped", "a,b\n\n1,2\n\n", [["1", "2"]]],
    ["UTF-8 BOM", "\uFEFFa,b\n1,2\n", [["1", "2"]]],
    ["quoted empty field", 'a\n""\n', [[""]]],
  ])("%s", (_, text, rows) => {
    const table = parseCsv(text, "t.csv");
    expect(table.header[0]).toBe("a");
    expect(table.rows).toEqual(rows);
  });

  it("records the line each row starts on, counting newlines inside quotes", () => {
    const table = parseCsv('a,b\n"1\n1",2\n3,4\n', "t.csv");
    expect(table.lines).toEqual([2, 4]);
  });

  it.each([
    ["a row with too few fields", "a,b,c\n1,2,3\n1,2\n", "t.csv line 3: expected 3 fields, got 2"],
    [
      "a row with too many fields",
      "a,b\n1,2\n3,4\n5,6,7\n",
      "t.csv line 4: expected 2 fields, got 3",
    ],
    [
      "an unclosed quote",
      'a,b\n1,2\n"oops,3\n',
      't.csv line 3: a quoted field is never closed (missing ")',
    ],
    [
      "text after a closing quote",
      'a,b\n"x"y,2\n',
      't.csv line 2: unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")',
    ],
    ["an empty file", "", "t.csv is empty: expected a header line"],
  ])("rejects %s", (_, text, message) => {
    expectDataError(() => parseCsv(text, "t.csv"), message);
  });
});

describe("readCsv and columns", () => {
  it("names a malformed row of a file by path and line", () => {
    const file = tempFile("bad.csv", `a,b,c,d,e,f\n${"1,2,3,4,5,6\n".repeat(15)}1,2,3,4,5\n`);
    expectDataError(() => readCsv(file), `${file} line 17: expected 6 fields, got 5`);
  });

  it("reports a missing file with what to do", () => {
    expectDataError(
      () => readCsv("/no/such/dir/x.csv"),
      "File not found: /no/such/dir/x.csv (run from a full clone; datasets ship with the repo)",
    );
  });

  it("shows bundled files relative to the project root", () => {
    const table = readCsv("datasets/tabular/iris.csv");
    expect(table.file).toBe("datasets/tabular/iris.csv");
    expect(table.rows).toHaveLength(150);
  });

  it("lists the columns when one is not found", () => {
    const table = parseCsv("sepal,species\n1,a\n", "datasets/tabular/iris.csv");
    expectDataError(
      () => columnIndex(table, "species2"),
      'Column "species2" not found in datasets/tabular/iris.csv. Columns: sepal, species',
    );
  });

  it("parses numbers with missing values as NaN and names a bad cell", () => {
    const table = parseCsv("x,y\n1.5,a\n,b\nNA,c\n-2e3,d\nabc,e\n", "t.csv");
    expectDataError(
      () => numericColumn(table, "x"),
      't.csv line 6, column "x": "abc" is not a number',
    );
    // The blank line is skipped (as pandas does); "NA" is a missing value.
    const ok = parseCsv("x\n1.5\n\nNA\n-2e3\n", "t.csv");
    expect(numericColumn(ok, "x")).toEqual([1.5, Number.NaN, -2000]);
    expect(numericColumn(parseCsv("x,y\n1,\n,2\n", "t.csv"), "x")).toEqual([1, Number.NaN]);
  });

  it.each([
    ["42", 42],
    ["-0.5", -0.5],
    [".5", 0.5],
    ["1e-3", 0.001],
    ["0x10", Number.NaN],
    ["Infinity", Number.NaN],
    ["", Number.NaN],
    ["1,5", Number.NaN],
  ])("parseNumber(%j) = %s", (cell, value) => {
    expect(parseNumber(cell)).toBe(value);
  });

  it("infers column types for records and columns", () => {
    const table = parseCsv("n,s,m\n1,a,\n2,,3\n", "t.csv");
    expect(toRecords(table)).toEqual([
      { n: 1, s: "a", m: null },
      { n: 2, s: null, m: 3 },
    ]);
    expect(toColumns(table).map((c) => c.kind)).toEqual(["number", "string", "number"]);
  });
});
