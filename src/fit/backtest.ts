/**
 * The back-test of a fit: the fitted scenario simulated over the data's own period, month by month
 * beside what the data show (referrals, mean wait for a first appointment, discharges, caseload at
 * the month's end), with a discrepancy measure per month and per measure, a chart and words.
 */
import { DAY, NULL_MONITOR, runReplication, type Monitor } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { Activity } from './activity.js';
import { firstSeen, monthGrid, type FitResult } from './fit.js';
import { mean, quantileSorted, sd } from './stats.js';
import { BLACK, BLUE, top, VERMILION } from '../report/charts/common.js';
import type { TopLevelSpec } from 'vega-lite';

export const MEASURES = [
  { id: 'referrals', label: 'Referrals', unit: 'a month' },
  { id: 'meanWaitDays', label: 'Mean wait for a first appointment', unit: 'days' },
  { id: 'discharges', label: 'Discharges', unit: 'a month' },
  { id: 'caseload', label: 'Caseload at the month’s end', unit: 'patients' },
  { id: 'meanGapDays', label: 'Mean days between sessions', unit: 'days' },
] as const;
export type MeasureId = (typeof MEASURES)[number]['id'];

export interface MonthComparison {
  month: string;
  observed: number;
  simMean: number;
  lo: number;
  hi: number;
  inside: boolean;
  /** Share of replications below the observed value (ties half): 0.5 is the middle of the band. */
  position: number;
  /** (observed − simulated mean) / simulated sd across replications. */
  z: number;
}

export interface MeasureSummary {
  id: MeasureId;
  label: string;
  months: number;
  shareInside: number;
  meanZ: number;
  rmsZ: number;
  /** Σ observed / Σ simulated mean − 1 over the months. */
  relativeError: number;
  /** The sum over the months, observed against the replications' sums: (observed − mean) / sd. */
  totalZ: number;
  byMonth: MonthComparison[];
}

export interface BacktestResult {
  replications: number;
  seed: number;
  from: string;
  to: string;
  measures: MeasureSummary[];
  words: string[];
}

/** Monthly measures of one history (the data's or a replication's): index = month - firstMonth. */
interface MonthlySeries {
  referrals: number[];
  waitSum: number[];
  waitCount: number[];
  discharges: number[];
  caseload: number[];
  gapSum: number[];
  gapCount: number[];
}

function emptySeries(months: number): MonthlySeries {
  const z = () => new Array(months).fill(0);
  return { referrals: z(), waitSum: z(), waitCount: z(), discharges: z(), caseload: z(), gapSum: z(), gapCount: z() };
}

export interface BacktestOptions {
  replications?: number;
  seed?: number;
  onReplication?: (done: number, total: number) => void;
}

export function backtest(fit: FitResult, activity: Activity, scenario: Scenario, options: BacktestOptions = {}): BacktestResult {
  const grid = monthGrid(fit.period.dated);
  const at = fit.at.time;
  const end = fit.period.endTime;
  const first = grid.index(at);
  const last = grid.index(end);
  const months = last - first + 1;
  const slot = (day: number) => grid.index(day) - first;
  const monthEnds = Array.from({ length: months }, (_, i) => Math.min(end, grid.end(first + i)));

  // What the data show.
  const data = emptySeries(months);
  const opened: number[] = [];
  const closed: number[] = [];
  for (const e of activity.episodes) {
    if (e.referred !== undefined && !e.reReferral && e.referred >= at) data.referrals[slot(e.referred)]++;
    const seen = firstSeen(e);
    if (seen !== undefined && e.referred !== undefined && seen >= at) {
      data.waitSum[slot(seen)] += seen - e.referred;
      data.waitCount[slot(seen)]++;
    }
    if (e.discharged !== undefined && e.discharged >= at) data.discharges[slot(e.discharged)]++;
    const booked = [...e.attended, ...e.missed].sort((x, y) => x - y);
    for (let k = 1; k < booked.length; k++) {
      if (booked[k] < at || booked[k] > end) continue;
      data.gapSum[slot(booked[k])] += booked[k] - booked[k - 1];
      data.gapCount[slot(booked[k])]++;
    }
    const onFrom = e.referred === undefined && e.joinedWaitingList === undefined ? -Infinity : seen;
    if (onFrom !== undefined) {
      opened.push(onFrom);
      closed.push(e.discharged ?? Infinity);
    }
  }
  for (let i = 0; i < months; i++) {
    let n = 0;
    for (let k = 0; k < opened.length; k++) if (opened[k] <= monthEnds[i] && closed[k] > monthEnds[i]) n++;
    data.caseload[i] = n;
  }

  // The fitted scenario, simulated over the same months.
  const replications = options.replications ?? scenario.run.replications;
  const seed = options.seed ?? scenario.run.seed;
  const horizonDays = end - at;
  const sims: MonthlySeries[] = [];
  for (let r = 0; r < replications; r++) {
    const s = emptySeries(months);
    let caseload = 0;
    let nextEnd = 0;
    const lastStart = new Map<number, number>();
    const dayOf = (t: number) => at + t / DAY;
    const closeMonthsUpTo = (day: number) => {
      while (nextEnd < months && monthEnds[nextEnd] < day) s.caseload[nextEnd++] = caseload;
    };
    const monitor: Monitor = {
      ...NULL_MONITOR,
      referral(t, reReferral) {
        closeMonthsUpTo(dayOf(t));
        if (!reReferral) s.referrals[slot(dayOf(t))]++;
      },
      leftWaitingList(t, referredAt, counted, droppedOut) {
        closeMonthsUpTo(dayOf(t));
        if (droppedOut || !counted) return;
        const i = slot(dayOf(t));
        s.waitSum[i] += (t - referredAt) / DAY;
        s.waitCount[i]++;
      },
      caseloadJoined(t) {
        closeMonthsUpTo(dayOf(t));
        caseload++;
      },
      discharged(t) {
        closeMonthsUpTo(dayOf(t));
        caseload--;
        s.discharges[slot(dayOf(t))]++;
      },
      workStarted(t, _w, p, kind) {
        if (!p || (kind !== 'first' && kind !== 'followUp')) return;
        // Booked sessions of a course, start to start, as the data measure them (a new course starts with 'first').
        const previous = kind === 'followUp' ? lastStart.get(p.id) : undefined;
        lastStart.set(p.id, t);
        if (previous === undefined) return;
        const i = slot(dayOf(t));
        s.gapSum[i] += (t - previous) / DAY;
        s.gapCount[i]++;
      },
    };
    runReplication(scenario, r, { seed, horizonDays, warmupDays: 0, monitor });
    closeMonthsUpTo(Infinity);
    sims.push(s);
    options.onReplication?.(r + 1, replications);
  }

  const measureOf = (s: MonthlySeries, id: MeasureId, i: number) =>
    id === 'meanWaitDays'
      ? s.waitCount[i] > 0
        ? s.waitSum[i] / s.waitCount[i]
        : NaN
      : id === 'meanGapDays'
        ? s.gapCount[i] > 0
          ? s.gapSum[i] / s.gapCount[i]
          : NaN
        : s[id][i];
  const measures: MeasureSummary[] = MEASURES.map(({ id, label }) => {
    const byMonth: MonthComparison[] = [];
    const totals = new Array(sims.length).fill(0);
    let observedTotal = 0;
    for (let i = 0; i < months; i++) {
      // A month the data only touch (under a week) says little: left out of the comparison.
      const a = Math.max(at, grid.start(first + i));
      if (monthEnds[i] - a < 7) continue;
      const observed = measureOf(data, id, i);
      const values = sims
        .map((s) => measureOf(s, id, i))
        .filter(Number.isFinite)
        .sort((x, y) => x - y);
      if (!Number.isFinite(observed) || values.length < 2) continue;
      observedTotal += observed;
      sims.forEach((s, r) => {
        const v = measureOf(s, id, i);
        // A replication with no value this month (no first appointment) counts its mean: it neither helps nor hurts.
        totals[r] += Number.isFinite(v) ? v : mean(values);
      });
      const lo = quantileSorted(values, 0.025);
      const hi = quantileSorted(values, 0.975);
      const m = mean(values);
      const spread = sd(values);
      const below = values.filter((v) => v < observed).length + 0.5 * values.filter((v) => v === observed).length;
      byMonth.push({
        month: grid.label(first + i),
        observed,
        simMean: m,
        lo,
        hi,
        inside: observed >= lo && observed <= hi,
        position: below / values.length,
        z: spread > 0 ? (observed - m) / spread : observed === m ? 0 : NaN,
      });
    }
    const zs = byMonth.map((b) => b.z).filter(Number.isFinite);
    const sumObs = byMonth.reduce((x, b) => x + b.observed, 0);
    const sumSim = byMonth.reduce((x, b) => x + b.simMean, 0);
    return {
      id,
      label,
      months: byMonth.length,
      shareInside: byMonth.length > 0 ? byMonth.filter((b) => b.inside).length / byMonth.length : NaN,
      meanZ: mean(zs),
      rmsZ: Math.sqrt(mean(zs.map((z) => z * z))),
      relativeError: sumSim > 0 ? sumObs / sumSim - 1 : NaN,
      totalZ: sd(totals) > 0 ? (observedTotal - mean(totals)) / sd(totals) : NaN,
      byMonth,
    };
  });
  return { replications, seed, from: fit.at.label, to: fit.period.end, measures, words: backtestWords(measures, fit.period.dated, replications) };
}

const pct = (x: number) => `${Math.round(Math.abs(x) * 100)} %`;

/**
 * The share of months a perfect model puts inside a band made of R replications' 2.5 % and 97.5 %
 * quantiles (type 7): a new value exchangeable with the R falls between the interpolated order
 * statistics of ranks 1 + 0.025 (R − 1) and 1 + 0.975 (R − 1) with probability 0.95 (R − 1) / (R + 1),
 * e.g. 86 % for 20 replications, not 95 %.
 */
export function expectedCoverage(replications: number): number {
  return (0.95 * (replications - 1)) / (replications + 1);
}

/**
 * Where the model fits and where it does not, in words: a measure fits when the share of its months
 * inside the simulated band is no lower than a perfect model's would fall by chance (its expected
 * coverage less 2 binomial standard errors over the months) and its total over the period lies
 * within 2 standard deviations of the replications' totals (the months may each pass while the level is off).
 */
export function backtestWords(measures: readonly MeasureSummary[], dated: boolean, replications: number): string[] {
  const expected = expectedCoverage(replications);
  const floor = (months: number) => expected - 2 * Math.sqrt((expected * (1 - expected)) / months);
  const fits = measures.filter((m) => m.months > 0 && m.shareInside >= floor(m.months) && !(Math.abs(m.totalZ) > 2));
  const misfits = measures.filter((m) => m.months > 0 && !fits.includes(m));
  const name = (m: MeasureSummary) => m.label.toLowerCase();
  const words: string[] = [`A perfect model would put about ${pct(expected)} of months inside the band of ${replications} replications.`];
  if (fits.length > 0) {
    const level = (m: MeasureSummary) =>
      Number.isFinite(m.relativeError) && Math.abs(m.relativeError) >= 0.005
        ? `, data ${pct(m.relativeError)} ${m.relativeError < 0 ? 'below' : 'above'} the model's mean, z = ${m.totalZ.toFixed(1)}`
        : '';
    words.push(`Fits ${fits.map((m) => `${name(m)} (${pct(m.shareInside)} of ${m.months} months in the simulated 95 % band${level(m)})`).join(', ')}.`);
  }
  for (const m of misfits) {
    // The worst quarter (dates) or run of three months: where the data leave the model most.
    const groups = new Map<string, MonthComparison[]>();
    for (const b of m.byMonth) {
      const key = dated
        ? `${b.month.slice(0, 4)}-Q${Math.floor((Number(b.month.slice(5, 7)) - 1) / 3) + 1}`
        : `months ${Math.floor((Number(b.month.replace(/\D/g, '')) - 1) / 3) * 3 + 1}–${Math.floor((Number(b.month.replace(/\D/g, '')) - 1) / 3) * 3 + 3}`;
      groups.set(key, [...(groups.get(key) ?? []), b]);
    }
    let worst = '';
    let worstRel = 0;
    for (const [key, list] of groups) {
      const o = list.reduce((x, b) => x + b.observed, 0);
      const s = list.reduce((x, b) => x + b.simMean, 0);
      const rel = s > 0 ? o / s - 1 : 0;
      if (Math.abs(rel) > Math.abs(worstRel)) {
        worst = key;
        worstRel = rel;
      }
    }
    const overall = Number.isFinite(m.relativeError)
      ? `; the data are ${pct(m.relativeError)} ${m.relativeError < 0 ? 'below' : 'above'} the model over the period (z = ${m.totalZ.toFixed(1)})`
      : '';
    let hint = '';
    if (m.id === 'meanGapDays' && m.byMonth.length > 0) {
      // The fitted gaps hold the data's slot waits, and the model waits for a slot again: the excess is a first correction.
      const excess = m.byMonth.reduce((x, b) => x + b.simMean - b.observed, 0) / m.byMonth.length;
      if (excess > 0) {
        hint = ` The model's gaps are ${excess.toFixed(1)} days longer: it waits for a free slot on top of the fitted gaps, which hold the service's own waits; try patients.daysBetweenSessions about that much lower and back-test again.`;
      }
    }
    words.push(
      `Does not fit ${name(m)}: ${pct(m.shareInside)} of ${m.months} months in the band${overall}${worst ? `, most in ${worst} (${pct(worstRel)} ${worstRel < 0 ? 'low' : 'high'})` : ''}.${hint}`,
    );
  }
  return words;
}

/** The back-test chart: one panel per measure, the simulated 95 % band and mean, the data as points. */
export function backtestChart(result: BacktestResult, dated: boolean): TopLevelSpec {
  const rows = result.measures.flatMap((m) =>
    m.byMonth.map((b) => ({
      measure: `${m.label} (${MEASURES.find((x) => x.id === m.id)!.unit})`,
      month: dated ? `${b.month}-15` : b.month,
      observed: b.observed,
      simulated: b.simMean,
      lo: b.lo,
      hi: b.hi,
      where: b.inside ? 'inside the band' : 'outside the band',
    })),
  );
  const x = dated
    ? { field: 'month', type: 'temporal' as const, title: null, axis: { format: '%b %Y' } }
    : { field: 'month', type: 'ordinal' as const, title: null, sort: null };
  return top({
    title: { text: 'Back-test: the fitted scenario against the data, month by month', subtitle: `${result.replications} replications; band: simulated 95 %` },
    data: { values: rows },
    facet: { row: { field: 'measure', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 600,
      height: 120,
      layer: [
        { mark: { type: 'area', opacity: 0.25, color: BLUE }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: null }, y2: { field: 'hi' } } },
        { mark: { type: 'line', color: BLUE }, encoding: { x, y: { field: 'simulated', type: 'quantitative' } } },
        {
          mark: { type: 'point', filled: true, size: 30 },
          encoding: {
            x,
            y: { field: 'observed', type: 'quantitative' },
            color: { field: 'where', type: 'nominal', scale: { domain: ['inside the band', 'outside the band'], range: [BLACK, VERMILION] }, title: 'Data' },
            tooltip: [{ field: 'month' }, { field: 'observed', format: '.1f' }, { field: 'simulated', format: '.1f' }],
          },
        },
      ],
    },
  } as never);
}
