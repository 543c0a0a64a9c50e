/**
 * The CLI's door to the job pipeline: scenario files in, the output folder and stdout out.
 * run, compare and explore differ only in their options and in what they print; everything
 * between (checking, simulating on every core, files, charts, report) is src/jobs/.
 */
import { basename } from 'node:path';
import { loadScenario } from '../experiment/load.js';
import { runManifest } from '../experiment/manifest.js';
import { checkJob, checkOptions } from '../jobs/check.js';
import { simulateJob } from '../jobs/simulate.js';
import { checkUncertaintyBeforeJob } from '../jobs/uncertainty.js';
import { deliver, type ChartRenderer, type Delivered } from '../jobs/outputs.js';
import { diskSink } from '../jobs/node/disk-sink.js';
import { defaultWorkers, threadRunner } from '../jobs/node/thread-runner.js';
import type { CheckedJob, JobKind, JobOptions, JobResult } from '../jobs/types.js';
import { interactive, progressBar } from './progress.js';
import { autoWorkers, estimateCheckedJob, estimateLine } from '../jobs/estimate.js';
import { overridesFolder, overridesText } from './output.js';
import { onCtrlC } from './interrupt.js';
import { checkEventLog, eventLogDescription, loggedTasks, type EventLogRequest } from '../jobs/event-log.js';
import { joinParts } from '../jobs/node/event-log-parts.js';
import { eventLogHeader } from '../model/index.js';
import { toJson } from '../experiment/files.js';
import { mkdirSync, rmSync } from 'node:fs';

export interface CliJob {
  kind: JobKind;
  /** Scenario files; an empty list means the built-in default (run and explore). */
  files: string[];
  /** `--set path=value` overrides, in order: recorded in manifest.json, and the default folder becomes `<folder>+set-<hash>`. */
  set?: string[];
  options: JobOptions;
  /** `--out`: the output folder as the user chose it (it wins over the default, overrides or not). */
  out?: string;
  /** The default output folder for the checked job (derived from its names). */
  folder: (job: CheckedJob) => string;
  charts: boolean;
  report: boolean;
  /** --xlsx: also results.xlsx (Summary, the tidy tables, Provenance; src/report/xlsx.ts, loaded only then). */
  xlsx?: boolean;
  /** --json: stdout is for the document, and nothing is announced. */
  json?: boolean;
  /** --event-log (run, compare): events.csv and events.json in the output folder (docs/event-log.md). */
  eventLog?: EventLogRequest;
  /** --uncertainty N: what can be refused of it is refused before the job runs (its draws run after, src/cli/uncertainty.ts). */
  uncertainty?: number;
}

/** Node's chart renderer (vega → SVG → PNG), loaded only when charts are drawn: vega is most of a start-up. */
async function nodeRenderer(): Promise<ChartRenderer> {
  const { renderSvg, svgToPng } = await import('../report/render.js');
  return { svg: renderSvg, png: svgToPng };
}

/** Check, simulate and write a job; warnings (charts that could not be drawn, MSER-5's) go to stderr. */
export async function runCliJob(c: CliJob): Promise<{ result: JobResult; delivered: Delivered; dir: string }> {
  const started = performance.now();
  checkOptions(c.kind, c.options, 'cli');
  const designs = (c.files.length ? c.files : [undefined]).map((file) => {
    const l = loadScenario(file, c.set);
    return { scenario: l.scenario, label: l.file, hash: l.hash };
  });
  const job = checkJob({ kind: c.kind, designs, options: c.options, door: 'cli' });
  checkUncertaintyBeforeJob(c.uncertainty, 'cli', job);
  // The output location is checked before any simulation; the folder is swapped in whole at the end.
  // With --set, the default folder is not the plain run's: a run with overrides never replaces it.
  const plain = c.out === undefined ? c.folder(job) : undefined;
  const dir = c.out ?? overridesFolder(plain ?? '', c.set);
  const sink = diskSink(dir);
  const log = c.eventLog ? checkEventLog(job, c.eventLog, 'cli') : null;
  if (log?.warning) process.stderr.write(`goldilocks: ${log.warning}\n`);
  if (plain !== undefined && dir !== plain) {
    const many = job.designs.length > 1;
    process.stderr.write(
      `goldilocks: the scenario${many ? 's' : ''}${overridesText(c.set)} ${many ? 'are' : 'is'} not the file${many ? 's' : ''} as written: results go to ${dir}/, not to ${plain}/ (choose the folder with --out).\n`,
    );
  }
  const workers = c.options.workers ?? autoWorkers(job, defaultWorkers());
  if (interactive() && !c.json) {
    const line = estimateLine(estimateCheckedJob(job, workers), workers);
    if (line) process.stderr.write(`goldilocks: ${line}\n`);
  }
  // Ctrl-C stops the job, removes the staging folder and leaves the output folder as it was (interrupt.ts).
  const ctrlC = onCtrlC(dir);
  const partsDir = log ? sink.path('.event-log-parts') : undefined;
  if (partsDir) mkdirSync(partsDir, { recursive: true });
  const runner = ctrlC.runner(threadRunner(workers, log && partsDir ? { ...log.plan, dir: partsDir } : undefined));
  const bar = progressBar(job.designs[0].name, 'replications');
  try {
    const result = await simulateJob(job, runner, (done, total, stage) => {
      ctrlC.progress(done, total, stage);
      bar.update(done, total, stage);
    });
    bar.stop();
    await runner.close();
    const delivered = await deliver(result, sink, {
      manifest: (m) => runManifest(c.set?.length ? { ...m, overrides: c.set } : m),
      wallSeconds: () => (performance.now() - started) / 1000,
      renderer: c.charts ? await nodeRenderer() : null,
      report: c.report,
    });
    if (c.xlsx) {
      const { folderXlsx, commandLine } = await import('../report/xlsx.js');
      const bytes = await folderXlsx(delivered.texts, { command: commandLine(process.argv.slice(2)), written: new Date() }, basename(dir));
      sink.put('results.xlsx', bytes);
      delivered.files.push('results.xlsx');
    }
    if (log && partsDir) {
      const n = result.kind === 'run' ? result.results.replications.length : job.settings.replications;
      joinParts(partsDir, loggedTasks(job, n), sink.path('events.csv'), eventLogHeader(job.kind === 'compare'));
      rmSync(partsDir, { recursive: true, force: true });
      sink.put('events.json', toJson(eventLogDescription(job, log.plan, n)));
    }
    ctrlC.check();
    sink.commit();
    for (const w of [...result.warnings, ...delivered.warnings]) process.stderr.write(`goldilocks: ${w}\n`);
    return { result, delivered, dir };
  } catch (err) {
    throw ctrlC.error(err);
  } finally {
    ctrlC.dispose();
    bar.stop();
    await runner.close();
    sink.abandon();
  }
}
