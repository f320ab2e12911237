/** The description.md of a competition, and the terminal text of leaderboards. */
import { type Competition, type CompetitionFiles, PUBLIC_FRACTION } from "./competitions";
import { METRICS } from "./metrics";
import { rankByPrivate, rankByPublic } from "./rank";
import type { Board, Entry } from "./session";

export function formatScore(v: number): string {
  return v.toFixed(4);
}

/** Why the public and private scores differ: shown in every description and by `finish`. */
export const OVERFITTING_NOTE = `**Public and private leaderboard.** Your score is measured on two parts of the test rows. The
public part (a fixed ${Math.round(PUBLIC_FRACTION * 100)} % of them) is shown after every submission; the private part (the other
${Math.round((1 - PUBLIC_FRACTION) * 100)} %) stays hidden until you \`finish\`. Every time you keep a change *because* the public score
went up, you tune your choices to those few rows: some of the gain is luck, the rows' noise, not a
better model. Do it often enough and the public score climbs while the private one does not — that
is overfitting the public leaderboard, and on Kaggle it is why people drop many places when the
private leaderboard is revealed. The cure is the one the labs teach: judge changes with
cross-validation on train.csv, submit rarely, and trust your validation more than the public score.

An experiment (tests/compete/submission.test.ts): 40 variants of the auto-mpg reference that differ
only by random noise, none truly better than another. The one with the best public RMSE (3.49;
3.98 on average) scored 3.76 on the private part — worse than the average variant (3.58).`;

export function descriptionOf(c: Competition, files: CompetitionFiles): string {
  const m = METRICS[c.metric];
  const nPublic = files.solution.filter((s) => s.isPublic).length;
  const example = files.test.rows.slice(0, 3).map((r) => `${r[0]},${exampleValue(c)}`);
  return `# ${c.title}

\`npm run compete -- submit ${c.name} <your file.csv>\` · metric: **${m.label}**

${c.about}

## Files

| file | what |
|---|---|
| train.csv | ${files.train.rows.length} rows: \`id\`, the features, and the target \`${c.target}\` |
| test.csv | ${files.test.rows.length} rows: \`id\` and the features, no target — predict these |
| sample_submission.csv | a valid submission: the baseline (${c.baselineNote}) |

## Submission format

A CSV file with a header line and one row per id of test.csv (any order):

\`\`\`
id,${c.target}
${example.join("\n")}
…
\`\`\`

${c.kind === "classification" ? `\`${c.target}\` is a class number: ${c.labels!.map((l, i) => `${l} = ${c.labelNames?.[i] ?? l}`).join(", ")}.` : c.kind === "probability" ? `\`${c.target}\` is a probability between 0 and 1 (of class 1).` : `\`${c.target}\` is a number.`}

From TypeScript (a script, or a notebook on the "TypeScript (ml-cert-labs)" kernel):

\`\`\`ts
import { competitionData, writeSubmission } from "./src/compete";
const { train, test } = competitionData("${c.name}"); // raw tables (strings) and train.y
// … prepare features from train only, fit, predict test …
writeSubmission("${c.name}", test.ids, predictions); // → competitions/${c.name}/submission.csv
\`\`\`

A submission with missing, duplicate or unknown ids, another column name, or empty/NaN values is
rejected with the reason, and not counted.

## Metric

${m.label}; scikit-learn computes the same number with \`${m.sklearn}\`.

${OVERFITTING_NOTE}

Here the public part has ${nPublic} rows and the private part ${files.solution.length - nPublic}.

## Scores to beat

| submission | public | private |
|---|---|---|
| baseline (sample_submission.csv) | ${formatScore(c.recorded.baseline.public)} | revealed on \`finish\` |
| course reference | ${formatScore(c.recorded.reference.public)} | revealed on \`finish\` |

The reference: ${c.referenceNote}.

## Honesty note

This is practice, offline. The hidden answers are in this repository (the competition is built
from the bundled datasets by src/compete/competitions.ts), so you *can* peek. Don't: it only
spoils your own measure of how good your model is. Your submissions and scores stay in this
folder (competitions/${c.name}/, ignored by git).
`;
}

function exampleValue(c: Competition): string {
  if (c.kind === "classification") return String(c.labels![0]);
  if (c.kind === "probability") return "0.5";
  return "23.5";
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, j) => cell.padEnd(widths[j]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join("\n");
}

function when(iso: string): string {
  return iso.replace("T", " ").slice(0, 16);
}

/** Your submissions, best public score first; private scores only once finished. */
export function leaderboardText(c: Competition, board: Board): string {
  const m = METRICS[c.metric];
  const finished = board.finishedAt !== undefined;
  const head = `${c.name} — your leaderboard (${m.label})${finished ? ", finished: private scores revealed" : ""}`;
  if (board.submissions.length === 0)
    return `${head}\nNo submissions yet. Try the baseline: npm run compete -- submit ${c.name} ${shownDir(c)}/sample_submission.csv`;
  const ranked = rankByPublic(c, board.submissions);
  const rows = ranked.map((e, i) => [
    String(i + 1),
    `#${e.n}`,
    when(e.at),
    e.file,
    formatScore(e.public),
    finished || e.late ? formatScore(e.private) : "hidden",
  ]);
  return `${head}\n${table(["rank", "sub", "submitted (UTC)", "file", "public", "private"], rows)}\n${
    finished ? "" : `\nPrivate scores are revealed by \`npm run compete -- finish ${c.name}\`.`
  }`.trimEnd();
}

export function shownDir(c: Competition): string {
  return process.env.ML_LABS_COMPETE_DIR
    ? `${process.env.ML_LABS_COMPETE_DIR}/${c.name}`
    : `competitions/${c.name}`;
}

/** What `finish` prints: every private score, the public → private gap, and why it exists. */
export function finishText(c: Competition, board: Board): string {
  const m = METRICS[c.metric];
  if (board.submissions.length === 0)
    return `${c.name} finished with no submissions. (Start again any time: submit, then finish.)`;
  const onTime = board.submissions.filter((e) => !e.late);
  const pool = onTime.length > 0 ? onTime : board.submissions;
  const chosen = rankByPublic(c, pool)[0]!;
  const bestPrivate = rankByPrivate(c, pool)[0]!;
  const gap = (e: Entry) => {
    const d = e.private - e.public;
    const worse = m.higherIsBetter ? d < 0 : d > 0;
    return `${d >= 0 ? "+" : ""}${d.toFixed(4)}${Math.abs(d) < 5e-5 ? "" : worse ? " (worse on private)" : " (better on private)"}`;
  };
  const rows = rankByPrivate(c, board.submissions).map((e, i) => [
    String(i + 1),
    `#${e.n}${e.late ? " (late)" : ""}`,
    e.file,
    formatScore(e.public),
    formatScore(e.private),
    gap(e),
  ]);
  const lines = [
    `${c.name} — final standings (${m.label}), by private score`,
    table(["rank", "sub", "file", "public", "private", "private − public"], rows),
    "",
    `Your final submission (the best public score, as Kaggle picks by default): #${chosen.n} ${chosen.file}`,
    `  public ${formatScore(chosen.public)} → private ${formatScore(chosen.private)}, gap ${gap(chosen)}`,
    bestPrivate === chosen
      ? "  It is also your best submission on the private part: your public score led you to the right one."
      : `  Your best on the private part was #${bestPrivate.n} ${bestPrivate.file} (private ${formatScore(bestPrivate.private)}): the public score pointed you to the wrong one.`,
    `For comparison: baseline private ${formatScore(c.recorded.baseline.private)}, course reference private ${formatScore(c.recorded.reference.private)}.`,
    "",
    OVERFITTING_NOTE.replace(/\*/g, ""),
  ];
  return lines.join("\n");
}
