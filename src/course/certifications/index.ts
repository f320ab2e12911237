/**
 * Certification paths: each certification's objectives, the labs and exercises that practise
 * them, and the learner's progress per objective and domain (from progress v2).
 */

import type { ProgressFile } from "../../grading/progress";
import type { ExerciseStatus } from "../../grading/types";
import { escapeHtml } from "../../notebook/display";
import type { AnyLab } from "../manifest";
import { awsMlaC01 } from "./aws-mla-c01";
import { azureAi102 } from "./azure-ai-102";
import { databricksMlAssociate } from "./databricks-ml-associate";
import { gcpPmle } from "./gcp-pmle";
import { tensorflowDeveloper } from "./tensorflow-developer";
import type { CertDomain, Certification, DomainWeight, Objective } from "./types";

export type * from "./types";

/** Every certification, in the order `path` lists them. Add a new one here. */
export const CERTIFICATIONS: Certification[] = [
  tensorflowDeveloper,
  gcpPmle,
  awsMlaC01,
  azureAi102,
  databricksMlAssociate,
];

/** By id ("gcp-pmle"), exam code ("MLA-C01", "ai-102") or a unique part of either. */
export function findCertification(query: string): Certification {
  const q = query.trim().toLowerCase();
  const exact = CERTIFICATIONS.find((c) => c.id === q || c.code.toLowerCase() === q);
  if (exact) return exact;
  const partial = CERTIFICATIONS.filter(
    (c) => c.id.includes(q) || c.code.toLowerCase().includes(q) || c.name.toLowerCase().includes(q),
  );
  if (partial.length === 1) return partial[0];
  throw new Error(
    `No single certification matches "${query}". Certifications: ${CERTIFICATIONS.map((c) => c.id).join(", ")}`,
  );
}

/** "lab" or "lab/exercise". */
export function parseRef(ref: string): { labId: string; exerciseId?: string } {
  const [labId, exerciseId, ...rest] = ref.split("/");
  if (!labId || rest.length > 0) throw new Error(`Bad practice reference "${ref}".`);
  return { labId, exerciseId };
}

export function weightText(w: DomainWeight): string {
  switch (w.kind) {
    case "percent":
      return `${w.value} %`;
    case "range":
      return `${w.min}–${w.max} %`;
    case "unknown":
      return "weight not verified";
  }
}

/** For weighting readiness: a percent, a range's midpoint, or undefined. */
function weightValue(w: DomainWeight): number | undefined {
  return w.kind === "percent" ? w.value : w.kind === "range" ? (w.min + w.max) / 2 : undefined;
}

export interface ExerciseState {
  labId: string;
  exerciseId: string;
  points: number;
  status: ExerciseStatus;
  bestScore: number;
}

export interface ObjectiveProgress {
  objective: Objective;
  covered: boolean;
  exercises: ExerciseState[];
  /** Points-weighted best score over the practising exercises (0..1; 0 when not covered). */
  progress: number;
}

export interface DomainProgress {
  domain: CertDomain;
  objectives: ObjectiveProgress[];
  /** Fraction of the domain's objectives a lab practises. */
  coverage: number;
  /** Mean progress over the covered objectives (0..1). */
  progress: number;
}

export interface CertificationProgress {
  certification: Certification;
  domains: DomainProgress[];
  /** Fraction of objectives covered, over all domains. */
  coverage: number;
  /** Progress over covered objectives, weighted by domain weight when every weight is known. */
  progress: number;
}

/** Expands the references of an objective into exercises (a lab reference is every exercise). */
export function exercisesFor(
  refs: string[],
  labs: AnyLab[],
): { labId: string; exerciseId: string; points: number }[] {
  const out: { labId: string; exerciseId: string; points: number }[] = [];
  for (const ref of refs) {
    const { labId, exerciseId } = parseRef(ref);
    const lab = labs.find((l) => l.id === labId);
    if (!lab) throw new Error(`Practice reference "${ref}": no lab ${labId}.`);
    const exs = exerciseId ? lab.exercises.filter((e) => e.id === exerciseId) : lab.exercises;
    if (exs.length === 0)
      throw new Error(`Practice reference "${ref}": lab ${labId} has no exercise ${exerciseId}.`);
    for (const e of exs)
      if (!out.some((o) => o.labId === labId && o.exerciseId === e.id))
        out.push({ labId, exerciseId: e.id, points: e.points });
  }
  return out;
}

export function certificationProgress(
  cert: Certification,
  progress: ProgressFile,
  labs: AnyLab[],
): CertificationProgress {
  const domains = cert.domains.map((domain): DomainProgress => {
    const objectives = domain.objectives.map((objective): ObjectiveProgress => {
      const exercises = exercisesFor(objective.practice, labs).map((e): ExerciseState => {
        const entry = progress.labs[e.labId]?.[e.exerciseId];
        return {
          ...e,
          status: entry?.status ?? "not_attempted",
          bestScore: entry ? Math.max(entry.bestScore, entry.firstPassedAt ? 1 : 0) : 0,
        };
      });
      const total = exercises.reduce((s, e) => s + e.points, 0);
      return {
        objective,
        covered: exercises.length > 0,
        exercises,
        progress: total > 0 ? exercises.reduce((s, e) => s + e.points * e.bestScore, 0) / total : 0,
      };
    });
    const covered = objectives.filter((o) => o.covered);
    return {
      domain,
      objectives,
      coverage: covered.length / objectives.length,
      progress: covered.length ? covered.reduce((s, o) => s + o.progress, 0) / covered.length : 0,
    };
  });
  const all = domains.flatMap((d) => d.objectives);
  const weights = domains.map((d) => weightValue(d.domain.weight));
  const withCover = domains.map((d, i) => ({ d, w: weights[i] })).filter((x) => x.d.coverage > 0);
  const known = withCover.every((x) => x.w !== undefined);
  const wsum = withCover.reduce((s, x) => s + (known ? x.w! : 1), 0);
  return {
    certification: cert,
    domains,
    coverage: all.filter((o) => o.covered).length / all.length,
    progress:
      wsum > 0 ? withCover.reduce((s, x) => s + (known ? x.w! : 1) * x.d.progress, 0) / wsum : 0,
  };
}

const pct = (f: number) => `${Math.round(100 * f)} %`;
const MARK = { passed: "✔", failed: "✘", not_attempted: "·" } as const;

/** The overview for `npm run labs -- path`. */
export function formatPathList(all: CertificationProgress[]): string {
  const w = Math.max(...all.map((c) => c.certification.id.length));
  const lines = all.map((c) => {
    const cert = c.certification;
    const status =
      cert.status === "retired" ? ` (retired${cert.retiredOn ? ` ${cert.retiredOn}` : ""})` : "";
    return `  ${cert.id.padEnd(w)}  ${cert.code.padEnd(12)} ${pct(c.coverage).padStart(5)} covered  ${pct(c.progress).padStart(5)} done  ${cert.name}${status}`;
  });
  return [
    "Certification paths (covered: objectives a lab practises; done: your progress on them)",
    "",
    ...lines,
    "",
    "Details: npm run labs -- path <id>   (e.g. npm run labs -- path tensorflow-developer)",
  ].join("\n");
}

/** One certification, objective by objective, for `npm run labs -- path <id>`. */
export function formatPath(c: CertificationProgress): string {
  const cert = c.certification;
  const lines = [
    `${cert.name} (${cert.code}) — ${cert.vendor}${cert.status === "retired" ? ` · RETIRED${cert.retiredOn ? ` ${cert.retiredOn}` : ""}` : ""}`,
    cert.summary,
    `Guide: ${cert.guide.title}, ${cert.guide.version}`,
    `       ${cert.guide.url}`,
    `       weights checked: ${cert.guide.verification} (${cert.guide.checkedOn}); sources: ${cert.guide.sources.join("; ")}`,
    "",
    `Covered ${pct(c.coverage)} of the objectives · your progress on them ${pct(c.progress)}`,
  ];
  let lastNote: string | undefined;
  for (const d of c.domains) {
    lines.push(
      "",
      `${d.domain.id}. ${d.domain.title} — ${weightText(d.domain.weight)} · covered ${pct(d.coverage)} · done ${pct(d.progress)}`,
    );
    if (d.domain.weight.kind === "unknown" && d.domain.weight.note !== lastNote) {
      lines.push(`   (${d.domain.weight.note})`);
      lastNote = d.domain.weight.note;
    }
    for (const o of d.objectives) {
      const head = o.covered ? `${pct(o.progress).padStart(5)}` : "  not covered yet";
      lines.push(`   ${o.objective.id.padEnd(4)} ${o.objective.title}  [${head.trim()}]`);
      if (o.covered) {
        const byLab = new Map<string, ExerciseState[]>();
        for (const e of o.exercises) byLab.set(e.labId, [...(byLab.get(e.labId) ?? []), e]);
        for (const [labId, exs] of byLab)
          lines.push(
            `        ${labId}: ${exs.map((e) => `${MARK[e.status]} ${e.exerciseId}`).join("  ")}`,
          );
      } else if (o.objective.closest?.length) {
        lines.push(`        closest: ${o.objective.closest.join(", ")}`);
      }
      if (o.objective.note) lines.push(`        ${o.objective.note}`);
    }
  }
  return lines.join("\n");
}

/** A compact HTML table of every path, for the start-here notebook. */
export function pathListHtml(all: CertificationProgress[]): string {
  const rows = all
    .map((c) => {
      const cert = c.certification;
      return `<tr><td><code>${cert.id}</code></td><td>${escapeHtml(cert.name)}${cert.status === "retired" ? ` <small>(retired${cert.retiredOn ? ` ${cert.retiredOn}` : ""})</small>` : ""}</td><td style="text-align:right">${pct(c.coverage)}</td><td style="text-align:right">${pct(c.progress)}</td><td><small>${escapeHtml(cert.guide.version)} · ${cert.guide.verification}</small></td></tr>`;
    })
    .join("");
  return `<table style="font-family:sans-serif"><tr><th>id</th><th>certification</th><th>covered</th><th>done</th><th>guide · weights checked</th></tr>${rows}</table>`;
}
