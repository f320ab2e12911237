/**
 * `npm run compete -- <command>`: practice competitions in Kaggle's style, offline. Run with
 * no command (or `help`) for usage.
 */

import { COMPETITIONS, competitionByName, filesOf } from "../compete/competitions";
import { finishText, formatScore, leaderboardText, shownDir } from "../compete/description";
import { METRICS } from "../compete/metrics";
import {
  boardOf,
  finishCompetition,
  listCompetitions,
  startCompetition,
  submit,
} from "../compete/session";
import { scoreSubmission } from "../compete/submission";

const USAGE = `Usage: npm run compete -- <command>

  list                          the competitions, and how far you are in each
  start <name>                  write description.md, train.csv, test.csv and sample_submission.csv
                                into competitions/<name>/
  submit <name> <file.csv>      validate and score a submission (public score shown at once)
  leaderboard <name>            your submissions, best public score first
  finish <name>                 reveal the private scores: did the public leaderboard fool you?
  scores [name]                 (maintainers) measure the baseline and reference scores

Competitions: ${COMPETITIONS.map((c) => c.name).join(", ")}.`;

function main(argv: string[]): number {
  const [command, name, file] = argv.filter((a) => a !== "--");
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return 0;
    case "list": {
      for (const { competition: c, board } of listCompetitions()) {
        const m = METRICS[c.metric];
        const state = !board
          ? "not started"
          : `${board.submissions.length} submission${board.submissions.length === 1 ? "" : "s"}${board.finishedAt ? ", finished" : ""}`;
        console.log(
          `${c.name.padEnd(14)} ${c.kind.padEnd(14)} ${m.label.padEnd(28)} ${state.padEnd(22)} ${c.title}`,
        );
      }
      console.log("\nStart one: npm run compete -- start <name>");
      return 0;
    }
    case "start": {
      const c = competitionByName(name);
      const r = startCompetition(c.name);
      const shown = shownDir(c);
      console.log(`${c.title}\nFiles in ${shown}/: ${r.files.join(", ")}`);
      if (r.resumed) console.log("(Files rewritten; your leaderboard and submissions are kept.)");
      console.log(`Read ${shown}/description.md, train on train.csv, predict test.csv, then:`);
      console.log(`  npm run compete -- submit ${c.name} my_predictions.csv`);
      console.log(
        `Try the baseline first: npm run compete -- submit ${c.name} ${shown}/sample_submission.csv`,
      );
      return 0;
    }
    case "submit": {
      const c = competitionByName(name);
      if (!file)
        throw new Error(`Which file? npm run compete -- submit ${c.name} <predictions.csv>`);
      const r = submit(c.name, file);
      const m = METRICS[c.metric];
      console.log(
        `Submission #${r.entry.n} to ${c.name}: public ${m.label} = ${formatScore(r.entry.public)}`,
      );
      if (r.finished)
        console.log(`  (late submission, after finish) private = ${formatScore(r.entry.private)}`);
      console.log(
        r.rank === 1 && r.count > 1
          ? `  Your best public score so far (of ${r.count} submissions).`
          : `  Place ${r.rank} of your ${r.count} submission${r.count === 1 ? "" : "s"}; best public: #${r.bestPublic.n} ${formatScore(r.bestPublic.public)}.`,
      );
      console.log(
        `  Baseline public ${formatScore(c.recorded.baseline.public)}, course reference public ${formatScore(c.recorded.reference.public)}.`,
      );
      return 0;
    }
    case "leaderboard": {
      const { competition, board } = boardOf(competitionByName(name).name);
      console.log(leaderboardText(competition, board));
      return 0;
    }
    case "finish": {
      const c = competitionByName(name);
      const board = finishCompetition(c.name);
      console.log(finishText(c, board));
      return 0;
    }
    case "scores": {
      for (const c of name ? [competitionByName(name)] : COMPETITIONS) {
        const files = filesOf(c);
        const t0 = Date.now();
        const b = scoreSubmission(c, files, c.baseline(files));
        const r = scoreSubmission(c, files, c.reference(files));
        console.log(
          `${c.name}: baseline public ${b.public} private ${b.private}; reference public ${r.public} private ${r.private} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
        );
      }
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
