/**
 * Rule: the comments and descriptions of the shipped scenarios agree with what the files do.
 *  - A comment that states an outcome (a drop-out share, an overload, a wait) is registered here and
 *    checked against a run of the file at its own settings and seed: the stated figure must lie in
 *    the run's 95 % interval over its replications. Any other comment that reads like an outcome
 *    claim fails the scan until it is registered (or rephrased as an input with its source).
 *  - The site files' calibration comments name the Table 5 figure they were fitted to.
 *  - Only one file claims to be a site "as studied"; the worked-comparison files built on Site 4
 *    say how they differ from site-4.yaml, and what they say about site-4.yaml is true.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { summarise } from '../../src/experiment/summary.js';
import type { MetricId } from '../../src/model/index.js';
import { SITE1_ASSUMED_REFERRALS, TABLE5_REFERRALS } from '../../src/scenario/paper-figures.js';
import { loadSweep } from '../../src/experiment/sweep-load.js';
import { planCount } from '../../src/experiment/sweep-points.js';

const root = join(import.meta.dirname, '../..');
const dir = join(root, 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const text = (f: string) => readFileSync(join(dir, f), 'utf8');

/** The comment part of each line (after a `#` that is not inside quotes), with its line number. */
function comments(f: string): Array<{ line: number; comment: string }> {
  const out: Array<{ line: number; comment: string }> = [];
  text(f)
    .split('\n')
    .forEach((l, i) => {
      let quote: string | null = null;
      for (let k = 0; k < l.length; k++) {
        const c = l[k];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '#' && (k === 0 || /\s/.test(l[k - 1]))) {
          out.push({ line: i + 1, comment: l.slice(k + 1).trim() });
          break;
        }
      }
    });
  return out;
}

/** Outcome statements in comments: file, the words (a regex whose group 1 is the figure), the metric, the figure's scale. */
const OUTCOME_CLAIMS: Array<{ file: string; words: RegExp; metric: MetricId; scale: number }> = [
  // patienceDays: "Drop-out while waiting is about (mean wait)/60: about 3 % here"
  { file: 'default.yaml', words: /Drop-out while waiting .*: about ([0-9.]+) % here/, metric: 'droppedOutShare', scale: 0.01 },
];

/** Words that read like a claim about what a run gives (not an input or a source). */
const OUTCOME_WORDS = /((?<!paper )\bgives\b|\b(results? in|lost|drop-?out|overload(ed)? (of |index )?[0-9]|waits? (of |about |≈ ?)[0-9]|≈ ?[0-9.]+ ?%))/i;

describe('scenario comments agree with what the files do', () => {
  it('every comment that reads like an outcome claim is registered and checked here', () => {
    const unregistered = files.flatMap((f) =>
      comments(f)
        .filter((c) => OUTCOME_WORDS.test(c.comment))
        .filter((c) => !OUTCOME_CLAIMS.some((o) => o.file === f && o.words.test(c.comment)))
        .map((c) => `${f}:${c.line}: ${c.comment}`),
    );
    expect(unregistered, 'state the input and its source, or register the claim in OUTCOME_CLAIMS').toEqual([]);
  });

  for (const claim of OUTCOME_CLAIMS) {
    it(`${claim.file}: the stated ${claim.metric} lies in the 95 % interval of the file's own run`, () => {
      const found = comments(claim.file)
        .map((c) => claim.words.exec(c.comment))
        .find((m) => m !== null);
      expect(found, `no comment in ${claim.file} matches ${claim.words}`).toBeDefined();
      const stated = Number(found?.[1]) * claim.scale;
      const { scenario } = loadScenarioFile(join(dir, claim.file));
      const r = runScenario(scenario, runSettings(scenario, {}));
      const s = summarise(r.replications.map((x) => x.metrics[claim.metric]));
      expect(stated, `${claim.file} states ${stated}; the run gives ${s.mean} [${s.ci95.join(', ')}]`).toBeGreaterThanOrEqual(s.ci95[0]);
      expect(stated, `${claim.file} states ${stated}; the run gives ${s.mean} [${s.ci95.join(', ')}]`).toBeLessThanOrEqual(s.ci95[1]);
    }, 120_000);
  }

  it("each site file's calibration comment names the figure it was fitted to (Table 5, or Site 1's assumed 20) and a fit within 1 %", () => {
    const targets: Record<number, number> = { 1: SITE1_ASSUMED_REFERRALS, ...TABLE5_REFERRALS };
    for (const [n, target] of Object.entries(targets)) {
      const f = `site-${n}.yaml`;
      const m = /the worker receives ([0-9.]+) a month.*model ([0-9.]+)\)/.exec(text(f));
      expect(m, `${f}: no calibration comment (npm run calibrate:sites writes it)`).not.toBeNull();
      expect(Number(m?.[1]), f).toBe(target);
      expect(Math.abs(Number(m?.[2]) / target - 1), f).toBeLessThan(0.01);
    }
  });

  it("the sweep files' heads state the number of points their designs make", () => {
    const caps = loadSweep(join(dir, 'sweep-caps.yaml')).sweep;
    const m = /A full grid of (\d+) caps × (\d+) referral rates/.exec(text('sweep-caps.yaml'));
    expect(m).not.toBeNull();
    expect(Number(m?.[1]) * Number(m?.[2])).toBe(planCount(caps));
    const morris = loadSweep(join(dir, 'sweep-morris.yaml')).sweep;
    const n = /(\d+) trajectories × \((\d+) \+ 1\) points = (\d+) points/.exec(text('sweep-morris.yaml'));
    expect(n).not.toBeNull();
    expect(Number(n?.[2])).toBe(morris.factors.length);
    expect(Number(n?.[1]) * (Number(n?.[2]) + 1)).toBe(Number(n?.[3]));
    expect(Number(n?.[3])).toBe(planCount(morris));
  });

  it('only site-N.yaml files describe themselves as a site "as studied"', () => {
    const claims = files
      // Sweep and plan files are not scenarios (they name a base scenario).
      .filter((f) => !f.startsWith('sweep-') && !f.startsWith('plan-'))
      .filter((f) => /\bas studied\b/i.test(loadScenarioFile(join(dir, f)).scenario.description ?? ''));
    expect(claims.filter((f) => !/^site-\d\.yaml$/.test(f))).toEqual([]);
  });

  it('the worked-comparison files say how they differ from site-4.yaml, and what they say of it is true', () => {
    const site4 = loadScenarioFile(join(dir, 'site-4.yaml')).scenario;
    const open = loadScenarioFile(join(dir, 'compare-open.yaml')).scenario;
    const head = text('compare-open.yaml');
    expect(open.description).toMatch(/not site-4\.yaml/);
    expect(text('compare-capped.yaml')).toMatch(/simpler than scenarios\/site-4\.yaml/);
    // "here the practice refers 31 a month … site-4.yaml enters [a lower rate] so that the worker receives 31"
    expect(open.referrals.practices[0].referralsPerMonth).toBe(TABLE5_REFERRALS[4]);
    expect(site4.referrals.practices[0].referralsPerMonth).toBeLessThan(TABLE5_REFERRALS[4]);
    expect(text('site-4.yaml')).toMatch(new RegExp(`the worker receives ${TABLE5_REFERRALS[4]} a month`));
    // "here the levers are at their defaults (no dial) … site-4.yaml sets the dial to 0.35"
    expect(open.discretion).toBeUndefined();
    expect(head).toContain(`site-4.yaml sets the dial to ${site4.discretion}`);
    // "the default supervision (1 h a week) and supportive management; … no supervision, hands-off management"
    expect(open.workers[0].supervisionHoursPerWeek).toBe(1);
    expect(open.workers[0].management).toBe('supportive');
    expect(site4.workers[0].supervisionHoursPerWeek).toBe(0);
    expect(site4.workers[0].management).toBe('hands-off');
  });
});
