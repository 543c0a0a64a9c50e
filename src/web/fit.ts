/**
 * The explorer's "Fit your data" (issue 22), in its coordinating Web Worker: a dropped activity
 * file's text and a base scenario's text in, the same fitted scenario YAML (byte for byte) and
 * fit.json as `goldilocks fit --out`, and, when asked, the back-test with its chart. The fit is
 * the library's pure core (fit/fit-text.ts); nothing here imports a `node:` module.
 */
import { toJson } from '../experiment/csv.js';
import { fitActivityWithBase } from '../fit/fit-text.js';
import { scenarioNameFor } from '../fit/scenario-text.js';
import type { ChartOut, Job, JobResult } from './protocol.js';
import { renderSvg } from './render-browser.js';

export type Progress = (done: number, total: number, stage: string) => void;

/**
 * sources: [activity CSV text, base scenario text]; labels: [activity file name, base file for
 * messages, base's words for the fitted file's header]. Throws InputError on a bad file.
 */
export async function computeFit(job: Job, progress: Progress): Promise<JobResult> {
  const started = performance.now();
  const [activity, baseText] = job.sources as [string, string];
  const [file = 'activity.csv', baseFile = '<built-in default>', baseLabel = 'the built-in default scenario'] = job.labels ?? [];
  const { at, backtest, replications } = job.options;
  const doc = fitActivityWithBase(
    activity,
    { text: baseText, file: baseFile, label: baseLabel },
    {
      file,
      at: at === undefined || at === '' ? undefined : at,
      backtest: backtest ? (replications ?? true) : false,
      onReplication: (done, total) => progress(done, total, 'back-test'),
    },
  );
  const stem = scenarioNameFor(file);
  const files: Array<[string, string]> = [
    [`${stem}.yaml`, doc.scenario],
    [`${stem}.fit.json`, toJson(doc.fit)],
  ];
  const charts: ChartOut[] = [];
  const warnings: string[] = [];
  if (doc.backtest && doc.chart) {
    files.push([`${stem}.backtest.json`, toJson(doc.backtest)], [`${stem}.backtest.vl.json`, toJson(doc.chart)]);
    try {
      const svg = await renderSvg(doc.chart);
      files.push([`${stem}.backtest.svg`, svg]);
      charts.push({ name: 'backtest', title: 'Back-test: the data against the fitted model, by month', svg });
    } catch (err) {
      warnings.push(`the back-test chart could not be drawn (${(err as Error).message}); its spec is in ${stem}.backtest.vl.json`);
    }
  }
  const out = JSON.parse(toJson(doc.backtest ? { fit: doc.fit, backtest: doc.backtest } : { fit: doc.fit })) as unknown;
  return {
    kind: 'fit',
    doc: out,
    files,
    charts,
    seconds: (performance.now() - started) / 1000,
    scenario: doc.scenario,
    warnings,
  };
}
