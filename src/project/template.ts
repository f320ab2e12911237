/**
 * The notebook `npm run labs -- new-project` writes. It knows nothing about any dataset: every
 * decision (which columns to use, classification or regression, which metric) is made from the
 * data at run time, and shown, so a learner can see it and override it.
 */

export interface TemplateSettings {
  name: string;
  /** As the kernel resolves it: relative to the project root, or absolute. */
  dataFile: string;
  target: string;
  task: "auto" | "classification" | "regression";
  projectDir: string;
}

type Cell = { cell_type: "markdown" | "code"; source: string };

const md = (source: string): Cell => ({ cell_type: "markdown", source });
const code = (source: string): Cell => ({ cell_type: "code", source });

export function projectCells(s: TemplateSettings): Cell[] {
  return [
    md(`# Project: ${s.name}

A whole supervised-learning project on your own CSV file, in the order a data scientist works:
**load → explore → decide what to predict and how to score it → split → baseline → models →
evaluate once → report**. Run it top to bottom (*Run All*), then read every result: the notebook
decides a few things from your data (which columns to use, classification or regression), says
why, and lets you override them. The last cell writes \`report/report.md\` with the charts, a
first draft for your portfolio.

The helpers are in \`src/project/workflow.ts\` and use the course's own tools (\`src/data\`,
\`src/ml\`, \`src/plot\`): open it to see exactly what each step does, and change what you would
do differently.`),
    code(`// Your project's settings: change them, then Run All again.
const DATA_FILE = ${JSON.stringify(s.dataFile)}; // a CSV file with a header line (relative paths start at the project root)
const TARGET = ${JSON.stringify(s.target)}; // the column to predict
const TASK: "auto" | "classification" | "regression" = ${JSON.stringify(s.task)}; // "auto" decides from the target column
const PROJECT_DIR = ${JSON.stringify(s.projectDir)}; // report/ is written here
const SEED = 42; // the split and the folds follow it: the same seed, the same results`),
    md(`## 1 · Load

A CSV file needs a header line with unique column names and the same number of fields on every
line; a value with a comma in it must be in double quotes. If loading fails, the message names
the file and the line to look at.`),
    code(`import { barChartSpec, heatmapSpec, scatterSpec } from "./src/plot";
import { showTable } from "./src/notebook";
import { ProjectReport, reportMarkdown } from "./src/project/report";
import {
  baselineModel, confusionMatrix, crossValidate, detectTask, FeaturePipeline, histogram,
  labModels, loadProjectCsv, mainMetric, numericSummary, prepareTarget, profileColumns,
  scoresOf, splitTrainTest, strongestFeature, type Task,
} from "./src/project/workflow";

const table = loadProjectCsv(DATA_FILE);
console.log(\`\${table.file}: \${table.rows.length} rows × \${table.header.length} columns\`);
const head = table.rows.slice(0, 5).map((row) => row.map((cell) => (cell.length > 40 ? \`\${cell.slice(0, 37)}…\` : cell)));
showTable({ columns: table.header, index: head.map((_, i) => i), values: head }, { title: "The first rows" });`),
    md(`## 2 · Explore

Look at each column before modelling: its type, how many cells are missing, how many distinct
values it has. The *role* column is what the notebook will do with it — identifiers (a different
value on every row), constant columns and free text are dropped, numbers and categories become
features. Disagree? Edit the CSV, or the rules in \`profileColumns\`.`),
    code(`const profiles = profileColumns(table, TARGET);
showTable(
  {
    columns: ["type", "role", "missing", "distinct", "note"],
    index: profiles.map((p) => p.name),
    values: profiles.map((p) => [p.kind, p.role, p.missing, p.distinct, p.note]),
  },
  { title: "Columns", maxRows: 200 },
);
showTable(numericSummary(table, profiles), { title: "Numeric columns", maxRows: 200 });`),
    code(`const report = new ProjectReport(PROJECT_DIR);
const withGaps = profiles.filter((p) => p.missing > 0);
if (withGaps.length === 0) console.log("No missing values.");
else {
  console.log(\`\${withGaps.length} column(s) have missing values; they are filled from the training rows after the split.\`);
  await report.figure("missing-values", barChartSpec({
    title: "Missing values per column",
    bars: Object.fromEntries(withGaps.map((p) => [p.name, p.missing])),
    yTitle: "missing cells",
  }));
}`),
    md(`## 3 · What to predict, and how to score it

Text or a few whole numbers in the target means **classes** (classification); other numbers mean
an **amount** (regression). Set \`TASK\` in the first cell if the guess is wrong (e.g. ratings
1–5 that you want to treat as amounts).

The metric follows the task. For classes, **macro-F1** (the mean of each class's F1) is the main
one: unlike accuracy it cannot be high while a rare class is always missed. For amounts, **RMSE**
is in the target's own units and punishes big misses; MAE and R² are shown too.`),
    code(`const targetProfile = profiles.find((p) => p.role === "target")!;
const detected = detectTask(table, targetProfile);
const task: Task = TASK === "auto" ? detected.task : TASK;
console.log(TASK === "auto" ? \`Task: \${task} — \${detected.reason}.\` : \`Task: \${task} (set by TASK; "auto" would choose \${detected.task}).\`);
const target = prepareTarget(table, targetProfile, task);
if (target.dropped > 0) console.log(\`\${target.dropped} row(s) have no \${TARGET} and are left out.\`);
const metric = mainMetric(task);
console.log(\`Main metric: \${metric.name} (\${metric.higherIsBetter ? "higher" : "lower"} is better).\`);
if (task === "classification") {
  const counts = target.classNames.map((_, k) => target.y.filter((v) => v === k).length);
  console.log(\`\${target.classNames.length} classes; the smallest has \${Math.min(...counts)} rows, the largest \${Math.max(...counts)}.\`);
  await report.figure("target", barChartSpec({
    title: \`\${TARGET}: rows per class\`,
    bars: Object.fromEntries(target.classNames.map((c, k) => [c, counts[k]])),
    yTitle: "rows",
  }));
} else {
  await report.figure("target", barChartSpec({ title: \`\${TARGET}: distribution\`, bars: histogram(target.y, 20), xTitle: TARGET, yTitle: "rows" }));
}`),
    md(`## 4 · Split before anything is learned

The test rows stand for data the model has never seen, so they are set aside **first**. Every
number the preparation learns — the medians that fill gaps, the means and standard deviations
that scale, the list of categories — comes from the training rows only. Computing them on all
rows would let the test rows leak into training and make the test score too optimistic.`),
    code(`const split = splitTrainTest(target, { testSize: 0.2, seed: SEED });
console.log(\`\${split.train.length} training rows, \${split.test.length} test rows\${split.stratified ? " (stratified: each class keeps its share)" : ""}.\`);
const pipeline = new FeaturePipeline(table, profiles).fit(split.train);
const xTrain = pipeline.transform(split.train);
const xTest = pipeline.transform(split.test);
const names = pipeline.featureNames;
console.log(\`\${names.length} features: \${names.slice(0, 12).join(", ")}\${names.length > 12 ? ", …" : ""}\`);
// Exploring relationships uses the training rows only, too.
const strongest = strongestFeature(xTrain, split.yTrain, names);
if (strongest && task === "regression") {
  console.log(\`Most correlated with \${TARGET} (training rows): \${strongest.name}, r = \${strongest.r.toFixed(3)}\`);
  await report.figure("strongest-feature", scatterSpec({
    title: \`\${TARGET} against \${strongest.name} (training rows)\`,
    points: xTrain.map((row, i) => ({ x: row[strongest.index], y: split.yTrain[i] })),
    xTitle: \`\${strongest.name} (standardised)\`,
    yTitle: TARGET,
  }));
}`),
    md(`## 5 · A baseline, then models from the labs

A model is only good compared with something: the **baseline** predicts the majority class or the
training mean without looking at the features. The models of the labs are compared with it by
**5-fold cross-validation on the training rows** (lab 10), with the preparation refitted inside
each fold. The test rows are still untouched.`),
    code(`const candidates = [baselineModel(task), ...labModels(task, split.train.length)];
const cv = candidates.map((m) => ({ model: m, ...crossValidate(table, profiles, split, m, task, { folds: 5, seed: SEED }) }));
showTable(
  {
    columns: [\`CV \${metric.name}\`, "worst fold", "best fold"],
    index: cv.map((c) => c.model.name),
    values: cv.map((c) => [c.mean, Math.min(...c.perFold), Math.max(...c.perFold)].map((v) => Number(v.toPrecision(4)))),
  },
  { title: "Cross-validation on the training rows" },
);
await report.figure("cross-validation", barChartSpec({
  title: \`Cross-validated \${metric.name} (\${metric.higherIsBetter ? "higher" : "lower"} is better)\`,
  bars: Object.fromEntries(cv.map((c) => [c.model.name, c.mean])),
  yTitle: metric.name,
}));
const models = cv.slice(1);
const best = models.reduce((a, b) => ((metric.higherIsBetter ? b.mean > a.mean : b.mean < a.mean) ? b : a));
console.log(\`Chosen by cross-validation: \${best.model.name}.\`);`),
    md(`## 6 · Evaluate once on the test rows

Now, and only now, the chosen model is refitted on all training rows and scored on the test rows.
Going back to change the model because of this number would turn the test rows into validation
rows: if you do, say so in your report.`),
    code(`const testPred = best.model.fitPredict(xTrain, split.yTrain, xTest);
const basePred = candidates[0].fitPredict(xTrain, split.yTrain, xTest);
const testScores = scoresOf(task, split.yTest, testPred);
const baselineScores = scoresOf(task, split.yTest, basePred);
showTable(
  {
    columns: Object.keys(testScores),
    index: [best.model.name, candidates[0].name],
    values: [Object.values(testScores), Object.values(baselineScores)].map((r) => r.map((v) => Number(v.toPrecision(4)))),
  },
  { title: \`Test scores (\${split.test.length} rows, used once)\` },
);
if (task === "classification") {
  const cm = confusionMatrix(split.yTest, testPred, target.classNames.length);
  await report.figure("confusion-matrix", heatmapSpec({
    title: \`Confusion matrix on the test rows, \${best.model.name}\`,
    values: cm,
    rowLabels: target.classNames.map((c) => \`true \${c}\`),
    colLabels: target.classNames.map((c) => \`predicted \${c}\`),
  }));
} else {
  await report.figure("predicted-vs-actual", scatterSpec({
    title: \`Predicted against actual \${TARGET} on the test rows, \${best.model.name}\`,
    points: split.yTest.map((y, i) => ({ x: y, y: testPred[i] })),
    xTitle: \`actual \${TARGET}\`,
    yTitle: \`predicted \${TARGET}\`,
  }));
}`),
    md(`## 7 · The report

The cell below writes \`report/report.md\` next to this notebook, with every chart above as an
SVG file in \`report/figures/\`. It is a first draft: open it, write the summary and the next steps
in your own words, and it is ready for a portfolio (GitHub renders it as it is).`),
    code(`const reportFile = report.write(reportMarkdown({
  title: ${JSON.stringify(`Project: ${s.name}`)},
  dataFile: table.file,
  nRows: table.rows.length,
  nColumns: table.header.length,
  target: TARGET,
  task: task,
  taskReason: TASK === "auto" ? \`Task: \${task} — \${detected.reason}\` : \`Task: \${task} (chosen by hand)\`,
  profiles: profiles,
  droppedRows: target.dropped,
  nTrain: split.train.length,
  nTest: split.test.length,
  stratified: split.stratified,
  features: names,
  metric: metric.name,
  cv: cv.map((c) => ({ name: c.model.name, about: c.model.about, mean: c.mean })),
  chosen: best.model.name,
  testScores: testScores,
  baselineScores: baselineScores,
  seed: SEED,
  figures: report.figures,
}));
console.log(\`Report written: \${reportFile} (\${report.figures.length} figures)\`);`),
    md(`## Where to go from here

- **Features.** The dropped text columns may hold signal: word counts (the text labs), lengths,
  keywords. Dates can become year / month / weekday.
- **Models.** Random forests (lab 07), SVMs (lab 08) or a small neural network (lab 12) fit the
  same \`fitPredict(xTrain, yTrain, xTest)\` shape: add one to \`candidates\` and re-run.
- **Tuning.** Search k or the tree depth by cross-validation (lab 10), never on the test rows.
- **Honesty.** In the report, say what you tried and what did not work; a reader trusts a
  result more when its limits are written down.`),
  ];
}

/** The .ipynb JSON of the project notebook (kernel "TypeScript (ml-cert-labs)", no outputs). */
export function projectNotebook(s: TemplateSettings): string {
  const cells = projectCells(s).map((c) => {
    const lines = c.source.split("\n").map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
    return c.cell_type === "code"
      ? { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: lines }
      : { cell_type: "markdown", metadata: {}, source: lines };
  });
  return `${JSON.stringify(
    {
      cells,
      metadata: {
        kernelspec: {
          display_name: "TypeScript (ml-cert-labs)",
          language: "typescript",
          name: "ml-cert-labs",
        },
        language_info: { file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
      },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  )}\n`;
}
