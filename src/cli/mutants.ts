/**
 * `npm run mutants [-- --lab 01 --lab 05]`: mutation testing of the course's checks.
 * Mutates the reference solutions (BEGIN/END SOLUTION blocks) and reports, per lab, how
 * many mutants the checks reject. See README.md, "Mutation testing the checks".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { allLabs, findLab } from "../course/manifest";
import { courseTarget, runMutants } from "../mutants/run-mutants";
import { summaryMarkdown } from "../mutants/summary";
import { fromRoot } from "../project-root";

const USAGE = `Usage: npm run mutants [-- options]

  --lab <lab>          only this lab (repeat for several; 01, gradient-descent or the full id)
  --concurrency <n>    test runner processes (default: Stryker's choice for this machine)
  --verbose            show Stryker's progress log

Writes reports/mutants/summary.json, summary.md and one Stryker HTML report per lab.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      lab: { type: "string", multiple: true },
      concurrency: { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const labs = values.lab ? values.lab.flatMap((l) => l.split(",")).map(findLab) : allLabs();
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new Error(`--concurrency must be a positive whole number, got "${values.concurrency}".`);
  }
  const reportDir = fromRoot("reports", "mutants");
  const summary = await runMutants({
    targets: labs.map(courseTarget),
    projectRoot: fromRoot(),
    reportDir,
    equivalentsFile: fromRoot("tests", "mutants", "equivalent.json"),
    concurrency,
    logLevel: values.verbose ? "info" : "warn",
    onLabDone: (lab) =>
      console.error(
        `${lab.labId}: ${lab.total} mutants, ${lab.survived + lab.noCoverage} left alive, ${(lab.wallTimeMs / 1000).toFixed(0)} s`,
      ),
  });
  const markdown = summaryMarkdown(summary);
  fs.writeFileSync(path.join(reportDir, "summary.md"), `${markdown}\n`);
  console.log(markdown);
  console.log(
    `\nReports: ${path.relative(process.cwd(), reportDir) || "."}/ (summary.json, summary.md, <lab>.html)`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  },
);
