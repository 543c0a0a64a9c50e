/**
 * The explorer's Web Workers. The coordinator runs one job at a time (progress, then the result or
 * the error) and hands replications to the helpers it was given ports to; a helper only answers
 * replication tasks on its port (web-runner.ts).
 */
import { InputError } from '../scenario/errors.js';
import { compute } from './compute.js';
import { serveReplications } from './web-runner.js';
import type { ControlMessage, Job, SummaryOut, WorkerMessage } from './protocol.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<Job | ControlMessage>) => void) | null;
  postMessage(message: WorkerMessage): void;
}

export function startWorker(scope: WorkerScope): void {
  const helpers: MessagePort[] = [];
  scope.onmessage = (e) => {
    const m = e.data;
    if ('type' in m) {
      if (m.type === 'serve') serveReplications(m.port);
      else helpers.push(m.port);
      return;
    }
    const job = m;
    let last = 0;
    const progress = (done: number, total: number, stage: string) => {
      const now = performance.now();
      // At most ~20 messages a second, and always the last one.
      if (done < total && now - last < 50) return;
      last = now;
      scope.postMessage({ id: job.id, type: 'progress', done, total, stage });
    };
    const onDoc = (doc: unknown, seconds: number, summary?: SummaryOut) =>
      scope.postMessage({ id: job.id, type: 'doc', kind: job.kind, doc, summary, seconds });
    compute(job, progress, helpers, job.files ? onDoc : undefined).then(
      (result) => scope.postMessage({ id: job.id, type: 'done', result }),
      (err: unknown) =>
        scope.postMessage({
          id: job.id,
          type: 'error',
          message: err instanceof Error ? err.message : String(err),
          input: err instanceof InputError || err instanceof RangeError,
        }),
    );
  };
}
