import { describe, expect, it } from "vitest";
import { loadDataFrame } from "../../src/data";
import { tableHtml, tableText, toTable } from "../../src/notebook/table";

describe("showTable", () => {
  it("formats a danfo DataFrame: index, columns, 4 significant digits, NaN, hidden rows", async () => {
    const cars = await loadDataFrame("auto_mpg");
    const t = toTable(cars.loc({ columns: ["mpg", "horsepower"] }) as never, { maxRows: 3 });
    expect(t.header).toEqual(["", "mpg", "horsepower"]);
    expect(t.rows).toHaveLength(3);
    expect(t.hidden).toBe(cars.shape[0] - 3);
    const text = tableText(t);
    expect(text.split("\n")[0]).toMatch(/^\s+mpg\s+horsepower$/);
    expect(text).toMatch(/more row\(s\)$/);
  });

  it("formats a Series and scrolls instead of wrapping", () => {
    const t = toTable({ values: [1 / 3, Number.NaN], index: ["a", "b"], name: "x" });
    expect(t.rows).toEqual([
      ["a", "0.3333"],
      ["b", "NaN"],
    ]);
    const html = tableHtml(t);
    expect(html).toContain("overflow-x:auto");
    expect(html).toContain("white-space:nowrap");
  });
});
