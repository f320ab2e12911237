/**
 * From domain scores to advice: where to start, and which labs to do first for each weak
 * domain. Lab ids here must exist in the manifest (tests/assess/assess.test.ts checks).
 */
import type { DomainId } from "./questions";

/** Below this fraction a domain is "weak": do its labs before the rest. */
export const WEAK_BELOW = 0.7;

/** The labs that teach each domain, in the order to do them. */
export const LABS_FOR_DOMAIN: Record<DomainId, { labs: string[]; note?: string }> = {
  "linear-algebra": { labs: ["02-linear-algebra"] },
  calculus: { labs: ["01-gradient-descent", "11-tensorflow-basics"] },
  probability: { labs: ["03-probability-statistics"] },
  statistics: { labs: ["03-probability-statistics", "10-evaluation-tuning"] },
  programming: {
    labs: ["01-gradient-descent", "04-data-preparation"],
    note: "No lab teaches TypeScript itself: the TypeScript handbook (typescriptlang.org/docs) first, then these labs, which are plain array code with fast feedback.",
  },
  "ml-concepts": {
    labs: ["04-data-preparation", "05-linear-logistic-regression", "10-evaluation-tuning"],
  },
};

/** When nothing is weak: straight to deep learning (the TensorFlow certificate's core). */
export const STRONG_START = "11-tensorflow-basics";

export interface Recommendation {
  /** The lab to open first. */
  startLab: string;
  why: string;
  /** Weak domains (weakest first) with the labs to do first for each. */
  weak: { domain: DomainId; title: string; fraction: number; labs: string[]; note?: string }[];
}

export function recommend(
  domains: { domain: DomainId; title: string; fraction: number }[],
): Recommendation {
  const weak = domains
    .filter((d) => d.fraction < WEAK_BELOW)
    .sort((a, b) => a.fraction - b.fraction)
    .map((d) => ({ ...d, ...LABS_FOR_DOMAIN[d.domain] }));
  if (weak.length === 0)
    return {
      startLab: STRONG_START,
      why: `Every domain is at ${Math.round(WEAK_BELOW * 100)} % or more: start with the deep-learning labs; labs 01–10 stay useful as reference.`,
      weak,
    };
  // The earliest lab (in course order) among the weak domains' labs: foundations first.
  const startLab = weak.flatMap((w) => w.labs).sort()[0];
  return {
    startLab,
    why: `Start with the foundations you scored lowest on (${weak.map((w) => w.title).join(", ")}).`,
    weak,
  };
}
