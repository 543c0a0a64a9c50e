/**
 * `goldilocks plan` as a user runs it: the compiled CLI in a child process (`npm test` builds
 * first). The answer and its files, the --json shape, exit 3 with the reason when nothing meets
 * the targets, exit 2 with file:line for a bad plan or option, results identical on 1 and 2
 * threads, and the plan schema kept current.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planJsonSchemaText, sweepJsonSchemaText } from '../../src/cli/commands/schema.js';
import { METRIC_IDS } from '../../src/model/index.js';
import { esc } from '../../src/report/html-text.js';
import { PLAN_STATUS_STYLE, planCharts } from '../../src/report/charts/plan.js';
import { planAnswer } from '../../src/report/plan-words.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const defaultScenario = join(root, 'scenarios/default.yaml');

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
let one: ReturnType<typeof cli>;
let two: ReturnType<typeof cli>;
beforeAll(() => {
  expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  work = tempDir('goldilocks-plan-');
  one = cli(['plan', 'scenarios/plan-wte.yaml', '--workers', '1', '--json', '--report', '--out', join(work, 'one')]);
  two = cli(['plan', 'scenarios/plan-wte.yaml', '--workers', '2', '--no-charts', '--out', join(work, 'two')]);
}, 120_000);

describe('goldilocks plan scenarios/plan-wte.yaml', () => {
  it('chooses a design and prints the --json document in the shape the issue gives', () => {
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr, 'nothing on stderr when piped: no progress bar').toBe('');
    const doc = JSON.parse(one.stdout);
    expect(doc.confidence).toBe(0.95);
    expect(Object.keys(doc.chosen.point)).toEqual(['workers.0.count']);
    expect(Object.keys(doc.chosen.metrics).sort()).toEqual([...METRIC_IDS].sort());
    for (const m of Object.values(doc.chosen.metrics) as Array<{ mean: unknown; ci95: unknown }>) {
      expect(Object.keys(m)).toEqual(['mean', 'ci95']);
      expect(Array.isArray(m.ci95)).toBe(true);
    }
    // replications: every replication simulated, over every candidate tried.
    expect(doc.replications).toBe(doc.candidates.reduce((n: number, c: { replications: number }) => n + c.replications, 0));
    expect(doc.candidates.filter((c: { status: string }) => c.status === 'chosen')).toHaveLength(1);
    const chosen = doc.candidates.find((c: { status: string }) => c.status === 'chosen');
    expect(chosen.point).toEqual(doc.chosen.point);
    expect(chosen.targets.map((t: { verdict: string }) => t.verdict)).toEqual(['met', 'met']);
    // The cheaper designs tried all missed a target (bisection on a monotone factor).
    for (const c of doc.candidates)
      if (c.point['workers.0.count'] < doc.chosen.point['workers.0.count']) expect(['infeasible', 'undecided']).toContain(c.status);
    expect(doc.candidatesSimulated).toBeLessThan(doc.candidatesInPlan);
  });

  it('writes plan.json, candidates.csv, chosen.yaml, manifest.json, the frontier charts and report.html', () => {
    const dir = join(work, 'one');
    for (const f of ['plan.json', 'candidates.csv', 'chosen.yaml', 'manifest.json', 'report.html']) expect(existsSync(join(dir, f)), f).toBe(true);
    for (const m of ['seenWithin28DaysShare', 'overloadIndex'])
      for (const ext of ['vl.json', 'svg', 'png']) expect(existsSync(join(dir, `charts/frontier-${m}.${ext}`)), `${m}.${ext}`).toBe(true);
    expect(readFileSync(join(dir, 'plan.json'), 'utf8')).toBe(one.stdout);
    const doc = JSON.parse(one.stdout);
    // The report opens with the answer in words, and inlines the frontier.
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const answer = planAnswer(doc);
    expect(answer).toMatch(/^\S+ WTE meets .* at £[\d,]+ a year; \S+ WTE does not: /);
    expect(html).toContain(esc(answer));
    expect(html.indexOf(esc(answer))).toBeGreaterThan(0);
    expect(html.indexOf(esc(answer))).toBeLessThan(html.indexOf('<figure class="chart"'));
    expect(html).toContain('Kim &amp; Nelson');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);
    // The chosen scenario runs: it is the base with the chosen value set.
    const chosen = readFileSync(join(dir, 'chosen.yaml'), 'utf8');
    expect(chosen).toContain(`count: ${doc.chosen.point['workers.0.count']}`);
    const run = cli(['validate', join(dir, 'chosen.yaml')]);
    expect(run.code, run.stderr).toBe(0);
    // Provenance: the plan file's and the base scenario's checksums.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.planFileSha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(root, 'scenarios/plan-wte.yaml'), 'utf8'))
        .digest('hex'),
    );
    expect(manifest.scenarioSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.replications).toBe(doc.replications);
    expect(manifest.seed).toBe(doc.settings.seed);
  });

  it("`goldilocks report DIR` rebuilds a plan folder's report.html byte for byte (from plan.json, the manifest, the charts and scenario.json)", () => {
    const dir = join(work, 'one');
    const written = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')).name).toBe('default');
    const again = cli(['report', dir]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(written);
  });

  it('gives byte-identical results on 1 and 2 threads', () => {
    expect(two.code, two.stderr).toBe(0);
    for (const f of ['plan.json', 'candidates.csv', 'chosen.yaml'])
      expect(readFileSync(join(work, 'two', f), 'utf8'), f).toBe(readFileSync(join(work, 'one', f), 'utf8'));
    expect(existsSync(join(work, 'two', 'charts')), '--no-charts').toBe(false);
    expect(existsSync(join(work, 'two', 'report.html'))).toBe(false);
  });

  it('prints the answer in words first, then the margins and the other candidates', () => {
    const lines = two.stdout.split('\n');
    expect(lines[0]).toMatch(/^Plan plan-wte \(scenarios\/plan-wte\.yaml, base scenarios\/default\.yaml\)/);
    expect(lines[2]).toBe(planAnswer(JSON.parse(one.stdout)));
    expect(two.stdout).toMatch(/Other candidates tried:/);
    expect(two.stdout).toMatch(/on 2 threads\)/);
  });
});

describe('goldilocks plan: when nothing meets the targets, and bad input', () => {
  const plan = (name: string, body: string) => {
    const file = join(work, `${name}.yaml`);
    writeFileSync(file, `name: ${name}\nbase: ${JSON.stringify(defaultScenario)}\n${body}`);
    return file;
  };

  it('exits 3 with the reason, and --json still prints the document with chosen: null', () => {
    const file = plan(
      'unreachable',
      'factors:\n  - path: workers.0.count\n    values: [1, 1.5]\n    monotone: true\ntargets:\n  - seenWithin28DaysShare >= 0.999\nreplications: 4\nmaxReplications: 8\nyears: 1\nwarmupDays: 60\n',
    );
    const r = cli(['plan', file, '--json', '--no-charts', '--out', join(work, 'unreachable')]);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.chosen).toBeNull();
    expect(doc.reason).toMatch(
      /^no candidate is shown to meet seenWithin28DaysShare >= 0\.999: the best reached is [\d.]+ \[[\d.]+, [\d.]+\] \(workers\.0\.count = [\d.]+\)\. It was reached at the end of a range: raise the highest workers\.0\.count/,
    );
    expect(r.stderr).toContain(doc.reason);
    const words = cli(['plan', file, '--no-charts', '--out', join(work, 'unreachable-words')]);
    expect(words.code).toBe(3);
    expect(words.stdout).toContain('No design meets every target with 95 % confidence');
    expect(existsSync(join(work, 'unreachable', 'chosen.yaml'))).toBe(false);
  }, 60_000);

  it('a bad plan: exit 2, the file and line, what to do next, no stack trace', () => {
    const file = plan('bad', 'factors:\n  - path: workers.0.count\n    values: [1, 2]\ntargets:\n  - seenWithin28DaysShar >= 0.9\n');
    const r = cli(['plan', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:7: targets.0: unknown metric "seenWithin28DaysShar" (did you mean seenWithin28DaysShare?)`);
    expect(r.stderr).toContain('goldilocks schema --plan');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(cli(['plan', join(work, 'missing.yaml')]).code).toBe(2);
  });

  it('refuses --confidence and --workers out of bounds with exit 2', () => {
    for (const c of ['95', '0.4', '1', 'x']) {
      const r = cli(['plan', 'scenarios/plan-wte.yaml', '--confidence', c]);
      expect(r.code, c).toBe(2);
      expect(r.stderr).toMatch(/--confidence must be a number from 0\.5 to 0\.999/);
    }
    for (const w of ['0', '1.5', '1000']) {
      const r = cli(['plan', 'scenarios/plan-wte.yaml', '--workers', w]);
      expect(r.code, w).toBe(2);
      expect(r.stderr).toMatch(/--workers/);
    }
  });
});

describe('plan files and their schema', () => {
  it('scenarios/goldilocks.plan.schema.json is current (regenerate with `goldilocks schema --plan --out scenarios/goldilocks.plan.schema.json`)', () => {
    expect(readFileSync(join(root, 'scenarios/goldilocks.plan.schema.json'), 'utf8')).toBe(planJsonSchemaText());
    expect(readFileSync(join(root, 'scenarios/goldilocks.sweep.schema.json'), 'utf8')).toBe(sweepJsonSchemaText());
  });

  it('`goldilocks schema --plan` prints it; the shipped plans point editors at it and validate', () => {
    const r = cli(['schema', '--plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(planJsonSchemaText());
    expect(JSON.parse(r.stdout).properties.targets).toBeDefined();
    expect(cli(['schema', '--plan', '--sweep']).code).toBe(2);
    for (const f of ['plan-wte.yaml', 'plan-cap-networking.yaml']) {
      expect(readFileSync(join(root, 'scenarios', f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./goldilocks.plan.schema.json');
      const v = cli(['validate', `scenarios/${f}`]);
      expect(v.code, v.stdout + v.stderr).toBe(0);
    }
  });
});

interface SpecLayer {
  mark?: { type: string };
  data?: { values: Array<{ x: number }> };
  encoding?: { color: { scale: { domain: string[]; range: string[] } } };
}

describe('the frontier chart and the answer, from the plan document', () => {
  it('one chart per target metric: every design tried, its status colour, the target line', () => {
    const doc = JSON.parse(one.stdout);
    const charts = planCharts(doc);
    expect(charts.map((c) => c.name)).toEqual(['frontier-seenWithin28DaysShare', 'frontier-overloadIndex']);
    for (const [k, chart] of charts.entries()) {
      const spec = chart.spec as unknown as { data: { values: Array<{ status: string; x: number; y: number }> }; layer: SpecLayer[] };
      expect(spec.data.values).toHaveLength(doc.candidates.length);
      const target = doc.chosen.targets[k];
      // x: the target metric's mean, y: the objective's, for each design.
      for (const c of doc.candidates) {
        const row = spec.data.values.find((r) => r.y === c.objective.mean && r.x === c.targets[k].mean);
        expect(row?.status).toBe(c.status);
      }
      const rule = spec.layer.find((l) => l.mark?.type === 'rule' && l.data);
      expect(rule?.data?.values[0].x).toBe(target.value);
      const points = spec.layer.find((l) => l.mark?.type === 'point');
      const statuses = points?.encoding?.color.scale.domain as Array<keyof typeof PLAN_STATUS_STYLE>;
      expect(points?.encoding?.color.scale.range).toEqual(statuses.map((s) => PLAN_STATUS_STYLE[s].colour));
      expect(new Set(statuses)).toEqual(new Set(doc.candidates.map((c: { status: string }) => c.status)));
    }
  });

  it('says why nothing was chosen when nothing was', () => {
    const doc = JSON.parse(one.stdout);
    const none = {
      ...doc,
      chosen: null,
      reason: 'no candidate is shown to meet x',
      candidates: doc.candidates.map((c: object) => ({ ...c, status: 'infeasible' })),
    };
    expect(planAnswer(none)).toBe('No design meets every target with 95 % confidence: no candidate is shown to meet x');
  });
});
