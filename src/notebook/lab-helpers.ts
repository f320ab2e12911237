/**
 * What a notebook uses for one lab: `const gd = labHelpers("01-gradient-descent")`.
 *
 * This module is deliberately tiny and imports nothing heavy, not even types: tslab
 * type-checks everything a cell imports, so the grader is loaded (with `require`) only when a
 * check, hint or solution is asked for. The interfaces below are the notebook's contract.
 */
import { requireTs } from "../require-ts";
import { escapeHtml, kernelDisplay, newLiveDisplay, showHtml } from "./display";

/** The helpers a notebook uses for one lab. */
export interface LabHelpers {
  /** Grades your lab file (all exercises, or one) and shows the result. Interrupt cancels it. */
  check(exerciseId?: string): Promise<void>;
  /** Shows the next hint for an exercise (call again for a stronger one), or a given tier. */
  hint(exerciseId: string, level?: number): void;
  /** Shows the reference solution once the exercise passes (or with { showAnyway: true }). */
  solution(exerciseId: string, options?: { showAnyway?: boolean }): void;
  /** Shows your progress in this lab. */
  progress(): void;
}

type Status = "passed" | "failed" | "not_attempted";
interface ResultView {
  exerciseId: string;
  status: Status;
  message: string;
}

/**
 * The slice of `src/course/actions` (and friends) this module uses, written out so that
 * tslab need not type-check the grader. tests/notebook/lab-helpers-contract.test.ts keeps
 * these in step with the real modules.
 */
export interface NotebookActions {
  checkLab(
    lab: string,
    exerciseIds: string[] | undefined,
    options: {
      signal: AbortSignal;
      onResult: (r: unknown) => void;
      onProgress: (exerciseId: string, e: unknown) => void;
    },
  ): Promise<{ results: ResultView[]; cancelled: boolean; saveProblem?: string }>;
  hintFor(
    lab: string,
    exerciseId: string,
    level?: number,
  ): { exerciseId: string; level: number; total: number; text: string };
  solutionFor(
    lab: string,
    exerciseId: string,
    options?: { showAnyway?: boolean },
  ): { exerciseId: string; source?: string; reason?: string };
  courseProgress(labs: never[]): {
    title: string;
    points: number;
    maxPoints: number;
    exercises: { id: string; title: string; status: Status }[];
  }[];
}
export interface NotebookViews {
  CheckView: new (
    labId: string,
    ids: string[],
  ) => {
    add(r: never): void;
    progress(id: string, e: never): void;
    done(saveProblem?: string): void;
    cancelled(): void;
    html(): string;
    text(): string;
  };
  statusIcon(status: Status): string;
}
export interface NotebookCourse {
  findLab(query: string): { id: string; exercises: { id: string }[] };
}

// `require` keeps these out of the notebook's type-checked import graph (see the comment above).
const actions = (): NotebookActions =>
  requireTs(`${__dirname}/../course/actions.ts`) as NotebookActions;
const views = (): NotebookViews => requireTs(`${__dirname}/check-view.ts`) as NotebookViews;

/** A learner-facing error: shown as one line, not a stack trace. */
function showError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  showHtml(
    `<div style="font-family:sans-serif;font-size:13px;color:#c62828">${escapeHtml(message)}</div>`,
    message,
  );
}

type Emitter = { on(e: string, f: () => void): void; off(e: string, f: () => void): void };

/**
 * Calls `fn` on an interrupt. In the kernel, the launcher relays SIGINT through a shared
 * emitter (a cell must not add SIGINT listeners itself: see src/jupyter/tslab-launcher.cjs).
 */
function onInterrupt(fn: () => void): () => void {
  const relay = (globalThis as Record<symbol, Emitter | undefined>)[
    Symbol.for("ml-cert-labs.interrupts")
  ];
  if (relay) {
    relay.on("interrupt", fn);
    return () => relay.off("interrupt", fn);
  }
  return () => {};
}

/** Thrown by `check()` under ML_LABS_STRICT_CHECKS=1 (the course's own notebook tests). */
export class StrictCheckError extends Error {
  override name = "StrictCheckError";
}

export function labHelpers(labQuery: string): LabHelpers {
  const lab = (requireTs(`${__dirname}/../course/manifest.ts`) as NotebookCourse).findLab(labQuery);
  (
    requireTs(`${__dirname}/../grading/type-check.ts`) as { warmUpTypeChecker(): void }
  ).warmUpTypeChecker();
  return {
    async check(exerciseId) {
      const ids = exerciseId ? [exerciseId] : lab.exercises.map((e) => e.id);
      const view = new (views().CheckView)(lab.id, ids);
      // In the kernel the card updates live; elsewhere (scripts) only the final text is printed.
      const inKernel = kernelDisplay() !== undefined;
      const live = newLiveDisplay();
      const render = () => {
        if (inKernel) live.html(view.html(), view.text());
      };
      render();
      // An interrupt (Jupyter's ■) cancels the check: its sandbox stops and nothing is recorded.
      const abort = new AbortController();
      const stopListening = onInterrupt(() => abort.abort());
      let lastProgress = 0;
      try {
        const run = await actions().checkLab(lab.id, exerciseId ? [exerciseId] : undefined, {
          signal: abort.signal,
          onResult: (r) => {
            view.add(r as never);
            render();
          },
          onProgress: (id, e) => {
            view.progress(id, e as never);
            // Progress can be very frequent: redraw at most ~4 times a second.
            if (Date.now() - lastProgress > 250) {
              lastProgress = Date.now();
              render();
            }
          },
        });
        if (run.cancelled) {
          view.cancelled();
          render();
          return;
        }
        view.done(inKernel ? run.saveProblem : undefined);
        render();
        if (!inKernel) {
          console.log(view.text());
          if (run.saveProblem) console.log(run.saveProblem);
        }
        const notPassed = run.results.filter((r) => r.status !== "passed");
        if (process.env.ML_LABS_STRICT_CHECKS === "1" && notPassed.length > 0) {
          throw new StrictCheckError(
            `${notPassed.length} check(s) did not pass: ${notPassed.map((r) => `${r.exerciseId} (${r.status}: ${r.message})`).join("; ")}`,
          );
        }
      } catch (err) {
        if (err instanceof StrictCheckError) throw err;
        showError(err);
      } finally {
        stopListening();
      }
    },
    hint(exerciseId, level) {
      try {
        const h = actions().hintFor(lab.id, exerciseId, level);
        const more =
          h.level < h.total
            ? " Call hint again for a stronger one."
            : " That was the strongest hint; `solution` shows the reference once you pass.";
        const head = `Hint ${h.level}/${h.total} for ${h.exerciseId}`;
        showHtml(
          `<div style="border-left:4px solid #f9a825;padding:4px 10px;font-family:sans-serif;font-size:13px"><b>💡 ${escapeHtml(head)}</b><br>${escapeHtml(h.text)}<br><i>${escapeHtml(more)}</i></div>`,
          `${head}: ${h.text}${more}`,
        );
      } catch (err) {
        showError(err);
      }
    },
    solution(exerciseId, options) {
      try {
        const s = actions().solutionFor(lab.id, exerciseId, options);
        if (s.source === undefined) {
          const reason = s.reason ?? "";
          showHtml(
            `<div style="font-family:sans-serif;font-size:13px">🔒 ${escapeHtml(reason)}</div>`,
            reason,
          );
          return;
        }
        showHtml(
          `<div style="font-family:sans-serif;font-size:13px"><b>Reference solution for ${escapeHtml(s.exerciseId)}</b></div><pre>${escapeHtml(s.source)}</pre>`,
          `Reference solution for ${s.exerciseId}:\n${s.source}`,
        );
      } catch (err) {
        showError(err);
      }
    },
    progress() {
      const row = actions().courseProgress([lab as never])[0];
      const icon = views().statusIcon;
      const lines = row.exercises.map(
        (e) => `${icon(e.status)} ${e.id} — ${e.title} (${e.status.replace("_", " ")})`,
      );
      const head = `${row.title}: ${row.points}/${row.maxPoints} points`;
      showHtml(
        `<div style="font-family:sans-serif;font-size:13px"><b>${escapeHtml(head)}</b><br>${lines.map(escapeHtml).join("<br>")}</div>`,
        [head, ...lines].join("\n"),
      );
    },
  };
}
