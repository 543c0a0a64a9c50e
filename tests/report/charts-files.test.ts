/** The files the charts are drawn from: waits.csv (the wait distribution's bins) and week.csv (a worker's week by group, per WTE). */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { writeRunOutputs } from '../../src/experiment/run-output.js';
import { loadDefaultScenario } from '../../src/scenario/load.js';
import { groupWeekRows } from '../../src/report/chart-data.js';

const base = loadDefaultScenario().scenario;
const scenario = { ...base, workers: [base.workers[0], { ...base.workers[0], name: 'Part-time, evenings', count: 1.5, fte: 0.6 }] };
const results = runScenario(scenario, runSettings(scenario, { replications: 2, years: 1 }));
const dir = mkdtempSync(join(tmpdir(), 'goldilocks-chart-files-'));
writeRunOutputs(dir, 'mixed', results, 'hash', 0, {}, scenario);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Minimal CSV reader for these files (a quoted field may hold commas). */
function csv(file: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const split = (l: string) => [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  const cols = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

describe('waits.csv', () => {
  const rows = csv('waits.csv');
  it('holds each replication’s non-empty bins, in order, adding up to the patients of its wait distribution', () => {
    expect(Object.keys(rows[0])).toEqual(['scenario', 'replication', 'from_days', 'to_days', 'patients']);
    for (const [i, rep] of results.replications.entries()) {
      const own = rows.filter((r) => r.replication === String(i));
      expect(own.length).toBe(rep.waitBins.length);
      expect(own.reduce((s, r) => s + Number(r.patients), 0)).toBe(rep.waitBins.reduce((s, b) => s + b.patients, 0));
      for (let k = 1; k < own.length; k++) expect(Number(own[k].from_days)).toBeGreaterThanOrEqual(Number(own[k - 1].to_days));
      expect(own.every((r) => Number(r.patients) > 0)).toBe(true);
    }
  });
  it('bins are a quarter hour below 2 days and a day beyond 28, and waits of exactly zero are a bin [0, 0] of their own', () => {
    const width = (r: Record<string, string>) => Number(r.to_days) - Number(r.from_days);
    for (const r of rows) {
      const from = Number(r.from_days);
      if (from === 0 && Number(r.to_days) === 0) expect(Number(r.patients)).toBeGreaterThan(0);
      else if (from < 2) expect(width(r)).toBeCloseTo(1 / 96, 12);
      else if (from >= 28 && from < 732) expect(width(r)).toBeCloseTo(1, 12);
    }
  });
});

describe('week.csv', () => {
  const rows = csv('week.csv');
  it('one row per replication, group and activity, with the group’s WTE; names with commas quoted', () => {
    expect(Object.keys(rows[0])).toEqual(['scenario', 'replication', 'group', 'group_name', 'wte', 'activity', 'hours_per_wte_week']);
    expect(rows.length).toBe(2 * 2 * 7);
    expect([...new Set(rows.map((r) => r.group_name))]).toEqual(['Link worker', 'Part-time, evenings']);
    expect(rows.filter((r) => r.group === '1').every((r) => Number(r.wte) === 0.9)).toBe(true);
  });
  it('agrees with the chart rows (mean over replications) and never exceeds the contracted week', () => {
    const chart = groupWeekRows(results, scenario);
    for (const g of ['0', '1']) {
      const own = rows.filter((r) => r.group === g);
      const perRep = [0, 1].map((i) => own.filter((r) => r.replication === String(i)).reduce((s, r) => s + Number(r.hours_per_wte_week), 0));
      for (const h of perRep) expect(h).toBeLessThanOrEqual(37.5 + 1e-9);
      const label = chart.filter((r) => r.order === 0)[Number(g)].group;
      const sessions = own.filter((r) => r.activity === 'sessions').reduce((s, r) => s + Number(r.hours_per_wte_week), 0) / 2;
      expect(chart.find((r) => r.group === label && r.order === 0)!.hours).toBeCloseTo(sessions, 9);
    }
  });
});
