/**
 * KN (Kim & Nelson 2001), src/experiment/kn.ts: the probability of correct selection is at least
 * 1 − α whenever the best design is at least δ better than every other (the indifference zone),
 * with independent or common random numbers; ties and zero variance end the procedure.
 *
 * Tolerances: the observed share of correct selections over M macro-replications must be at least
 * 1 − α − 3·SE with SE = sqrt(α(1 − α)/M), the binomial standard error at the guaranteed level; a
 * correct procedure fails this for about 1 seed in 700. Outputs are normal, drawn with
 * src/random's seeded streams, so the test is deterministic.
 */
import { describe, expect, it } from 'vitest';
import { KnSelection, knH2 } from '../../src/experiment/kn.js';
import { createStream, type RandomStream } from '../../src/random/stream.js';
import { normalQuantile } from '../../src/random/special.js';

const MACRO = 2000;

function normal(rng: RandomStream): number {
  let u = rng.next();
  while (u <= 0) u = rng.next();
  return normalQuantile(u);
}

interface Config {
  /** True means (minimisation: design 0 is the best). */
  means: number[];
  sds: number[];
  /** Correlation induced by common random numbers (0: independent). */
  crn: number;
  delta: number;
  alpha: number;
  n0: number;
}

/** One macro-replication: KN fed one replication at a time (as plan-search does). */
function runKn(cfg: Config, macro: number): { survivors: number[]; stage: number; done: boolean } {
  const k = cfg.means.length;
  const rng = createStream(20260105, macro, 'kn-test');
  const obs: number[][] = cfg.means.map(() => []);
  const draw = () => {
    const common = normal(rng);
    for (let i = 0; i < k; i++) {
      const own = normal(rng);
      obs[i].push(cfg.means[i] + cfg.sds[i] * (Math.sqrt(cfg.crn) * common + Math.sqrt(1 - cfg.crn) * own));
    }
  };
  const kn = new KnSelection(obs, { alpha: cfg.alpha, delta: cfg.delta, n0: cfg.n0 });
  for (let j = 0; j < cfg.n0; j++) draw();
  let guard = 0;
  while (!kn.advance()) {
    draw();
    if (++guard > 100_000) throw new Error('KN did not end');
  }
  return { survivors: kn.survivors(), stage: kn.stage, done: kn.done };
}

function pcs(cfg: Config): { share: number; meanStage: number; floor: number } {
  let correct = 0;
  let stages = 0;
  for (let m = 0; m < MACRO; m++) {
    const r = runKn(cfg, m);
    // Correct: design 0 is the only survivor (with continuous outputs there are no exact ties).
    if (r.survivors.length === 1 && r.survivors[0] === 0) correct++;
    stages += r.stage;
  }
  const se = Math.sqrt((cfg.alpha * (1 - cfg.alpha)) / MACRO);
  return { share: correct / MACRO, meanStage: stages / MACRO, floor: 1 - cfg.alpha - 3 * se };
}

describe('KN: probability of correct selection in the slippage configuration', () => {
  // Slippage: the best is exactly δ = σ/2 better than the k − 1 others, which are equal (the least
  // favourable configuration for the guarantee).
  const slippage = (k: number, crn: number, sds = new Array(k).fill(1)): Config => ({
    means: [0, ...new Array(k - 1).fill(0.5)],
    sds,
    crn,
    delta: 0.5,
    alpha: 0.05,
    n0: 10,
  });

  it('k = 5, independent outputs: PCS >= 1 − α (within 3 binomial SE)', () => {
    const r = pcs(slippage(5, 0));
    console.log(`KN k=5 independent: PCS ${r.share} (floor ${r.floor.toFixed(4)}), mean stage ${r.meanStage.toFixed(1)}`);
    expect(r.share).toBeGreaterThanOrEqual(r.floor);
  });

  it('k = 4, unequal variances (the best the noisiest): PCS >= 1 − α', () => {
    const r = pcs(slippage(4, 0, [2, 1, 0.5, 1]));
    console.log(`KN k=4 unequal variances: PCS ${r.share} (floor ${r.floor.toFixed(4)})`);
    expect(r.share).toBeGreaterThanOrEqual(r.floor);
  });

  it('k = 5, common random numbers (correlation 0.8): PCS >= 1 − α, with fewer replications than independent outputs', () => {
    const crn = pcs(slippage(5, 0.8));
    const ind = pcs(slippage(5, 0));
    console.log(
      `KN k=5 CRN 0.8: PCS ${crn.share} (floor ${crn.floor.toFixed(4)}), mean stage ${crn.meanStage.toFixed(1)} vs ${ind.meanStage.toFixed(1)} independent`,
    );
    expect(crn.share).toBeGreaterThanOrEqual(crn.floor);
    // Paired differences vary 1 − 0.8 as much: the procedure ends much sooner.
    expect(crn.meanStage).toBeLessThan(0.6 * ind.meanStage);
  });

  it('the check has teeth: with the best only δ/10 better (outside the guarantee) PCS is far below 1 − α', () => {
    const cfg = slippage(5, 0);
    cfg.means = [0.45, 0.5, 0.5, 0.5, 0.5];
    const r = pcs(cfg);
    expect(r.share).toBeLessThan(0.8);
  });
});

describe('KN: h² and ending', () => {
  it('h² matches Kim & Nelson (2001): (n0 − 1)((2α/(k − 1))^(−2/(n0 − 1)) − 1)', () => {
    // k = 2, n0 = 10, α = 0.05: 9·(0.1^(−2/9) − 1) = 9·(1.6681 − 1).
    expect(knH2(2, 10, 0.05)).toBeCloseTo(9 * (0.1 ** (-2 / 9) - 1), 12);
    expect(knH2(2, 10, 0.05)).toBeCloseTo(6.0129, 3);
    expect(knH2(1, 10, 0.05)).toBe(0);
    // More designs or a smaller α need a wider continuation region.
    expect(knH2(10, 10, 0.05)).toBeGreaterThan(knH2(2, 10, 0.05));
    expect(knH2(2, 10, 0.01)).toBeGreaterThan(knH2(2, 10, 0.05));
  });

  it('exact ties with zero variance end after the first stage with every design surviving', () => {
    const obs = [new Array(5).fill(3), new Array(5).fill(3), new Array(5).fill(3)];
    const kn = new KnSelection(obs, { alpha: 0.05, delta: 0.1, n0: 5 });
    expect(kn.advance()).toBe(true);
    expect(kn.done).toBe(true);
    expect(kn.stage).toBe(5);
    expect(kn.survivors()).toEqual([0, 1, 2]);
  });

  it('zero variance with different means selects the least after the first stage', () => {
    const obs = [new Array(4).fill(5), new Array(4).fill(2), new Array(4).fill(2.05)];
    const kn = new KnSelection(obs, { alpha: 0.05, delta: 1, n0: 4 });
    expect(kn.advance()).toBe(true);
    expect(kn.survivors()).toEqual([1]);
  });

  it('identical noisy outputs (perfectly correlated, equal means) end at once as a tie', () => {
    const rng = createStream(3, 0, 'tie');
    const xs = Array.from({ length: 6 }, () => normal(rng));
    const kn = new KnSelection([xs, [...xs]], { alpha: 0.05, delta: 0.5, n0: 6 });
    expect(kn.advance()).toBe(true);
    expect(kn.survivors()).toEqual([0, 1]);
  });

  it('waits for observations: advance() is false until every survivor has the replication it needs', () => {
    const a: number[] = [1, 2];
    const b: number[] = [1.5];
    const kn = new KnSelection([a, b], { alpha: 0.05, delta: 0.01, n0: 2 });
    expect(kn.advance()).toBe(false);
    expect(kn.stage).toBe(0);
    b.push(2.4);
    expect(kn.advance()).toBe(false);
    expect(kn.stage).toBe(2);
    expect(kn.needed).toBe(3);
  });

  it('a design with an observation that is not a number leaves (it cannot be ranked) instead of surviving every test', () => {
    // NaN compares false with everything: without the rule, design 0 was never eliminated and,
    // being first, was chosen although design 2 is far better.
    const obs = [
      [1, 2, Number.NaN, 1.5, 1.2],
      [5, 5.2, 4.9, 5.1, 5],
      [0, 0.1, -0.1, 0.05, 0],
    ];
    const kn = new KnSelection(obs, { alpha: 0.05, delta: 0.5, n0: 5 });
    expect(kn.advance()).toBe(true);
    expect(kn.survivors()).toEqual([2]);
    expect(kn.unrankable()).toEqual([0]);
  });

  it('when every design has a non-number, none is dropped for it', () => {
    const kn = new KnSelection(
      [
        [1, Number.NaN],
        [Number.NaN, 2],
      ],
      { alpha: 0.05, delta: 0.5, n0: 2 },
    );
    kn.advance();
    expect(kn.unrankable()).toEqual([]);
    expect(kn.survivors()).toEqual([0, 1]);
  });

  it('rejects n0 < 2 and δ <= 0', () => {
    expect(() => new KnSelection([[1], [2]], { alpha: 0.05, delta: 1, n0: 1 })).toThrow(RangeError);
    expect(() => new KnSelection([[1], [2]], { alpha: 0.05, delta: 0, n0: 2 })).toThrow(RangeError);
  });
});
