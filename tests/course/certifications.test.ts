/**
 * The certification map stays consistent with the course: every practice or "closest"
 * reference names a lab and exercise that exist, weights are stated honestly, and progress
 * per objective and domain follows the saved progress.
 */
import { describe, expect, it } from "vitest";
import {
  CERTIFICATIONS,
  certificationProgress,
  exercisesFor,
  findCertification,
  formatPath,
  formatPathList,
  parseRef,
} from "../../src/course/certifications";
import { allLabs } from "../../src/course/manifest";
import { emptyProgress, newExerciseProgress } from "../../src/grading/progress";

const labs = allLabs();

describe.each(CERTIFICATIONS.map((c) => [c.id, c] as const))("%s", (_id, cert) => {
  it("every practice and closest reference names an existing lab and exercise", () => {
    const problems: string[] = [];
    for (const d of cert.domains)
      for (const o of d.objectives)
        for (const ref of [...o.practice, ...(o.closest ?? [])]) {
          try {
            exercisesFor([ref], labs);
          } catch (err) {
            problems.push(`${d.id}/${o.id}: ${(err as Error).message}`);
          }
        }
    expect(problems).toEqual([]);
  });

  it("objectives no lab covers say so (a note), ids are unique", () => {
    const ids = cert.domains.flatMap((d) => d.objectives.map((o) => `${d.id}/${o.id}`));
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of cert.domains.flatMap((d) => d.objectives))
      if (o.practice.length === 0) expect(o.note, o.id).toMatch(/not covered/i);
  });

  it("weights as the guide states them, or why not; the guide's version and sources recorded", () => {
    expect(cert.guide.version.length).toBeGreaterThan(5);
    expect(cert.guide.sources.length).toBeGreaterThan(0);
    expect(cert.guide.url).toMatch(/^https:\/\//);
    const weights = cert.domains.map((d) => d.weight);
    for (const w of weights) {
      if (w.kind === "unknown") expect(w.note.length).toBeGreaterThan(10);
      if (w.kind === "range") expect(w.min).toBeLessThan(w.max);
    }
    if (weights.every((w) => w.kind === "percent"))
      expect(weights.reduce((s, w) => s + (w.kind === "percent" ? w.value : 0), 0)).toBe(100);
    if (weights.every((w) => w.kind === "range")) {
      expect(weights.reduce((s, w) => s + (w.kind === "range" ? w.min : 0), 0)).toBeLessThanOrEqual(
        100,
      );
      expect(
        weights.reduce((s, w) => s + (w.kind === "range" ? w.max : 0), 0),
      ).toBeGreaterThanOrEqual(100);
    }
    if (cert.guide.verification === "unverified")
      expect(weights.every((w) => w.kind === "unknown")).toBe(true);
    if (cert.status === "retired" && cert.retiredOn)
      expect(cert.retiredOn).toMatch(/^\d{4}-\d\d-\d\d$/);
  });
});

describe("certification paths", () => {
  it("finds a certification by id, exam code or a unique part of its name", () => {
    expect(findCertification("MLA-C01").id).toBe("aws-mla-c01");
    expect(findCertification("ai-102").id).toBe("azure-ai-102");
    expect(findCertification("tensorflow").id).toBe("tensorflow-developer");
    expect(() => findCertification("associate")).toThrow(/No single certification/);
  });

  it("parses lab and lab/exercise references", () => {
    expect(parseRef("04-data-preparation")).toEqual({
      labId: "04-data-preparation",
      exerciseId: undefined,
    });
    expect(parseRef("04-data-preparation/one-hot").exerciseId).toBe("one-hot");
    expect(() => parseRef("a/b/c")).toThrow(/Bad practice reference/);
    expect(() => exercisesFor(["99-nope"], labs)).toThrow(/no lab 99-nope/);
    expect(() => exercisesFor(["01-gradient-descent/nope"], labs)).toThrow(/no exercise nope/);
  });

  it("progress per objective and domain follows the best score of the practising exercises", () => {
    const cert = findCertification("tensorflow-developer");
    const p = emptyProgress();
    const passed = { ...newExerciseProgress(), status: "passed" as const, score: 1, bestScore: 1 };
    p.labs["13-image-classification"] = { "cnn-model": passed };
    p.labs["13-image-classification"].augment = {
      ...newExerciseProgress(),
      status: "failed",
      score: 0.5,
      bestScore: 0.5,
    };
    const cp = certificationProgress(cert, p, labs);
    const images = cp.domains.find((d) => d.domain.id === "3")!;
    expect(images.objectives.find((o) => o.objective.id === "3.1")!.progress).toBe(1);
    // 3.3: augment (2 pts, best 0.5) and fit-augmented (2 pts, 0): 0.25
    expect(images.objectives.find((o) => o.objective.id === "3.3")!.progress).toBeCloseTo(0.25);
    expect(images.progress).toBeCloseTo((1 + 0 + 0.25) / 3);
    const text = formatPath(cp);
    expect(text).toMatch(/3\.1\s+Convolutional.*\[100 %\]/);
    expect(text).toMatch(/✔ cnn-model/);
    expect(text).toMatch(/RETIRED/);
    // An objective no lab practises: coverage 0, "not covered yet" and its closest lab.
    const aws = certificationProgress(findCertification("aws-mla-c01"), p, labs);
    const infra = aws.domains.find((d) => d.domain.id === "3")!;
    expect(infra.objectives.find((o) => o.objective.id === "3.2")!.covered).toBe(false);
    expect(formatPath(aws)).toMatch(/3\.2 .*\[not covered yet\]\n\s+closest: /);
    expect(formatPathList(CERTIFICATIONS.map((c) => certificationProgress(c, p, labs)))).toMatch(
      /azure-ai-102\s+AI-102.*\(retired 2026-06-30\)/,
    );
  });
});
