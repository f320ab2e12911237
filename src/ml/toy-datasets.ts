import { seededRandom } from "../data/random";

/**
 * Small synthetic 2-D datasets for pictures and fixtures (scikit-learn's make_moons,
 * make_circles and make_blobs, seeded). Each returns x: [n][2] and integer labels y: [n].
 */

export interface ToyDataset {
  /** [nSamples][nFeatures] */
  x: number[][];
  /** [nSamples] class ids 0, 1, … */
  y: number[];
}

/** One standard-normal draw (Box–Muller) from a uniform generator. */
export function gaussian(random: () => number): number {
  const u = 1 - random(); // in (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 2)
    throw new Error(`${what}: n must be an integer ≥ 2, got ${n}.`);
}

/**
 * Two interleaving half circles (not linearly separable). Class 0 is the upper moon
 * centred at (0, 0), class 1 the lower one centred at (1, 0.5); radius 1.
 * @param n total number of points (⌈n/2⌉ in class 0)
 * @param noise standard deviation of Gaussian noise added to each coordinate
 */
export function makeMoons(n: number, options: { noise?: number; seed?: number } = {}): ToyDataset {
  checkCount(n, "makeMoons");
  const random = seededRandom(options.seed ?? 0);
  const noise = options.noise ?? 0.1;
  const nOuter = Math.ceil(n / 2);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const outer = i < nOuter;
    const count = outer ? nOuter : n - nOuter;
    const k = outer ? i : i - nOuter;
    const angle = count > 1 ? (Math.PI * k) / (count - 1) : 0;
    const px = outer ? Math.cos(angle) : 1 - Math.cos(angle);
    const py = outer ? Math.sin(angle) : 0.5 - Math.sin(angle);
    x.push([px + noise * gaussian(random), py + noise * gaussian(random)]);
    y.push(outer ? 0 : 1);
  }
  return { x, y };
}

/**
 * A small circle inside a large one (class 1 inside, class 0 outside): no straight line
 * separates them, an RBF kernel does.
 * @param factor radius of the inner circle relative to the outer (radius 1)
 */
export function makeCircles(
  n: number,
  options: { noise?: number; factor?: number; seed?: number } = {},
): ToyDataset {
  checkCount(n, "makeCircles");
  const random = seededRandom(options.seed ?? 0);
  const noise = options.noise ?? 0.05;
  const factor = options.factor ?? 0.5;
  const nOuter = Math.ceil(n / 2);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const outer = i < nOuter;
    const count = outer ? nOuter : n - nOuter;
    const k = outer ? i : i - nOuter;
    const angle = (2 * Math.PI * k) / count;
    const r = outer ? 1 : factor;
    x.push([
      r * Math.cos(angle) + noise * gaussian(random),
      r * Math.sin(angle) + noise * gaussian(random),
    ]);
    y.push(outer ? 0 : 1);
  }
  return { x, y };
}

/**
 * Gaussian blobs: `centers.length` classes, points spread round each centre with standard
 * deviation `spread`, assigned to classes in turn (so class sizes differ by at most one).
 */
export function makeBlobs(
  n: number,
  options: { centers: number[][]; spread?: number; seed?: number },
): ToyDataset {
  checkCount(n, "makeBlobs");
  const { centers } = options;
  if (centers.length === 0) throw new Error("makeBlobs: give at least one centre.");
  const random = seededRandom(options.seed ?? 0);
  const spread = options.spread ?? 1;
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % centers.length;
    x.push(centers[c].map((v) => v + spread * gaussian(random)));
    y.push(c);
  }
  return { x, y };
}
