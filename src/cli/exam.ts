/**
 * `npm run exam -- <command>`: the timed mock exam (certificate style). Run with no command
 * (or `help`) for usage.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { examPaths } from "../exam/paths";
import { historyText, reportHtml, statusText } from "../exam/report";
import {
  DEFAULT_MINUTES,
  enforceDeadline,
  examHistory,
  finishExam,
  startExam,
  submitTask,
} from "../exam/session";
import { referenceSolution } from "../exam/starter";
import { EXAM_TASKS, taskById } from "../exam/tasks";

const USAGE = `Usage: npm run exam -- <command> [options]

  start [--minutes M] [--seed S]   start an exam: one starter file per task in exam/, clock running
                                   (default ${DEFAULT_MINUTES} min, like the certificate; --minutes 90 for a short one)
  status                           time left, each task's best score, submissions made
  submit N                         train task N (exam/taskN.ts) and score it 0–5 on held-out data
  finish                           end the exam now and write the report (also happens at the deadline)
  report                           write exam/report.html and print where it is
  review N                         after finishing: the reference solution of task N
  history                          every exam you have taken, with scores

The exam has ${EXAM_TASKS.length} tasks (${EXAM_TASKS.map((t) => `${t.number}: ${t.category}`).join("; ")}).`;

function writeReport(): string {
  const state = enforceDeadline();
  if (!state) throw new Error("No exam yet: start one with `npm run exam -- start`.");
  fs.writeFileSync(examPaths.report(), reportHtml(state));
  return examPaths.report();
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { minutes: { type: "string" }, seed: { type: "string" }, help: { type: "boolean" } },
  });
  const [command, arg] = positionals;
  if (!command || command === "help" || values.help) {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case "start": {
      const state = startExam({
        minutes: values.minutes === undefined ? undefined : Number(values.minutes),
        seed: values.seed === undefined ? undefined : Number(values.seed),
      });
      console.log(
        `Exam started: ${state.started.minutes} min, ends ${state.deadline.toLocaleString()}.`,
      );
      for (const t of state.tasks)
        console.log(`  exam/${t.taskId}.ts — task ${t.number}: ${t.variantTitle}`);
      console.log(
        "Write solutionModel() in each file, then `npm run exam -- submit N`. Good luck!",
      );
      return 0;
    }
    case "status": {
      const state = enforceDeadline();
      console.log(
        state ? statusText(state) : "No exam yet: start one with `npm run exam -- start`.",
      );
      return 0;
    }
    case "submit": {
      if (!arg) throw new Error("Which task? e.g. `npm run exam -- submit 1`");
      const task = taskById(arg);
      console.log(`Task ${task.number}: training your solutionModel() …`);
      // Live progress: one line updated in place in a terminal, a line every few seconds in a log.
      const tty = process.stdout.isTTY === true;
      let lastPrint = 0;
      const result = await submitTask(arg, {
        onEpoch: (epoch, logs) => {
          const now = Date.now();
          if (now - lastPrint < (tty ? 100 : 5000)) return;
          lastPrint = now;
          const m = Object.entries(logs)
            .map(([k, v]) => `${k} ${Number(v).toFixed(4)}`)
            .join(" · ");
          const line = `  epoch ${epoch + 1}  ${m}`;
          process.stdout.write(tty ? `\r${line.padEnd(78)}` : `${line}\n`);
        },
        onPhase: (phase) => {
          if (phase === "scoring")
            process.stdout.write(`${tty ? "\n" : ""}  scoring on held-out data …\n`);
        },
      });
      console.log(
        `Task ${task.number}, attempt ${result.attempt}: ${result.score}/5 — ${result.reason}`,
      );
      return 0;
    }
    case "finish": {
      const state = finishExam("learner");
      console.log(statusText(state));
      console.log(`Report: ${writeReport()}`);
      return 0;
    }
    case "report":
      console.log(`Report: ${writeReport()}`);
      return 0;
    case "review": {
      const state = enforceDeadline();
      if (!state?.finished)
        throw new Error(
          "Reference solutions open once the exam is finished (`npm run exam -- finish`).",
        );
      const task = taskById(arg ?? "");
      const t = state.tasks.find((x) => x.taskId === task.id)!;
      console.log(
        `// Task ${task.number} (${t.variantTitle}): your best ${t.best?.score ?? 0}/5\n`,
      );
      console.log(referenceSolution(t.variantId));
      return 0;
    }
    case "history":
      console.log(historyText(examHistory()));
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
