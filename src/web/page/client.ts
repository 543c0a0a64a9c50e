/**
 * The page's side of its Web Workers: one coordinator runs each job through the job pipeline,
 * and helper workers (one per core, `navigator.hardwareConcurrency`) run its replications, each
 * connected to the coordinator by a MessageChannel. All start from the page's one bundle through
 * a blob URL, so the page works from file://. Also `window.goldilocks`, the scripting API.
 */
import { METRICS } from '../../model/metrics.js';
import type { ControlMessage, Job, JobKind, JobOptions, JobResult, WorkerMessage } from '../protocol.js';

/** Helpers at most: more threads than this only add start-up time on any laptop. */
const MAX_HELPERS = 16;

let coordinator: Worker | null = null;
let helpers: Worker[] = [];
let nextId = 1;
const pending = new Map<
  number,
  {
    resolve: (r: JobResult) => void;
    reject: (e: Error) => void;
    onProgress?: (done: number, total: number, stage: string) => void;
    onDoc?: (r: JobResult) => void;
  }
>();

function workerUrl(): string {
  const code = document.getElementById('goldilocks-code')?.textContent;
  if (!code) throw new Error('the page has no bundled code (script#goldilocks-code)');
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

/** How many helper workers to start: the cores the browser reports (1 runs replications in the coordinator). */
export function helperCount(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1;
  return cores > 1 ? Math.min(cores, MAX_HELPERS) : 0;
}

/** The coordinator (started with its helpers on first use). */
export function getWorker(): Worker {
  if (coordinator) return coordinator;
  const url = workerUrl();
  coordinator = new Worker(url);
  helpers = Array.from({ length: helperCount() }, () => new Worker(url));
  for (const h of helpers) {
    const channel = new MessageChannel();
    coordinator.postMessage({ type: 'helper-port', port: channel.port1 } satisfies ControlMessage, [channel.port1]);
    h.postMessage({ type: 'serve', port: channel.port2 } satisfies ControlMessage, [channel.port2]);
  }
  coordinator.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress?.(m.done, m.total, m.stage);
    else if (m.type === 'doc') p.onDoc?.({ kind: m.kind, doc: m.doc, files: [], charts: [], summary: m.summary, seconds: m.seconds });
    else {
      pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.message), { input: m.input }));
    }
  };
  return coordinator;
}

/** Stop every running job (the workers are discarded; new ones start with the next job). */
export function cancelAll(): void {
  coordinator?.terminate();
  for (const h of helpers) h.terminate();
  coordinator = null;
  helpers = [];
  for (const p of pending.values()) p.reject(Object.assign(new Error('cancelled'), { cancelled: true }));
  pending.clear();
}

export function submit(
  kind: JobKind,
  sources: unknown[],
  options: JobOptions,
  files: boolean,
  labels?: string[],
  onProgress?: (done: number, total: number, stage: string) => void,
  onDoc?: (r: JobResult) => void,
  door: Job['door'] = 'page',
): Promise<JobResult> {
  const id = nextId++;
  const job: Job = { id, kind, sources, options, files, labels, door };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress, onDoc });
    getWorker().postMessage(job);
  });
}

/** `window.goldilocks`: the CLI's `--json` documents, computed in the page's workers; messages name options as a script writes them. */
export function api() {
  return {
    run: async (scenario: unknown, options: JobOptions = {}) =>
      (await submit('run', [scenario], options, false, undefined, undefined, undefined, 'library')).doc,
    compare: async (scenarios: unknown[], options: JobOptions = {}) =>
      (await submit('compare', scenarios, options, false, undefined, undefined, undefined, 'library')).doc,
    explore: async (scenario: unknown, options: JobOptions = {}) =>
      (await submit('explore', [scenario], options, false, undefined, undefined, undefined, 'library')).doc,
    /** `goldilocks plan --json`: a plan (object or text) with `base` the scenario itself; options workers, confidence, uncertainty. */
    plan: async (spec: unknown, options: JobOptions = {}) => (await submit('plan', [spec], options, false, undefined, undefined, undefined, 'library')).doc,
    /** The files the page would offer for download ([name, content]), as the CLI writes them. */
    files: async (kind: JobKind, scenarios: unknown[], options: JobOptions = {}) =>
      (await submit(kind, scenarios, options, true, undefined, undefined, undefined, 'library')).files,
    metrics: METRICS,
  };
}
