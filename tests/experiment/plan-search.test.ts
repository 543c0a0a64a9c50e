/**
 * The planner's search (src/experiment/plan-search.ts) on synthetic designs: `simulate` returns
 * made-up replications whose metrics are known functions of the design plus seeded normal noise
 * (replication r of every design shares its common part: common random numbers), so the right
 * answer is known and each test is fast and deterministic.
 *
 * Margins: the synthetic shares sit at least 0.05 (2.5 per-replication SDs, about 8 standard
 * errors at the first look of 10 replications) from the target, so every feasibility decision is
 * clear-cut and the tests check the search's logic, not luck; the test of the probability of
 * correct selection is the one where noise matters, and its tolerance is binomial.
 */
import { describe, expect, it } from 'vitest';
import type { BoundReplication } from '../../src/experiment/plan-bounds.js';
import { parseTarget, type Target } from '../../src/experiment/plan-schema.js';
import { directionWarnings, looksOf, type SearchSettings, type Simulate, type SimulationRequest, searchPlan } from '../../src/experiment/plan-search.js';
import type { SweepValue } from '../../src/experiment/sweep-schema.js';
import type { MetricValues } from '../../src/model/index.js';
import { createStream } from '../../src/random/stream.js';
import { normalQuantile } from '../../src/random/special.js';

function target(text: string): Target {
  const t = parseTarget(text);
  if ('problem' in t) throw new Error(t.problem);
  return t;
}

function z(seed: number, rep: number, name: string): number {
  const u = createStream(seed, rep, name).next();
  return normalQuantile(Math.min(Math.max(u, 1e-12), 1 - 1e-12));
}

/**
 * A replication with only the metrics given (the others absent, no waits); the share counts 500
 * patients, as a run's exposure does (the zero-events bound when every replication sees all).
 */
function rep(metrics: Partial<MetricValues>): BoundReplication {
  return {
    metrics: metrics as MetricValues,
    waitCounts: { zeros: 0, bins: new Uint32Array(0), counts: new Uint32Array(0), total: 0 },
    exposure: { seenWithin28DaysShare: 500 },
  };
}

type Model = (values: readonly SweepValue[], replication: number) => Partial<MetricValues>;

/** A `simulate` over a synthetic model that records what it was asked for. */
function fake(model: Model, order: 'asked' | 'reversed' | 'one at a time' = 'asked') {
  const asked: SimulationRequest[] = [];
  const simulate: Simulate = async (requests) => {
    asked.push(...requests);
    const out: BoundReplication[][] = requests.map(() => []);
    const indices = requests.map((_, i) => i);
    if (order === 'reversed') indices.reverse();
    for (const i of indices) {
      const r = requests[i];
      const reps = [];
      for (let j = r.from; j < r.to; j++) reps.push(rep(model(r.values, j)));
      if (order === 'one at a time') for (const x of reps) out[i].push(x);
      else out[i] = reps;
    }
    return out;
  };
  return { simulate, asked, designs: () => new Set(asked.map((r) => r.candidate)).size };
}

const WTE = Array.from({ length: 10 }, (_, i) => i + 1);

/** Share seen within 28 days for 1..10 WTE: the first at or above 0.9 is 7 WTE (0.95), 6 WTE is 0.85. */
const SHARE = [0.3, 0.45, 0.6, 0.7, 0.8, 0.85, 0.95, 0.97, 0.98, 0.99];

function wteModel(share: number[], seed = 1): Model {
  return (values, r) => {
    const level = WTE.indexOf(values[0] as number);
    const noise = 0.02 * (0.8 * z(seed, r, 'common') + 0.6 * z(seed, r, `own-${level}`));
    return {
      seenWithin28DaysShare: Math.min(1, Math.max(0, share[level] + noise)),
      costPerYear: 40_000 * (values[0] as number),
    };
  };
}

function wteSettings(targets: string[], patch: Partial<SearchSettings> = {}): SearchSettings {
  return {
    factors: [{ path: 'workers.0.count', values: WTE, monotone: true }],
    targets: targets.map(target),
    objective: { metric: 'costPerYear', sense: 'minimise' },
    confidence: 0.95,
    replications: 10,
    maxReplications: 80,
    ...patch,
  };
}

describe('plan search: bisection on a monotone factor', () => {
  it('finds the lowest value that meets the target, simulating fewer designs than the grid', async () => {
    const f = fake(wteModel(SHARE));
    const out = await searchPlan(wteSettings(['seenWithin28DaysShare >= 0.9']), f.simulate);
    expect(out.chosen?.values).toEqual([7]);
    expect(out.reason).toBeNull();
    // The one below the answer was tried and shown to miss: bisection ends between a miss and a pass.
    expect(out.candidates.find((c) => c.values[0] === 6)?.status).toBe('infeasible');
    // Top, bottom and ⌈log2 10⌉ halvings: 5 of 10 designs.
    expect(f.designs()).toBe(5);
    expect(out.candidates).toHaveLength(5);
    expect(out.gridSize).toBe(10);
    expect(out.replications).toBe(f.asked.reduce((n, r) => n + r.to - r.from, 0));
    expect(out.replications).toBeLessThan(10 * 10);
    expect(out.warnings).toEqual([]);
    // Designs above the answer that were tried are dominated, not chosen.
    for (const c of out.candidates) if ((c.values[0] as number) > 7) expect(c.status).toBe('dominated');
    // The chosen design's targets are met, with the bound on the target's side.
    const check = out.chosen!.targets[0];
    expect(check.verdict).toBe('met');
    expect(check.bound).toBeGreaterThanOrEqual(0.9);
    expect(out.chosenMetrics?.seenWithin28DaysShare.mean).toBeCloseTo(check.mean, 12);
  });

  it('the lowest value on the grid, when it already meets the targets, after two designs', async () => {
    const f = fake(wteModel(SHARE));
    const out = await searchPlan(wteSettings(['seenWithin28DaysShare >= 0.2']), f.simulate);
    expect(out.chosen?.values).toEqual([1]);
    expect(f.designs()).toBe(2);
  });

  it('nothing meets the target: chosen is null and the reason names the best reached, with its interval and design', async () => {
    const f = fake(wteModel(SHARE));
    const out = await searchPlan(wteSettings(['seenWithin28DaysShare >= 0.999']), f.simulate);
    expect(out.chosen).toBeNull();
    expect(out.chosenMetrics).toBeNull();
    // If the highest value fails, only the lowest is tried besides (to check the assumption).
    expect(f.designs()).toBe(2);
    const top = out.candidates.find((x) => x.values[0] === 10)!;
    expect(top.values).toEqual([10]);
    expect(top.status).toBe('infeasible');
    const c = top.targets[0];
    expect(out.reason).toContain('seenWithin28DaysShare >= 0.999');
    expect(out.reason).toContain(
      `the best reached is ${Number(c.mean.toPrecision(3))} [${Number(c.ci95[0].toPrecision(3))}, ${Number(c.ci95[1].toPrecision(3))}]`,
    );
    expect(out.reason).toContain('workers.0.count = 10');
    expect(c.ci95[1]).toBeLessThan(0.999);
  });

  it('a "monotone" factor whose highest value misses the targets while a lower one meets them is tested in full, not declared infeasible', async () => {
    const falling: Model = (values, r) => {
      const wte = values[0] as number;
      const noise = 0.01 * z(3, r, `own-${wte}`);
      return { seenWithin28DaysShare: SHARE[WTE.indexOf(wte)] + noise, utilisation: 1.6 / wte + noise, costPerYear: 40_000 * wte };
    };
    // utilisation = 1.6 / WTE meets >= 0.3 up to 5 WTE; the share meets >= 0.65 from 4 WTE: 4 and 5
    // WTE meet both (each at least 2 per-replication SDs clear), and 4 is the cheaper. Bisection alone
    // would find 10 WTE missing utilisation and 1 WTE missing the share, and call the line infeasible.
    const f = fake(falling);
    const out = await searchPlan(wteSettings(['utilisation >= 0.3', 'seenWithin28DaysShare >= 0.65']), f.simulate);
    expect(out.chosen?.values).toEqual([4]);
    expect(out.warnings.join(' ')).toMatch(/monotone assumption does not hold; every value of workers\.0\.count on this line was tested/);
    expect(f.designs()).toBe(WTE.length);
  });

  it('a response that gets worse going up a "monotone" factor is reported', async () => {
    // 7 WTE reaches 0.97 but 10 WTE only 0.92: both pass, but the assumption is wrong.
    const share = [0.3, 0.45, 0.6, 0.7, 0.8, 0.85, 0.97, 0.96, 0.95, 0.92];
    const out = await searchPlan(wteSettings(['seenWithin28DaysShare >= 0.9']), fake(wteModel(share)).simulate);
    expect(out.chosen?.values).toEqual([7]);
    expect(out.warnings.length).toBeGreaterThan(0);
    expect(out.warnings.join('\n')).toMatch(/seenWithin28DaysShare is worse at the higher value 10 than at 7 .*monotone assumption is doubtful/);
  });

  it('a monotone response gives no warning even where neighbours differ little', async () => {
    const share = [0.3, 0.45, 0.6, 0.7, 0.8, 0.85, 0.95, 0.95, 0.95, 0.95];
    const out = await searchPlan(wteSettings(['seenWithin28DaysShare >= 0.9']), fake(wteModel(share)).simulate);
    expect(out.chosen?.values).toEqual([7]);
    expect(out.warnings).toEqual([]);
  });

  it('when the response is monotone (flat above the answer), a warning is raised in at most 5 % of seeds (within 3 binomial SE)', async () => {
    // Two targets, 16 values: 5 neighbouring pairs tried (1, 2, 3, 4, 8, 16) × 2 targets. Without a split of the
    // level over these comparisons about one plan in five warned wrongly.
    const SEEDS = 300;
    const values = Array.from({ length: 16 }, (_, i) => i + 1);
    let warned = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const model: Model = (v, r) => {
        const level = v[0] as number;
        return {
          seenWithin28DaysShare: (level >= 4 ? 0.95 : 0.5) + 0.02 * z(seed, r, `own-${level}`) + 0.02 * z(seed, r, 'common'),
          overloadIndex: (level >= 4 ? 0.7 : 1.5) + 0.05 * z(seed, r, `overload-${level}`),
          costPerYear: 40_000 * level,
        };
      };
      const out = await searchPlan(
        { ...wteSettings(['seenWithin28DaysShare >= 0.9', 'overloadIndex <= 1']), factors: [{ path: 'workers.0.count', values, monotone: true }] },
        fake(model).simulate,
      );
      expect(out.chosen?.values).toEqual([4]);
      if (out.warnings.length > 0) warned++;
    }
    const se = Math.sqrt((0.05 * 0.95) / SEEDS);
    console.log(`monotone check: false warnings in ${warned} of ${SEEDS} plans`);
    expect(warned / SEEDS).toBeLessThanOrEqual(0.05 + 3 * se);
  });

  it('does not depend on the order in which requests are simulated, nor on how results are assembled', async () => {
    const settings = wteSettings(['seenWithin28DaysShare >= 0.9']);
    const a = await searchPlan(settings, fake(wteModel(SHARE), 'asked').simulate);
    const b = await searchPlan(settings, fake(wteModel(SHARE), 'reversed').simulate);
    const c = await searchPlan(settings, fake(wteModel(SHARE), 'one at a time').simulate);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).toBe(JSON.stringify(a));
  });
});

describe('plan search: several lines and selection', () => {
  // Two factors: a session cap (not monotone) and WTE (monotone). Each cap has its own lowest
  // feasible WTE; the costs differ by the cap's own cost.
  const CAPS: SweepValue[] = [4, 6, 'open'];
  // Lowest feasible WTE on each line: cap 4 → 5 (share 0.95; 4 WTE 0.85), cap 6 → 7 (0.95; 6 WTE
  // 0.85), open → none (10 WTE reaches 0.79). Cheapest: cap 4 at 5 WTE (205,000 against 310,000).
  const capShare: Record<string, number> = { '4': 0.15, '6': 0, open: -0.2 };
  const capCost: Record<string, number> = { '4': 5_000, '6': 30_000, open: 60_000 };
  const model: Model = (values, r) => {
    const [cap, wte] = values as [SweepValue, number];
    const level = WTE.indexOf(wte);
    const noise = 0.02 * (0.8 * z(9, r, 'common') + 0.6 * z(9, r, `own-${String(cap)}-${level}`));
    return {
      seenWithin28DaysShare: Math.min(1, Math.max(0, SHARE[level] + capShare[String(cap)] + noise)),
      costPerYear: 40_000 * wte + capCost[String(cap)] + 2_000 * z(9, r, 'cost'),
    };
  };
  const settings: SearchSettings = {
    factors: [
      { path: 'policy.sessionCap', values: CAPS, monotone: false },
      { path: 'workers.0.count', values: WTE, monotone: true },
    ],
    targets: [target('seenWithin28DaysShare >= 0.9')],
    objective: { metric: 'costPerYear', sense: 'minimise' },
    confidence: 0.95,
    indifference: 5_000,
    replications: 10,
    maxReplications: 80,
  };

  it('bisects each line, then selects the cheapest of the lines’ answers', async () => {
    const f = fake(model);
    const out = await searchPlan(settings, f.simulate);
    expect(out.chosen?.values).toEqual([4, 5]);
    expect(out.candidates.find((c) => c.values[0] === 6 && c.values[1] === 7)?.status).toBe('feasible');
    expect(out.candidates.find((c) => c.values[0] === 'open' && c.values[1] === 10)?.status).toBe('infeasible');
    expect(out.gridSize).toBe(30);
    expect(f.designs()).toBeLessThan(30);
    const losers = out.candidates.filter((c) => c.status === 'feasible');
    expect(losers.length).toBeGreaterThan(0);
    for (const c of losers) expect(c.reason).toMatch(/meets every target, but higher on costPerYear than the chosen design: costPerYear \+/);
  });

  it('the same answer when the monotone factor comes first (lines run across the grid with a stride)', async () => {
    const swapped: Model = (values, r) => model([values[1], values[0]], r);
    const f = fake(swapped);
    const out = await searchPlan({ ...settings, factors: [settings.factors[1], settings.factors[0]] }, f.simulate);
    expect(out.chosen?.values).toEqual([5, 4]);
    expect(f.designs()).toBeLessThan(30);
    // Every simulated design's values are its place in the grid (WTE varies slowest).
    for (const c of out.candidates) expect(c.id).toBe(WTE.indexOf(c.values[0] as number) * 3 + CAPS.indexOf(c.values[1]));
  });

  it('without a monotone factor every design is tested and the same design is chosen', async () => {
    const f = fake(model);
    const out = await searchPlan({ ...settings, factors: settings.factors.map((x) => ({ ...x, monotone: false })) }, f.simulate);
    expect(out.chosen?.values).toEqual([4, 5]);
    expect(f.designs()).toBe(30);
    expect(out.candidates.filter((c) => c.status === 'feasible' || c.status === 'chosen').length).toBeGreaterThan(3);
  });

  it('designs tied on the objective (a session cap costs nothing) are split by room on their tightest target, not by listing order', async () => {
    // Both caps reach the target at 5 WTE at the same salary bill; cap 6 has more room (0.98 against 0.95).
    const tiedModel: Model = (values, r) => {
      const [cap, wte] = values as [SweepValue, number];
      const level = WTE.indexOf(wte);
      const lift = cap === 6 ? 0.18 : 0.15;
      const noise = 0.02 * (0.8 * z(5, r, 'common') + 0.6 * z(5, r, `own-${String(cap)}-${level}`));
      return { seenWithin28DaysShare: Math.min(1, Math.max(0, SHARE[level] + lift + noise)), costPerYear: 40_000 * wte };
    };
    const out = await searchPlan({ ...settings, factors: [{ ...settings.factors[0], values: [4, 6] }, settings.factors[1]] }, fake(tiedModel).simulate);
    expect(out.chosen?.values).toEqual([6, 5]);
    const other = out.candidates.find((c) => c.values[0] === 4 && c.values[1] === 5);
    expect(other?.status).toBe('feasible');
    expect(other?.reason).toMatch(/ties with the chosen design on costPerYear; the chosen one has more room on its tightest target/);
  });

  it('maximises when asked: the objective is negated for selection', async () => {
    const out = await searchPlan(
      {
        ...settings,
        factors: settings.factors.map((x) => ({ ...x, monotone: false })),
        objective: { metric: 'costPerYear', sense: 'maximise' },
      },
      fake(model).simulate,
    );
    expect(out.chosen?.values).toEqual([6, 10]);
  });
});

describe('plan search: an objective that is not a number in some replications', () => {
  it('the design cannot be ranked and is not chosen; the best of the others is', async () => {
    // Maximise cost per need met: 3 is best (about 300); design 1 has no need met in replication 3.
    const model: Model = (values, r) => {
      const v = values[0] as number;
      return {
        seenWithin28DaysShare: 0.95 + 0.01 * z(4, r, `share-${v}`),
        costPerNeedMet: v === 1 && r === 3 ? Number.NaN : v * 100 + 5 * z(4, r, `cost-${v}`),
      };
    };
    const out = await searchPlan(
      {
        factors: [{ path: 'workers.0.count', values: [1, 2, 3], monotone: false }],
        targets: [target('seenWithin28DaysShare >= 0.9')],
        objective: { metric: 'costPerNeedMet', sense: 'maximise' },
        confidence: 0.95,
        replications: 10,
        maxReplications: 80,
      },
      fake(model).simulate,
    );
    expect(out.chosen?.values).toEqual([3]);
    expect(out.candidates[0].reason).toMatch(/costPerNeedMet is not a number in some of its replications/);
    expect(out.warnings).toEqual(
      directionWarnings({ targets: [target('seenWithin28DaysShare >= 0.9')], objective: { metric: 'costPerNeedMet', sense: 'maximise' } }),
    );
  });
});

describe('plan search: probability of correct selection over seeds', () => {
  // Six designs meet the target with room (share 0.95 against 0.9), six clearly miss (0.8). Among
  // the feasible, the cheapest is exactly δ cheaper than the next ones (the slippage
  // configuration, the least favourable for KN), with noisy costs (SD 2δ, correlation 0.5 under
  // common random numbers). The share of seeds choosing it must be at least the stated
  // confidence minus 3 binomial standard errors.
  const SEEDS = 400;
  const DELTA = 1_000;
  const FEASIBLE = new Set([1, 3, 4, 7, 9, 10]);
  const COST: Record<number, number> = { 1: 12_000, 3: 11_000, 4: 11_000, 7: 10_000, 9: 11_000, 10: 11_000 };
  const BEST = 7;
  const settings: SearchSettings = {
    factors: [
      { path: 'a', values: [0, 1, 2, 3], monotone: false },
      { path: 'b', values: [0, 1, 2], monotone: false },
    ],
    targets: [target('seenWithin28DaysShare >= 0.9')],
    objective: { metric: 'costPerYear', sense: 'minimise' },
    confidence: 0.95,
    indifference: DELTA,
    replications: 10,
    maxReplications: 400,
  };
  const modelFor =
    (seed: number): Model =>
    (values, r) => {
      const id = (values[0] as number) * 3 + (values[1] as number);
      return {
        seenWithin28DaysShare: (FEASIBLE.has(id) ? 0.95 : 0.8) + 0.02 * z(seed, r, `share-${id}`),
        costPerYear: (COST[id] ?? 5_000) + 2 * DELTA * (Math.SQRT1_2 * z(seed, r, 'cost') + Math.SQRT1_2 * z(seed, r, `cost-${id}`)),
      };
    };

  it(`chooses the known best in at least 95 % − 3 SE of ${SEEDS} seeds`, async () => {
    let correct = 0;
    let replications = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const out = await searchPlan(settings, fake(modelFor(seed)).simulate);
      const id = out.chosen ? (out.chosen.values[0] as number) * 3 + (out.chosen.values[1] as number) : -1;
      if (id === BEST) correct++;
      replications += out.replications;
    }
    const se = Math.sqrt((0.05 * 0.95) / SEEDS);
    console.log(`plan PCS over ${SEEDS} seeds: ${correct / SEEDS} (floor ${(0.95 - 3 * se).toFixed(3)}), ${replications / SEEDS} replications a seed`);
    expect(correct / SEEDS).toBeGreaterThanOrEqual(0.95 - 3 * se);
  });
});

describe('plan search: metrics at the end of their range', () => {
  it('a metric that is 0 in every replication with no exposure counted (hours) is never shown to meet a target: undecided at maxReplications', async () => {
    // A limitation, stated: as in a run's report, no bound is claimed for a constant at the end
    // of its range without counted units (docs: summary.ts), so such a target cannot be planned for.
    const model: Model = (values, r) => ({ ...wteModel(SHARE)(values, r), outOfRemitHoursPerWorkerWeek: 0 });
    const out = await searchPlan(wteSettings(['outOfRemitHoursPerWorkerWeek <= 2']), fake(model).simulate);
    expect(out.chosen).toBeNull();
    expect(out.candidates[0].status).toBe('undecided');
    expect(out.candidates[0].replications).toBe(80);
  });

  it('a share of 1 in every replication, with patients counted, meets a target below 1 by the zero-events bound', async () => {
    const model: Model = (values) => ({ seenWithin28DaysShare: 1, costPerYear: 40_000 * (values[0] as number) });
    const out = await searchPlan(wteSettings(['seenWithin28DaysShare >= 0.95']), fake(model).simulate);
    expect(out.chosen?.values).toEqual([1]);
  });
});

describe('plan search: the sequential feasibility test keeps its error rate', () => {
  it('a design exactly on the target is called feasible in at most 1 − confidence of seeds (within 3 binomial SE), over up to 5 looks', async () => {
    // The least favourable case for the claim "each target holds with 95 % confidence": the true
    // mean sits on the target, so every "feasible" verdict is an error. Looks at 10, 20, 40, 80
    // and 100 replications, each at 1 − 0.05/5.
    const SEEDS = 1000;
    let feasible = 0;
    let undecided = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const model: Model = (_, r) => ({ waitDays: 20 + 4 * z(seed, r, 'wait'), costPerYear: 1 });
      const out = await searchPlan(
        {
          factors: [{ path: 'workers.0.count', values: [2], monotone: false }],
          targets: [target('waitDays <= 20')],
          objective: { metric: 'costPerYear', sense: 'minimise' },
          confidence: 0.95,
          replications: 10,
          maxReplications: 100,
        },
        fake(model).simulate,
      );
      if (out.chosen) feasible++;
      if (out.candidates[0].status === 'undecided') undecided++;
    }
    const se = Math.sqrt((0.05 * 0.95) / SEEDS);
    console.log(`feasibility on the target: called feasible in ${feasible} of ${SEEDS} seeds, undecided in ${undecided}`);
    expect(feasible / SEEDS).toBeLessThanOrEqual(0.05 + 3 * se);
  });
});

describe('plan search: the looks', () => {
  it('n0, 2n0, 4n0, … then maxReplications', () => {
    expect(looksOf(10, 80)).toEqual([10, 20, 40, 80]);
    expect(looksOf(10, 100)).toEqual([10, 20, 40, 80, 100]);
    expect(looksOf(10, 10)).toEqual([10]);
  });

  it('a target still unsettled at maxReplications leaves the design undecided, not chosen', async () => {
    // 6 WTE sits exactly on the target: neither bound can settle it.
    const share = [0.3, 0.45, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9];
    const out = await searchPlan(wteSettings(['seenWithin28DaysShare >= 0.9'], { maxReplications: 40 }), fake(wteModel(share)).simulate);
    expect(out.chosen).toBeNull();
    const top = out.candidates.find((c) => c.values[0] === 10)!;
    expect(top.status).toBe('undecided');
    expect(top.replications).toBe(40);
    expect(top.reason).toMatch(/not shown to meet seenWithin28DaysShare >= 0.9 .* within 40 replications/);
  });
});

describe('targets and objectives against a metric’s better direction', () => {
  it('are said, not refused (a floor may be meant)', () => {
    const w = directionWarnings({
      targets: [target('droppedOutShare >= 0.1'), target('seenWithin28DaysShare >= 0.9')],
      objective: { metric: 'needsMetPerYear', sense: 'minimise' },
    });
    expect(w).toHaveLength(2);
    expect(w[0]).toContain('target droppedOutShare >= 0.1 asks for at least a value of droppedOutShare, where lower is better');
    expect(w[1]).toContain('the objective minimises needsMetPerYear, where higher is better');
    expect(directionWarnings({ targets: [target('overloadIndex <= 1')], objective: { metric: 'costPerYear', sense: 'minimise' } })).toEqual([]);
  });
});
