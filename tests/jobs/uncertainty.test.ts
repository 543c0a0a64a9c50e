/**
 * `--uncertainty N` through the job pipeline (src/jobs/uncertainty.ts): common random numbers
 * across designs (the same parameter draws and the same seeds in every design), the documents'
 * new fields with the plain fields unchanged, and one bound for every door (CLI and library,
 * the same words, exit 2).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designOf } from '../../src/jobs/designs.js';
import { checkJob } from '../../src/jobs/check.js';
import { simulateJob } from '../../src/jobs/simulate.js';
import { jobDocument } from '../../src/jobs/outputs.js';
import { inlineRunner, type ReplicationRunner, type ReplicationTask } from '../../src/jobs/runner.js';
import { checkUncertainty, documentWithUncertainty, simulateUncertainty, uncertaintySectionsProblem } from '../../src/jobs/uncertainty.js';
import { fewestDrawsToTell, HYPERCUBE_COLUMNS, parameterValue } from '../../src/experiment/uncertainty.js';
import { normalQuantile } from '../../src/random/special.js';
import { compareUncertaintyText, HEADLINE_METRICS, hingeLines } from '../../src/report/uncertainty-words.js';
import { labelWithUnit } from '../../src/report/format.js';
import { METRICS } from '../../src/model/index.js';
import { typedValue } from '../../src/jobs/node/uncertainty-cli.js';
import { figures } from '../../src/report/html/figures.js';
import { uncertaintyCsv, uncertaintyLevelsCsv } from '../../src/jobs/node/uncertainty-stage.js';
import { UNCERTAINTY_BOUND, uncertaintyProblem } from '../../src/scenario/uncertainty-option.js';
import { InputError } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { DIAL_LEVER_IDS } from '../../src/scenario/lever-registry.js';
import { simulate } from '../../src/index.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
/** The CLI from its TypeScript source, in the project folder, as in CI. */
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });

const base = {
  name: 'unc',
  referrals: { practices: [{ name: 'A', referralsPerMonth: 30 }] },
  workers: [{ count: 2 }],
  run: { years: 1, warmupDays: 60, replications: 2 },
};
const design = designOf(base, 'unc.yaml');
const capped = designOf({ ...base, name: 'unc-capped', policy: { sessionCap: 3 } }, 'capped.yaml');
const same = designOf({ ...base, name: 'unc-again' }, 'again.yaml');

/** The inline runner, recording every variant and task it is given. */
function recording(): ReplicationRunner & { seen: Array<{ variant: Scenario; task: ReplicationTask }> } {
  const seen: Array<{ variant: Scenario; task: ReplicationTask }> = [];
  return {
    seen,
    workers: 1,
    async run(variants, settings, tasks, onProgress) {
      for (const task of tasks) seen.push({ variant: variants[task.variant], task });
      return inlineRunner.run(variants, settings, tasks, onProgress);
    },
    async close() {},
  };
}

describe('--uncertainty on common random numbers', () => {
  it('every design of a comparison runs draw j with the same parameter values and the same replication numbers', async () => {
    const job = checkJob({ kind: 'compare', designs: [design, capped], options: {}, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    const runner = recording();
    const o = await simulateUncertainty(result, 3, runner);
    const R = 2;
    expect(runner.seen.length).toBe(3 * 2 * R);
    // In each batch, draw j's variants come design by design, R tasks each.
    const byDesign = (d: number) => runner.seen.filter((_, i) => Math.floor(i / R) % 2 === d);
    const [a, b] = [byDesign(0), byDesign(1)];
    expect(a.map((x) => x.task.replication)).toEqual(b.map((x) => x.task.replication));
    a.forEach((x, i) => {
      for (const id of HYPERCUBE_COLUMNS) expect(parameterValue(b[i].variant, id), id).toBe(parameterValue(x.variant, id));
      expect(b[i].variant.policy.sessionCap).toBe(3);
    });
    // Independent across draws: no replication number used twice within a design, none of the plain run's (0, 1).
    const reps = a.map((x) => x.task.replication);
    expect(new Set(reps).size).toBe(reps.length);
    expect(reps.some((r) => r < R)).toBe(false);
    // The draws differ from one another.
    expect(new Set(a.map((x) => parameterValue(x.variant, 'workforce.baseLeavingPerYear'))).size).toBe(3);
    expect(o.differences?.[0].metrics.needMetShare.beatsShare).not.toBeUndefined();
  }, 120_000);

  it('a design compared with itself differs by exactly 0 in every draw: no draw in which it is better, no variance from the assumptions', async () => {
    const job = checkJob({ kind: 'compare', designs: [design, same], options: {}, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    const o = await simulateUncertainty(result, 3, inlineRunner);
    for (const m of Object.values(o.differences![0].metrics)) {
      expect(m.beatsShare === null || m.beatsShare === 0).toBe(true);
      expect(m.worseShare === null || m.worseShare === 0).toBe(true); // ties are neither better nor worse
      expect(m.sigma2Assumptions === 0 || Number.isNaN(m.sigma2Assumptions)).toBe(true);
    }
  }, 120_000);

  it('adds ci95Total, assumptionShare and the uncertainty block, and leaves the plain fields as they were', async () => {
    const job = checkJob({ kind: 'run', designs: [design], options: {}, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    const plain = jobDocument(result) as unknown as { metrics: Record<string, { mean: number; ci95: [number, number] }> };
    const o = await simulateUncertainty(result, 3, inlineRunner);
    const doc = documentWithUncertainty(plain as unknown as Record<string, unknown>, o) as unknown as {
      metrics: Record<string, { mean: number; ci95: [number, number]; ci95Total: [number, number]; assumptionShare: number }>;
      uncertainty: { draws: number; parameters: unknown[] };
    };
    expect(doc.uncertainty.draws).toBe(3);
    expect(doc.uncertainty.parameters.length).toBe(HYPERCUBE_COLUMNS.length);
    for (const [id, m] of Object.entries(plain.metrics)) {
      const u = doc.metrics[id];
      expect({ mean: u.mean, ci95: u.ci95 }, id).toEqual({ mean: m.mean, ci95: m.ci95 });
      if (Number.isFinite(m.ci95[0]) && u.ci95Total[0] !== null) {
        expect(u.ci95Total[0], id).toBeLessThanOrEqual(m.ci95[0]);
        expect(u.ci95Total[1], id).toBeGreaterThanOrEqual(m.ci95[1]);
      }
      if (u.assumptionShare !== null) expect(u.assumptionShare >= 0 && u.assumptionShare <= 1, id).toBe(true);
    }
  }, 120_000);

  it('explore: every level gains the share of draws in which it is just right', async () => {
    const job = checkJob({ kind: 'explore', designs: [design], options: { steps: 3 }, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    const o = await simulateUncertainty(result, 2, inlineRunner);
    expect(o.justRightShare!.length).toBe(3);
    for (const s of o.justRightShare!) expect([0, 0.5, 1]).toContain(s);
    expect(o.zones!.length).toBe(2);
  }, 120_000);
});

describe('the bound of --uncertainty, the same at every door', () => {
  it('accepts the bounds and refuses one beyond either end, a fraction and text', () => {
    expect(uncertaintyProblem(UNCERTAINTY_BOUND.min, 'cli')).toBeNull();
    expect(uncertaintyProblem(UNCERTAINTY_BOUND.max, 'library')).toBeNull();
    for (const bad of [UNCERTAINTY_BOUND.min - 1, UNCERTAINTY_BOUND.max + 1, 2.5, Number.NaN, '8'])
      expect(uncertaintyProblem(bad, 'library'), String(bad)).toMatch(/^option `uncertainty` must be a whole number from 2 to 1,000/);
  });

  it('the CLI refuses --uncertainty 1 and 1001 with exit 2 and the library with the same words', async () => {
    for (const n of [UNCERTAINTY_BOUND.min - 1, UNCERTAINTY_BOUND.max + 1]) {
      const r = cli(['run', '--uncertainty', String(n), '--no-charts']);
      expect(r.status, r.stderr).toBe(2);
      const words = uncertaintyProblem(n, 'cli')!;
      expect(r.stderr).toContain(words);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      const lib = await simulate(base, { uncertainty: n, workers: 1 }).catch((e: unknown) => e);
      expect(lib).toBeInstanceOf(InputError);
      expect((lib as Error).message).toContain(words.replace('--uncertainty', 'option `uncertainty`'));
    }
    expect(() => checkUncertainty(8, 'library', 'run', 1)).toThrow(/at least 2 replications per draw/);
  }, 120_000);
});

describe('without --uncertainty nothing changes', () => {
  it('an assumptions: section at the defaults and an uncertainty: section leave every number as it was', async () => {
    const run = async (extra: object) => {
      const job = checkJob({ kind: 'run', designs: [designOf({ ...base, ...extra }, 'x.yaml')], options: {}, door: 'library' });
      return JSON.stringify((jobDocument(await simulateJob(job, inlineRunner)) as { metrics: unknown }).metrics);
    };
    const plain = await run({});
    expect(await run({ assumptions: { neutralStress: 0.3, noviceMonths: 12, satisfactionTargetFailing: 0.4 } })).toBe(plain);
    expect(await run({ uncertainty: { assumptions: [{ parameter: 'patients.didNotAttend', distribution: 'uniform' }] } })).toBe(plain);
    expect(await run({ assumptions: { knowledgeExperienced: 0.6, noviceMonths: 18 } })).not.toBe(plain);
  }, 120_000);

  it('the CLI with --uncertainty prints the plain document plus the new fields (the plain fields byte for byte)', () => {
    const args = ['run', '--reps', '2', '--years', '1', '--workers', '1', '--json', '--no-charts'];
    const plain = cli([...args, '-o', join(tempDir('goldilocks-unc-'), 'plain')]);
    const with2 = cli([...args, '--uncertainty', '2', '-o', join(tempDir('goldilocks-unc-'), 'with')]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(with2.status, with2.stderr).toBe(0);
    const strip = (text: string) => {
      const d = JSON.parse(text);
      delete d.uncertainty;
      for (const m of Object.values(d.metrics) as Array<Record<string, unknown>>) {
        delete m.ci95Total;
        delete m.assumptionShare;
      }
      return JSON.stringify(d, null, 2) + '\n';
    };
    expect(strip(with2.stdout)).toBe(plain.stdout);
  }, 120_000);
});

describe('the library option `uncertainty`', () => {
  it('simulate: the plain document plus ci95Total, assumptionShare and the block; the plain fields as without it', async () => {
    const plain = (await simulate(base, { workers: 1 })) as unknown as { metrics: Record<string, { mean: number; ci95: number[] }> };
    const doc = (await simulate(base, { workers: 1, uncertainty: 2 })) as unknown as {
      metrics: Record<string, { mean: number; ci95: number[]; ci95Total: number[]; assumptionShare: number }>;
      uncertainty: { draws: number };
    };
    expect(doc.uncertainty.draws).toBe(2);
    for (const [id, m] of Object.entries(plain.metrics))
      expect({ mean: doc.metrics[id].mean, ci95: doc.metrics[id].ci95 }, id).toEqual({ mean: m.mean, ci95: m.ci95 });
    expect(doc.metrics.needMetShare.ci95Total).toHaveLength(2);
  }, 120_000);

  it("plan: the chosen design's targets gain the share of draws in which they are met; the search is unchanged", async () => {
    const { plan } = await import('../../src/index.js');
    const baseText = JSON.stringify(base);
    const spec = {
      name: 'p',
      base: baseText,
      factors: [{ path: 'workers.0.count', values: [1, 2] }],
      targets: ['overloadIndex <= 1'],
      replications: 2,
      maxReplications: 4,
    };
    const plain = await plan(spec, { workers: 1 });
    const doc = (await plan(spec, { workers: 1, uncertainty: 2 })) as typeof plain & {
      uncertainty: { draws: number; targets: Array<{ target: string; metShare: number | null }> } | null;
    };
    const { uncertainty, ...rest } = doc;
    expect(rest).toEqual(plain);
    if (plain.chosen) {
      expect(uncertainty?.draws).toBe(2);
      expect(uncertainty?.targets.map((t) => t.target)).toEqual(['overloadIndex <= 1']);
      expect([0, 0.5, 1]).toContain(uncertainty?.targets[0].metShare);
    } else expect(uncertainty).toBeNull();
  }, 120_000);
});

describe('what can be refused is refused before the plain job runs', () => {
  it('the library: one replication per draw, and compared designs with different uncertainty: sections, before any replication', async () => {
    const { compare } = await import('../../src/index.js');
    let progress = 0;
    const onProgress = () => void progress++;
    const one = await simulate({ ...base, run: { ...base.run, replications: 1 } }, { uncertainty: 2, workers: 1, onProgress }).catch((e: unknown) => e);
    expect(one).toBeInstanceOf(InputError);
    expect((one as Error).message).toContain('needs at least 2 replications per draw');
    const narrowed = { ...base, name: 'narrowed', uncertainty: { assumptions: [{ parameter: 'levers.travelMinutes', low: 10, high: 20 }] } };
    const sections = await compare([base, narrowed], { uncertainty: 2, workers: 1, onProgress }).catch((e: unknown) => e);
    expect(sections).toBeInstanceOf(InputError);
    expect((sections as Error).message).toContain('have different uncertainty: sections');
    expect(progress).toBe(0);
  });
});

describe('the CLI refuses one replication per draw before the job runs', () => {
  it('run --reps 1 --uncertainty 2: exit 2, the words of the other doors, and no folder written', () => {
    const dir = join(tempDir('goldilocks-unc-'), 'one-rep');
    const r = cli(['run', '--reps', '1', '--years', '1', '--no-charts', '--uncertainty', '2', '-o', dir]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('--uncertainty needs at least 2 replications per draw');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(false);
  }, 120_000);
});

describe('the CLI with --uncertainty', () => {
  const small = ['--reps', '2', '--years', '1', '--workers', '1', '--no-charts', '--uncertainty', '2'];

  it('explore says how robust its zone is, and its levels gain justRightShare', () => {
    const text = cli(['explore', '--steps', '3', ...small, '-o', join(tempDir('goldilocks-unc-'), 'explore')]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/How robust the zone is|no level is just right in the plain run/);
    expect(text.stdout).toContain('uncertainty.json');
    const json = cli(['explore', '--steps', '3', ...small, '--json', '-o', join(tempDir('goldilocks-unc-'), 'explore')]);
    const doc = JSON.parse(json.stdout) as { levels: Array<{ justRightShare: number }> };
    expect(doc.levels.map((l) => typeof l.justRightShare)).toEqual(['number', 'number', 'number']);
  }, 120_000);

  it("compare's differences gain beatsShare, ci95Total and assumptionShare", () => {
    const r = cli([
      'compare',
      'scenarios/compare-open.yaml',
      'scenarios/compare-capped.yaml',
      ...small,
      '--json',
      '-o',
      join(tempDir('goldilocks-unc-'), 'compare'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      differences: Array<{ metrics: Record<string, { beatsShare: number | null; ci95Total: unknown[]; assumptionShare: unknown }> }>;
    };
    const m = doc.differences[0].metrics;
    expect([0, 0.5, 1]).toContain(m.waitDays.beatsShare);
    expect(m.caseloadPerWorker.beatsShare).toBeNull(); // no better direction
    expect(m.waitDays.ci95Total).toHaveLength(2);
  }, 120_000);
});

describe('the decisions compared are held, never drawn', () => {
  const rr = (x: number) => designOf({ ...base, name: `rr${x}`, levers: { reReferral: x } }, `rr${x}.yaml`);

  it('compare: a lever that differs between the designs keeps each design’s own value in every draw, and is listed as held', async () => {
    const job = checkJob({ kind: 'compare', designs: [rr(0.1), rr(0.5)], options: {}, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    const runner = recording();
    const o = await simulateUncertainty(result, 3, runner);
    const R = 2;
    const byDesign = (d: number) => runner.seen.filter((_, i) => Math.floor(i / R) % 2 === d);
    expect(new Set(byDesign(0).map((x) => x.variant.levers.reReferral))).toEqual(new Set([0.1]));
    expect(new Set(byDesign(1).map((x) => x.variant.levers.reReferral))).toEqual(new Set([0.5]));
    expect(o.held).toEqual([{ parameter: 'levers.reReferral', reason: 'differs between the designs', values: [0.1, 0.5] }]);
    expect(o.parameters.map((p) => p.parameter)).not.toContain('levers.reReferral');
    // The other assumptions are still drawn.
    expect(new Set(byDesign(0).map((x) => parameterValue(x.variant, 'workforce.baseLeavingPerYear'))).size).toBe(3);
    const doc = documentWithUncertainty(jobDocument(result) as unknown as Record<string, unknown>, o);
    expect(doc.uncertainty.held.map((h) => h.parameter)).toEqual(['levers.reReferral']);
  }, 120_000);

  it('explore: the levers the dial sets are never drawn (no assumed parameter is a dial lever), so nothing else needs holding', async () => {
    for (const k of DIAL_LEVER_IDS) expect(HYPERCUBE_COLUMNS, k).not.toContain(`levers.${k}`);
    const job = checkJob({ kind: 'explore', designs: [design], options: { steps: 2 }, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    const o = await simulateUncertainty(result, 2, inlineRunner);
    expect(o.held).toEqual([]);
  }, 120_000);

  it('plan: a factor that is an assumed parameter is held at the chosen design’s value', async () => {
    const { plan } = await import('../../src/index.js');
    const spec = {
      name: 'p',
      base: JSON.stringify(base),
      factors: [{ path: 'levers.travelMinutes', values: [10, 30] }],
      targets: ['overloadIndex <= 100'],
      replications: 2,
      maxReplications: 2,
    };
    const doc = (await plan(spec, { workers: 1, uncertainty: 2 })) as unknown as {
      chosen: { values: Record<string, number> } | null;
      uncertainty: { held: Array<{ parameter: string; reason: string; values: number[] }>; parameters: Array<{ parameter: string }> };
    };
    expect(doc.chosen).not.toBeNull();
    expect(doc.uncertainty.held.map((h) => [h.parameter, h.reason])).toEqual([['levers.travelMinutes', 'a factor of the plan']]);
    expect([10, 30]).toContain(doc.uncertainty.held[0].values[0]);
    expect(doc.uncertainty.parameters.map((p) => p.parameter)).not.toContain('levers.travelMinutes');
  }, 120_000);

  it('compare refuses designs whose uncertainty: sections differ, naming both files', async () => {
    const other = designOf(
      { ...base, name: 'unc-other', uncertainty: { assumptions: [{ parameter: 'patients.didNotAttend', distribution: 'uniform' }] } },
      'other.yaml',
    );
    expect(uncertaintySectionsProblem([design, same])).toBeNull();
    expect(uncertaintySectionsProblem([design, other])).toMatch(/^unc\.yaml and other\.yaml have different uncertainty: sections/);
    const job = checkJob({ kind: 'compare', designs: [design, other], options: {}, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    await expect(simulateUncertainty(result, 2, inlineRunner)).rejects.toBeInstanceOf(InputError);
  }, 120_000);
});

describe('the same scenario and seed give byte-identical documents with --uncertainty', () => {
  const small = ['--reps', '2', '--years', '1', '--workers', '1', '--no-charts', '--uncertainty', '2', '--json'];

  for (const [kind, args, file] of [
    ['run', ['run'], 'summary.json'],
    ['compare', ['compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml'], 'compare.json'],
    ['explore', ['explore', '--steps', '2'], 'explore.json'],
  ] as const) {
    it(`${kind}: --json, ${file} and uncertainty.json are the same bytes twice; the draws' wall time is in manifest.json only`, () => {
      const dirs = [join(tempDir('goldilocks-unc-'), 'a'), join(tempDir('goldilocks-unc-'), 'b')];
      const runs = dirs.map((d) => cli([...args, ...small, '-o', d]));
      for (const r of runs) expect(r.status, r.stderr).toBe(0);
      expect(runs[1].stdout).toBe(runs[0].stdout);
      expect(runs[0].stdout).not.toContain('wallSeconds');
      for (const d of dirs) {
        expect(readFileSync(join(d, file), 'utf8'), file).toBe(runs[0].stdout);
        expect(readFileSync(join(d, 'uncertainty.json'), 'utf8')).toBe(runs[0].stdout);
        const manifest = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as { uncertainty: { draws: number; wallSeconds: number } };
        expect(manifest.uncertainty.draws).toBe(2);
        expect(manifest.uncertainty.wallSeconds).toBeGreaterThan(0);
      }
    }, 120_000);
  }
});

describe('the words of --uncertainty', () => {
  it('with too few draws for any correlation to pass the Bonferroni threshold, names no assumption', () => {
    const k = HYPERCUBE_COLUMNS.length;
    const n = fewestDrawsToTell(k);
    const z = normalQuantile(1 - 0.025 / k);
    // Below n even |ρ| = 1 is not clear; at n it could be.
    expect(z / Math.sqrt(n - 2)).toBeGreaterThanOrEqual(1);
    expect(z / Math.sqrt(n - 1)).toBeLessThan(1);
    const text = hingeLines({} as never, HEADLINE_METRICS, n - 1, k);
    expect(text).toContain(`too few draws (${n - 1}) to tell which assumptions matter; use --uncertainty 64 or more`);
    expect(text).not.toContain('the strongest');
  });

  it('echoes what was typed: text, an empty value, null', () => {
    expect(uncertaintyProblem(null, 'library')).toMatch(/got null\.$/);
    expect(typedValue(['node', 'g', 'run', '--uncertainty', 'abc'])).toBe('abc');
    expect(typedValue(['node', 'g', 'run', '--uncertainty='])).toBe('');
    const r = cli(['run', '--uncertainty', 'abc', '--no-charts']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('got "abc".');
    expect(r.stderr).not.toContain('NaN');
  }, 60_000);

  it("compare's table has every metric: those without a better direction with their interval and no share of draws", async () => {
    const job = checkJob({ kind: 'compare', designs: [design, capped], options: {}, door: 'library' });
    const o = await simulateUncertainty(await simulateJob(job, inlineRunner), 2, inlineRunner);
    const text = compareUncertaintyText(o);
    for (const m of METRICS) expect(text, m.id).toContain(labelWithUnit(m.id));
  }, 120_000);
});

describe('help for --uncertainty', () => {
  const help = (args: string[]) => cli([...args, '--help']).stdout;

  it('goldilocks, compare and plan show an example; plan says what it reports (targets met in a share of the draws)', () => {
    for (const args of [[], ['compare'], ['plan']]) expect(help(args), args.join(' ') || 'goldilocks').toMatch(/\n\s+goldilocks \w+ .*--uncertainty \d+/);
    const plan = help(['plan']).replace(/\s+/g, ' ');
    expect(plan).toContain('the share of draws in which it is met');
    expect(plan).not.toContain("the run's replications each");
  }, 60_000);
});

describe('uncertainty.csv is tidy', () => {
  it('compare: scenario and versus columns (as differences.csv), snake_case headers; explore: per-level shares in their own table', async () => {
    const cmp = await simulateUncertainty(
      await simulateJob(checkJob({ kind: 'compare', designs: [design, capped], options: {}, door: 'library' }), inlineRunner),
      2,
      inlineRunner,
    );
    const lines = uncertaintyCsv(cmp).trim().split(/\r?\n/);
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['scenario', 'versus', 'metric']);
    for (const h of header) expect(h, h).toMatch(/^[a-z0-9_]+$/);
    expect(lines.some((l) => l.startsWith('unc-capped,unc,'))).toBe(true);
    expect(lines.some((l) => l.includes(' - '))).toBe(false);
    const exp = await simulateUncertainty(
      await simulateJob(checkJob({ kind: 'explore', designs: [design], options: { steps: 2 }, door: 'library' }), inlineRunner),
      2,
      inlineRunner,
    );
    const eh = uncertaintyCsv(exp).split(/\r?\n/)[0];
    expect(eh).not.toContain('just_right');
    const levels = uncertaintyLevelsCsv(exp).trim().split(/\r?\n/);
    expect(levels[0]).toBe('discretion,just_right_share');
    expect(levels).toHaveLength(1 + exp.groups.length);
  }, 120_000);
});

describe('report.html and results.xlsx with --uncertainty', () => {
  it('the report shows each interval with the assumptions beside the noise-only one; the workbook has an uncertainty sheet', async () => {
    const dir = join(tempDir('goldilocks-unc-'), 'r');
    const r = cli(['run', '--reps', '2', '--years', '1', '--workers', '1', '--no-charts', '--uncertainty', '2', '--report', '--xlsx', '-o', dir]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('With the assumptions’ uncertainty');
    expect(html).toContain('95 % CI (noise + assumptions)');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { metrics: Record<string, { ci95Total: [number, number] }> };
    const { formatInterval } = await import('../../src/report/format.js');
    expect(html).toContain(formatInterval('waitDays', summary.metrics.waitDays.ci95Total, { joiner: ' – ' }));
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const book = (await readXlsxFile(readFileSync(join(dir, 'results.xlsx')))) as unknown as Array<{ sheet: string; data: unknown[][] }>;
    const sheet = book.find((s) => s.sheet === 'uncertainty');
    expect(sheet?.data[0]).toEqual([
      'scenario',
      'versus',
      'metric',
      'ci_total_low',
      'ci_total_high',
      'assumption_share',
      'sigma2_assumptions',
      'beats_share',
      'worse_share',
    ]);
  }, 120_000);

  it("compare's report shows each difference's interval with the assumptions and the share of draws in which the design is better", () => {
    const dir = join(tempDir('goldilocks-unc-'), 'c');
    const r = cli([
      'compare',
      'scenarios/compare-open.yaml',
      'scenarios/compare-capped.yaml',
      '--reps',
      '2',
      '--years',
      '1',
      '--workers',
      '1',
      '--no-charts',
      '--uncertainty',
      '2',
      '--report',
      '-o',
      dir,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('The differences with the assumptions’ uncertainty');
    expect(html).toMatch(/better in (0|50|100) % of the draws, worse in (0|50|100) %/);
  }, 120_000);

  it("explore's report shows the share of draws in which each level is just right", () => {
    const dir = join(tempDir('goldilocks-unc-'), 'e');
    const r = cli(['explore', '--steps', '3', '--reps', '2', '--years', '1', '--workers', '1', '--no-charts', '--uncertainty', '2', '--report', '-o', dir]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Just right under the assumptions’ uncertainty');
    expect(html.match(/<td class="num">(0|50|100) %<\/td><\/tr>/g)?.length).toBe(3);
  }, 120_000);

  it("plan's report shows, per target, the share of draws in which the chosen design meets it; uncertainty.csv has a row per target", () => {
    const dir = join(tempDir('goldilocks-unc-'), 'p');
    const r = cli(['plan', 'scenarios/plan-wte.yaml', '--workers', '1', '--no-charts', '--uncertainty', '2', '--report', '-o', dir]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as {
      targets: string[];
      uncertainty: { targets: Array<{ target: string; metShare: number; ci95Total: [number, number]; hingesOn: unknown[] }> };
    };
    expect(doc.uncertainty.targets.map((t) => t.target)).toEqual(doc.targets);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('With the assumptions’ uncertainty');
    for (const t of doc.uncertainty.targets) expect(html).toContain(`${Math.round(100 * t.metShare)} % of the draws`);
    // Two draws are too few to tell what a target hinges on: no parameter is named.
    expect(html).toContain('Too few draws (2) to tell which assumptions the targets hinge on');
    expect(r.stdout).toContain('Too few draws (2)');
    const rows = readFileSync(join(dir, 'uncertainty.csv'), 'utf8').trim().split(/\r?\n/);
    expect(rows[0]).toBe('target,metric,met_share,mean,ci_low,ci_high,ci_total_low,ci_total_high,assumption_share');
    expect(rows.slice(1).map((l) => l.split(',')[0])).toEqual(doc.targets);
    expect(Number(rows[1].split(',')[6])).toBe(doc.uncertainty.targets[0].ci95Total[0]);
  }, 120_000);

  it("plan's report names what each target hinges on once the draws can tell, and reads a plan.json written before hingesOn", async () => {
    const { plan } = await import('../../src/index.js');
    const { buildPlanReport } = await import('../../src/report/html/plan-page.js');
    const spec = {
      name: 'p',
      base: JSON.stringify(base),
      factors: [{ path: 'workers.0.count', values: [2, 3] }],
      targets: ['overloadIndex <= 5'],
      replications: 2,
      maxReplications: 4,
    };
    const doc = (await plan(spec, { workers: 1, uncertainty: 2 })) as unknown as Record<string, unknown> & {
      uncertainty: { draws: number; parameters: unknown[]; targets: Array<Record<string, unknown>> };
    };
    expect(doc.chosen).not.toBeNull();
    const report = (d: unknown) => buildPlanReport({ kind: 'plan', folder: 'p', doc: d as never, manifest: {}, charts: [], scenario: null });
    const enough = fewestDrawsToTell(doc.uncertainty.parameters.length);
    const withDraws = (targets: Array<Record<string, unknown>>) => ({ ...doc, uncertainty: { ...doc.uncertainty, draws: enough, targets } });
    const hinge = { parameter: 'levers.travelMinutes', rho2: 0.5, sign: 1, clear: true };
    expect(report(withDraws(doc.uncertainty.targets.map((t) => ({ ...t, hingesOn: [hinge] }))))).toContain(
      'overloadIndex &lt;= 5 hinges most on levers.travelMinutes (ρ² 0.50, rises with it).',
    );
    const older = report(withDraws(doc.uncertainty.targets.map(({ hingesOn: _, ...t }) => t)));
    expect(older).toContain('overloadIndex &lt;= 5 hinges on no single assumption clearly.');
  }, 120_000);

  it('the uncertainty charts have captions in sentences, not their file names', () => {
    const html = figures(
      [
        { name: 'run-uncertainty', title: '', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
        { name: 'explore-uncertainty', title: '', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      ] as never,
      [],
    );
    expect(html).not.toMatch(/<\/strong> (run|explore) uncertainty/);
    expect(html).toContain('How sure are we?');
    expect(html).toContain('How robust the just-right zone is');
  });
});
