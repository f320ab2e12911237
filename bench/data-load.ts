/**
 * How long the data layer takes to load each bundled dataset (budget: every tabular
 * dataset < 200 ms, the Fashion-MNIST subset < 1 s). Prints a table; timings are not
 * asserted in unit tests because shared machines are noisy.
 *
 *   npx tsx bench/data-load.ts
 *
 * "first" is the first call in this process (cold: file read, module code not yet
 * optimised); "median" is the median of the following REPEATS calls.
 */
const REPEATS = 5;

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Row {
  what: string;
  size: string;
  first: number;
  median: number;
  budget?: number;
}

function measure(
  what: string,
  budget: number | undefined,
  fn: () => unknown,
  size: (v: unknown) => string,
): Row {
  const [first, value] = time(fn);
  const rest = Array.from({ length: REPEATS }, () => time(fn)[0]);
  return { what, size: size(value), first, median: median(rest), budget };
}

function main(): void {
  const [importMs, data] = time(() => require("../src/data") as typeof import("../src/data"));
  const rows: Row[] = [];
  for (const name of data.TABULAR_NAMES) {
    rows.push(
      measure(
        `loadDataset("${name}")`,
        200,
        () => data.loadDataset(name),
        (v) => {
          const d = v as import("../src/data").Dataset;
          return `${d.x.length} x ${d.featureNames.length}`;
        },
      ),
    );
  }
  rows.push(
    measure(
      'loadFixedSplit("digits")',
      200,
      () => data.loadFixedSplit("digits"),
      (v) => {
        const s = v as { train: { x: unknown[] }; test: { x: unknown[] } };
        return `${s.train.x.length} + ${s.test.x.length}`;
      },
    ),
  );
  for (const split of ["train", "test"] as const) {
    rows.push(
      measure(
        `loadFashionMnist("${split}")`,
        1000,
        () => data.loadFashionMnist(split),
        (v) => {
          return `${(v as { n: number }).n} x 28 x 28`;
        },
      ),
    );
  }
  const [tfImportMs] = time(() => require("@tensorflow/tfjs"));
  rows.push(
    measure(
      'fashionMnistTensors("train")',
      1000,
      () => {
        const t = data.fashionMnistTensors("train");
        const shape = t.xs.shape.join(" x ");
        t.xs.dispose();
        t.ys.dispose();
        return shape;
      },
      (v) => String(v),
    ),
  );
  for (const name of data.TEXT_NAMES) {
    rows.push(
      measure(
        `loadTextDataset("${name}")`,
        undefined,
        () => data.loadTextDataset(name),
        (v) => `${(v as { texts: unknown[] }).texts.length} texts`,
      ),
    );
  }
  for (const name of data.TIME_SERIES_NAMES) {
    rows.push(
      measure(
        `loadTimeSeries("${name}")`,
        undefined,
        () => data.loadTimeSeries(name),
        (v) => `${(v as { values: unknown[] }).values.length} values`,
      ),
    );
  }

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const table = [
    ["what", "size", "first call", `median of ${REPEATS}`, "budget", ""],
    ...rows.map((r) => [
      r.what,
      r.size,
      ms(r.first),
      ms(r.median),
      r.budget === undefined ? "-" : ms(r.budget),
      r.budget === undefined ? "" : r.first <= r.budget ? "ok" : "OVER",
    ]),
  ];
  const widths = table[0]!.map((_, j) => Math.max(...table.map((row) => row[j]!.length)));
  console.log(
    `import src/data: ${ms(importMs)}; import @tensorflow/tfjs (not counted below): ${ms(tfImportMs)}`,
  );
  for (const row of table)
    console.log(
      row
        .map((cell, j) => cell.padEnd(widths[j]!))
        .join("  ")
        .trimEnd(),
    );
  const over = rows.filter((r) => r.budget !== undefined && r.first > r.budget);
  console.log(
    over.length === 0
      ? "All loads within budget."
      : `${over.length} load(s) over budget: ${over.map((r) => r.what).join(", ")}`,
  );
}

main();
