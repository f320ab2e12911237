import { describe, expect, it } from "vitest";
import {
  datasetToDataFrame,
  datasetToTensors,
  loadCsvDataset,
  loadDataFrame,
  loadDataset,
  loadRecords,
  subsetDataset,
  TABULAR_NAMES,
  toMatrix,
  toTensor2d,
} from "../../src/data";
import { countBy, expectDataError, tempFile } from "./helpers";

/** What every bundled tabular dataset must look like (default options: complete rows only). */
const EXPECTED = [
  {
    name: "iris",
    rows: 150,
    features: 4,
    x: [0.1, 7.9],
    y: [0, 2],
    classes: { 0: 50, 1: 50, 2: 50 },
  },
  {
    name: "wine",
    rows: 178,
    features: 13,
    x: [0.13, 1680],
    y: [0, 2],
    classes: { 0: 59, 1: 71, 2: 48 },
  },
  {
    name: "breast_cancer",
    rows: 569,
    features: 30,
    x: [0, 4254],
    y: [0, 1],
    classes: { 0: 212, 1: 357 },
  },
  {
    name: "digits",
    rows: 1797,
    features: 64,
    x: [0, 16],
    y: [0, 9],
    classes: { 0: 178, 1: 182, 2: 177, 3: 183, 4: 181, 5: 182, 6: 181, 7: 179, 8: 174, 9: 180 },
  },
  { name: "diabetes", rows: 442, features: 10, x: [1, 301], y: [25, 346] },
  { name: "auto_mpg", rows: 392, features: 6, x: [3, 5140], y: [9, 46.6] },
  { name: "airquality", rows: 111, features: 5, x: [1, 334], y: [1, 168] },
  { name: "mtcars", rows: 32, features: 10, x: [0, 472], y: [10.4, 33.9] },
  {
    name: "arrests",
    rows: 5226,
    features: 3,
    x: [0, 2002],
    y: [0, 1],
    classes: { 0: 892, 1: 4334 },
  },
] as const;

describe("loadDataset", () => {
  it("covers every registered tabular dataset", () => {
    expect(EXPECTED.map((e) => e.name).sort()).toEqual([...TABULAR_NAMES].sort());
  });

  it.each(EXPECTED)("$name: shape, dtypes, value range and classes", (e) => {
    const ds = loadDataset(e.name);
    expect(ds.name).toBe(e.name);
    expect(ds.x).toHaveLength(e.rows);
    expect(ds.y).toHaveLength(e.rows);
    expect(ds.featureNames).toHaveLength(e.features);
    expect(ds.featureNames).not.toContain(ds.targetName);
    expect(ds.x.every((row) => row.length === e.features)).toBe(true);
    const flat = ds.x.flat();
    expect(flat.every(Number.isFinite)).toBe(true);
    expect([Math.min(...flat), Math.max(...flat)]).toEqual(e.x);
    expect([Math.min(...ds.y), Math.max(...ds.y)]).toEqual(e.y);
    if ("classes" in e) {
      expect(countBy(ds.y)).toEqual(e.classes);
      expect(ds.labelNames).toHaveLength(Object.keys(e.classes).length);
      expect(ds.y.every(Number.isInteger)).toBe(true);
    } else {
      expect(ds.labelNames).toBeUndefined();
    }
    expect(ds.rowIndices).toHaveLength(e.rows);
  });

  it("names iris, breast cancer and auto_mpg columns as documented", () => {
    const iris = loadDataset("iris");
    expect(iris.featureNames).toEqual([
      "sepal_length",
      "sepal_width",
      "petal_length",
      "petal_width",
    ]);
    expect(iris.labelNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(loadDataset("breast_cancer").labelNames).toEqual(["malignant", "benign"]);
    const auto = loadDataset("auto_mpg");
    expect(auto.targetName).toBe("mpg");
    expect(auto.featureNames).toEqual([
      "cylinders",
      "displacement",
      "horsepower",
      "weight",
      "acceleration",
      "model_year",
    ]);
  });

  it("keeps missing values as NaN when dropMissing is false", () => {
    const auto = loadDataset("auto_mpg", { dropMissing: false });
    expect(auto.x).toHaveLength(406);
    expect(auto.y.filter(Number.isNaN)).toHaveLength(8);
    const hp = auto.featureNames.indexOf("horsepower");
    expect(auto.x.filter((row) => Number.isNaN(row[hp]!))).toHaveLength(6);
    const air = loadDataset("airquality", { dropMissing: false });
    expect(air.x).toHaveLength(153);
    expect(air.y.filter(Number.isNaN)).toHaveLength(37);
  });

  it("one-hot encodes auto_mpg's origin on request", () => {
    const auto = loadDataset("auto_mpg", { categorical: "onehot" });
    expect(auto.featureNames.slice(-3)).toEqual(["origin_Europe", "origin_Japan", "origin_USA"]);
    for (const row of auto.x) expect(row.slice(-3).reduce((a, b) => a + b, 0)).toBe(1);
    const counts = [0, 1, 2].map((k) => auto.x.filter((row) => row[6 + k] === 1).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(392);
  });

  it("rejects an unknown name, listing the valid ones", () => {
    expectDataError(
      () => loadDataset("irsi"),
      'Unknown dataset "irsi". Available: iris, wine, breast_cancer, digits, diabetes, auto_mpg, airquality, mtcars, arrests',
    );
  });
});

describe("loadRecords", () => {
  it("returns raw rows with null for missing values", () => {
    const rows = loadRecords("auto_mpg");
    expect(rows).toHaveLength(406);
    expect(rows[38]).toMatchObject({
      mpg: 25,
      horsepower: null,
      origin: "USA",
      name: "ford pinto",
    });
    const air = loadRecords("airquality");
    expect(air[4]).toEqual({
      Ozone: null,
      "Solar.R": null,
      Wind: 14.3,
      Temp: 56,
      Month: 5,
      Day: 5,
    });
  });

  it("reads time series and text files too", () => {
    expect(loadRecords("air_passengers")[0]).toEqual({ date: "1949-01", passengers: 112 });
    expect(loadRecords("austen_passages")[0]).toMatchObject({
      target: 0,
      book: "Sense & Sensibility",
    });
  });

  it("reads the arrests data and the UCBAdmissions count table", () => {
    const arrests = loadRecords("arrests");
    expect(arrests).toHaveLength(5226);
    expect(arrests[0]).toEqual({
      released: "Yes",
      colour: "White",
      year: 2002,
      age: 21,
      sex: "Male",
      employed: "Yes",
      citizen: "Yes",
      checks: 3,
      target: 1,
    });
    expect(arrests.every((r) => r.target === (r.released === "Yes" ? 1 : 0))).toBe(true);
    const ucb = loadRecords("ucb_admissions");
    expect(ucb).toHaveLength(24);
    expect(ucb.reduce((s, r) => s + (r.count as number), 0)).toBe(4526);
    expect(ucb[0]).toEqual({ admit: "Admitted", gender: "Male", dept: "A", count: 512 });
  });

  it("rejects an unknown name", () => {
    expectDataError(
      () => loadRecords("nope"),
      /^Unknown dataset "nope"\. Available: iris, .*sunspots_monthly.*spam_assassin/,
    );
  });
});

describe("loadCsvDataset", () => {
  it("encodes a text target in alphabetical order", () => {
    const ds = loadCsvDataset("datasets/tabular/iris.csv", {
      target: "species",
      features: ["petal_length"],
    });
    expect(ds.name).toBe("iris");
    expect(ds.labelNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(countBy(ds.y)).toEqual({ 0: 50, 1: 50, 2: 50 });
    expect(ds.x[0]).toEqual([1.4]);
  });

  it("uses every other numeric column by default", () => {
    const ds = loadCsvDataset("datasets/tabular/iris.csv", { target: "target" });
    expect(ds.featureNames).toEqual(["sepal_length", "sepal_width", "petal_length", "petal_width"]);
  });

  it("names a label column that is not there", () => {
    expectDataError(
      () => loadCsvDataset("datasets/tabular/iris.csv", { target: "species2" }),
      'Column "species2" not found in datasets/tabular/iris.csv. Columns: sepal_length, sepal_width, petal_length, petal_width, species, target',
    );
  });

  it("names the file, line and column of a non-numeric feature", () => {
    const file = tempFile("m.csv", "a,b,y\n1,2,0\n3,x,1\n");
    expectDataError(
      () => loadCsvDataset(file, { target: "y", features: ["a", "b"] }),
      `${file} line 3, column "b": "x" is not a number`,
    );
  });

  it("reports a missing file", () => {
    expectDataError(
      () => loadCsvDataset("datasets/tabular/nope.csv", { target: "y" }),
      "File not found: datasets/tabular/nope.csv (run from a full clone; datasets ship with the repo)",
    );
  });
});

describe("conversions", () => {
  it("subsetDataset picks rows and keeps names", () => {
    const iris = loadDataset("iris");
    const sub = subsetDataset(iris, [149, 0]);
    expect(sub.y).toEqual([2, 0]);
    expect(sub.rowIndices).toEqual([149, 0]);
    expect(sub.labelNames).toEqual(iris.labelNames);
    expectDataError(
      () => subsetDataset(iris, [150]),
      'Row index 150 is out of range for dataset "iris" (150 rows)',
    );
  });

  it("toMatrix gives an ml-matrix of the same shape", () => {
    const m = toMatrix([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect([m.rows, m.columns]).toEqual([3, 2]);
    expect(m.get(2, 1)).toBe(6);
    expectDataError(() => toMatrix([[1, 2], [3]]), "toMatrix: row 1 has 1 values, expected 2");
  });

  it("datasetToTensors gives float features and int32 class ids", () => {
    const { xs, ys } = datasetToTensors(loadDataset("iris"));
    try {
      expect(xs.shape).toEqual([150, 4]);
      expect(xs.dtype).toBe("float32");
      expect(ys.dtype).toBe("int32");
      expect(ys.shape).toEqual([150]);
    } finally {
      xs.dispose();
      ys.dispose();
    }
    const t = toTensor2d([[1, 2]]);
    expect(Array.from(t.dataSync())).toEqual([1, 2]);
    t.dispose();
  });

  it("loadDataFrame keeps missing values (NaN in numeric columns, null in text ones)", async () => {
    const df = await loadDataFrame("auto_mpg");
    expect(df.shape).toEqual([406, 9]);
    expect(df.columns).toEqual([
      "mpg",
      "cylinders",
      "displacement",
      "horsepower",
      "weight",
      "acceleration",
      "model_year",
      "origin",
      "name",
    ]);
    const hp = df.column("horsepower").values as number[];
    expect(hp.filter(Number.isNaN)).toHaveLength(6);
    const fromDataset = await datasetToDataFrame(loadDataset("iris"));
    expect(fromDataset.columns).toEqual([
      "sepal_length",
      "sepal_width",
      "petal_length",
      "petal_width",
      "target",
    ]);
    expect(fromDataset.shape).toEqual([150, 5]);
  });
});
