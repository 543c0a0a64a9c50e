/**
 * The fitted scenario as YAML text (pure): the base scenario's file with the fitted fields set,
 * each with a comment giving its 95 % interval and the records behind it, and a header naming the
 * assumptions (what the activity data cannot tell and the base supplies).
 */
import { type Document, isNode, parseDocument } from 'yaml';
import { parseScenarioText } from '../scenario/parse.js';
import type { Scenario } from '../scenario/schema.js';
import type { FitResult, FittedDistribution } from './fit.js';
import { MONTH_NAMES } from './fit.js';
import type { Estimate } from './stats.js';

/** 3 significant decimals at most (a rate of 38.2886 → 38.289; 0.0978 → 0.098). */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const n = (k: number) => k.toLocaleString('en-GB');

/** "38.3 a month [95 % CI 36.3–40.4], from 1,373 referrals" */
export function withInterval(e: Estimate, what: string, digits = 2, scale = 1, unit = ''): string {
  const f = (x: number) => (Number.isFinite(x) ? (x * scale).toFixed(digits) : x > 0 ? '∞' : '?');
  return `${f(e.value)}${unit} [95 % CI ${f(e.lo)}–${f(e.hi)}${unit}], from ${n(e.n)} ${what}`;
}

function distributionComment(d: FittedDistribution, unit: string, what: string): string {
  return `fitted: mean ${withInterval(d.mean, what, 1, 1, ` ${unit}`)}; sd ${d.sd.toFixed(1)} ${unit}`;
}

/** Scenario names allow letters, digits, ".", "_" and "-". */
export function scenarioNameFor(file: string): string {
  const stem = (file.split(/[\\/]/).pop() ?? 'activity').replace(/\.[^.]*$/, '');
  const clean = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'activity';
  return `fitted-${clean}`.slice(0, 80);
}

/**
 * The fitted scenario's YAML. `baseText`: the base scenario file's text (its comments stay on the
 * fields the fit leaves alone). The result is checked against the schema before it is returned.
 */
export function fittedScenarioText(fit: FitResult, base: Scenario, baseText: string, baseLabel: string): string {
  const doc = parseDocument(baseText) as Document;
  const set = (path: (string | number)[], value: unknown, comment?: string, flow = true) => {
    const node = isNode(value) ? value : doc.createNode(value, { flow });
    if (comment) (node as { comment?: string }).comment = ` ${comment}`;
    doc.setIn(path, node);
  };
  const r = fit.referrals;
  const runYears = round(Math.max(1 / 12, spanYears(fit)), 3);
  set(['name'], scenarioNameFor(fit.file));
  set(
    ['description'],
    `Fitted by goldilocks fit from ${fit.file.split(/[\\/]/).pop()} (${fit.period.start} to ${fit.period.end}, ${n(fit.records.episodes)} episodes); the levers the data cannot tell apart are taken from ${baseLabel}.`,
  );
  set(['run', 'years'], runYears, `the data's span from ${fit.at.label} to ${fit.period.end}, for the back-test`);
  set(['run', 'warmupDays'], 0, 'none: the run starts from the service as it was at the start (initialState)');
  if (fit.period.dated) set(['run', 'startDate'], fit.at.label, 'day 0 of the run: the fit date (--at) or the first event');
  else doc.deleteIn(['run', 'startDate']);

  const perMonth = r.perMonth.value / r.routeMultiplier;
  const practice = doc.createNode({ name: 'All practices (fitted)', referralsPerMonth: round(perMonth, 2) }, { flow: true });
  (practice as { comment?: string }).comment =
    ` fitted: ${withInterval(r.perMonth, 'referrals', 1, 1, ' a month')}${r.routeMultiplier !== 1 ? `, divided by ${r.routeMultiplier.toFixed(3)} for the routes the levers open (the model multiplies it back)` : ''}`;
  const practices = doc.createNode([]) as unknown as { items: unknown[] };
  practices.items.push(practice);
  set(['referrals', 'practices'], practices);
  const g = r.annualGrowth;
  set(
    ['referrals', 'annualGrowth'],
    g.kept ? round(g.value, 4) : 0,
    Number.isFinite(g.lo)
      ? g.kept
        ? `fitted: ${withInterval(g, 'referrals', 1, 100, ' % a year')}`
        : `fitted ${(g.value * 100).toFixed(1)} % a year [95 % CI ${(g.lo * 100).toFixed(1)}–${(g.hi * 100).toFixed(1)}], not different from 0: none written`
      : 'less than a year of data: no trend fitted',
  );
  if (r.seasonality.kept) {
    // The model counts its month 0 as January; the run starts at the fit date, so the list is rotated to start there.
    const startMonth = fit.period.dated ? new Date(Math.floor(fit.at.time) * 86_400_000).getUTCMonth() : 0;
    const rotated = Array.from({ length: 12 }, (_, j) => round(r.seasonality.multipliers[(startMonth + j) % 12].value, 3));
    set(
      ['referrals', 'monthMultipliers'],
      rotated,
      `fitted month effects (likelihood-ratio ${r.seasonality.lrStatistic.toFixed(1)} > ${r.seasonality.critical.toFixed(1)}, 1 % level); the model's first month is ${MONTH_NAMES[startMonth]}, so the list starts with ${MONTH_NAMES[startMonth]}`,
    );
  } else {
    doc.deleteIn(['referrals', 'monthMultipliers']);
    if (r.seasonality.considered) {
      const node = doc.getIn(['referrals', 'annualGrowth'], true) as { comment?: string } | undefined;
      if (node) node.comment += `; no seasonality (likelihood-ratio ${r.seasonality.lrStatistic.toFixed(1)} ≤ ${r.seasonality.critical.toFixed(1)}, 1 % level)`;
    }
  }

  const sess = fit.sessions;
  if (Number.isFinite(sess.mean.value)) {
    const mean = round(Math.max(1, sess.mean.value), 2);
    // The schema needs sd² > mean − 1 for a negative binomial: at least a hair above the Poisson's spread.
    const sd = round(Math.max(sess.sd.value, Math.sqrt(Math.max(0, mean - 1)) * 1.001 + 0.01), 2);
    set(
      ['patients', 'sessionsNeeded'],
      { type: 'negativeBinomial', mean, sd, min: 1 },
      `fitted: mean ${withInterval(sess.mean, 'finished episodes', 2)}; sd ${sess.sd.value.toFixed(2)} [${sess.sd.lo.toFixed(2)}–${sess.sd.hi.toFixed(2)}]; ${n(sess.atCap)} at the cap of ${sess.cap} (censored: observed mean ${sess.observedMean.value.toFixed(2)})`,
    );
  }
  const dist = (path: string[], d: FittedDistribution | null, unit: string, what: string) => {
    if (!d) return;
    set(path, d.spec, distributionComment(d, unit, what));
  };
  dist(['patients', 'firstSessionMinutes'], fit.firstSessionMinutes, 'minutes', 'first sessions');
  dist(['patients', 'followUpMinutes'], fit.followUpMinutes, 'minutes', 'follow-ups');
  if (fit.daysBetweenSessions) {
    set(
      ['patients', 'daysBetweenSessions'],
      fit.daysBetweenSessions.spec,
      `${distributionComment(fit.daysBetweenSessions, 'days', 'gaps')}; includes waits for a free slot (an upper bound)`,
    );
  }
  if (Number.isFinite(fit.didNotAttend.value)) {
    set(
      ['patients', 'didNotAttend'],
      round(Math.min(0.95, fit.didNotAttend.value), 4),
      `fitted: ${withInterval(fit.didNotAttend, 'booked sessions', 1, 100, ' %')}`,
    );
  }
  const p = fit.patience;
  if (p.open) {
    set(
      ['patients', 'patienceDays'],
      'open',
      `no drop-out in ${n(Math.round(p.exposureDays))} patient-days of waiting: mean patience at least ${Math.round(p.mean.lo)} days (95 %)`,
    );
  } else {
    set(
      ['patients', 'patienceDays'],
      { type: 'exponential', mean: round(p.mean.value, 1) },
      `fitted: mean ${withInterval(p.mean, 'drop-outs', 1, 1, ' days')} over ${n(Math.round(p.exposureDays))} patient-days of waiting`,
    );
  }
  const st = fit.initialState;
  set(['initialState', 'caseloadPerWorker'], st.caseloadPerWorker, `${n(st.caseload)} patients on caseloads on ${fit.at.label}, over ${st.wte} WTE`);
  set(['initialState', 'waitingList'], st.waitingList, `waiting on ${fit.at.label}`);
  if (st.workers !== null && base.workers.length === 1) {
    set(
      ['workers', 0, 'count'],
      st.workers,
      `from the data: ${st.workers} workers held sessions in the 13 weeks from ${fit.at.label} (hours, rota and leave as the base)`,
    );
  }

  const header = [
    ` Fitted by \`goldilocks fit\` from ${fit.file.split(/[\\/]/).pop()}: ${fit.period.start} to ${fit.period.end}, ${n(fit.records.rows)} rows, ${n(fit.records.episodes)} episodes${fit.period.replication !== undefined ? ` (replication ${fit.period.replication} of an event log)` : ''}.`,
    ' Each fitted value carries a comment: its estimate, 95 % interval and the records behind it (fit.json has them all).',
    ` Not fitted (assumptions, from ${baseLabel}):`,
    ...fit.assumptions.map((a) => `   ${a.field}: ${a.value} (${a.why})`),
    ...fit.notes.map((x) => ` Note: ${x}`),
  ];
  // The base's own modeline and header go; the fit's header says what this file is.
  doc.commentBefore = header.join('\n');
  if (isNode(doc.contents)) doc.contents.commentBefore = undefined;
  const firstKey = (doc.contents as { items?: { key?: { commentBefore?: string } }[] } | null)?.items?.[0]?.key;
  if (firstKey && typeof firstKey === 'object') firstKey.commentBefore = undefined;
  doc.delete('$schema');
  const text = doc.toString({ lineWidth: 0 });
  parseScenarioText(text, 'fitted scenario'); // a fitted scenario the schema refuses is a bug of the fit
  return text;
}

/** Years from the fit date to the end of the data. */
export function spanYears(fit: FitResult): number {
  return (fit.period.endTime - fit.at.time) / 365.25;
}
