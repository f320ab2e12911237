/**
 * A certification's published objectives mapped to the labs and exercises that practise
 * them. One file per certification in this folder; `index.ts` lists them.
 *
 * A practice reference is `"<lab id>"` (the whole lab) or `"<lab id>/<exercise id>"`.
 * To map a new lab, add its reference to the objective's `practice` list: one line.
 * tests/course/certifications.test.ts checks every reference against the manifest.
 */

/** How a domain's weight is known. Never a guess: unknown weights say why. */
export type DomainWeight =
  | { kind: "percent"; value: number }
  | { kind: "range"; min: number; max: number }
  | { kind: "unknown"; note: string };

export interface Objective {
  /** The guide's numbering where it has one (e.g. "1.2"). */
  id: string;
  /** The objective, summarised from the guide. */
  title: string;
  /** What practises it here. Empty: not covered (yet). */
  practice: string[];
  /** For objectives not (fully) covered: the closest thing in the project. */
  closest?: string[];
  /** What is not covered, or how the practice relates (cloud services are never covered). */
  note?: string;
}

export interface CertDomain {
  id: string;
  title: string;
  weight: DomainWeight;
  objectives: Objective[];
}

export interface Certification {
  /** Used on the command line: `npm run labs -- path <id>`. */
  id: string;
  name: string;
  vendor: string;
  /** The exam code. */
  code: string;
  status: "active" | "retired";
  /** ISO date of retirement, when retired. */
  retiredOn?: string;
  guide: {
    title: string;
    /** The guide's version or "as of" date, as it states it. */
    version: string;
    url: string;
    /**
     * How the domains and weights here were checked: "official" (read on the vendor's own
     * page), "secondary" (copies of the guide or study sites quoting it, in agreement), or
     * "unverified" (sources disagree or none found). See `sources`.
     */
    verification: "official" | "secondary" | "unverified";
    sources: string[];
    /** When the mapping was last checked against the guide. */
    checkedOn: string;
  };
  /** Who it suits and how this project helps, in a sentence or two. */
  summary: string;
  domains: CertDomain[];
}
