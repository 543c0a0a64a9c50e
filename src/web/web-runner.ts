/**
 * Replications on the page's Web Workers. The job runs in one worker (the coordinator, as a job
 * always has); the page gives it a MessagePort to each helper worker, and this runner hands the
 * helpers tasks as they free up and puts their results back in task order, exactly as the Node
 * thread runner does, so the page's numbers equal the CLI's whatever the number of workers.
 */
import type { ReplicationResult } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunSettings } from '../experiment/replications.js';
import { inlineRunner, runTask, SharedProgress, type ReplicationRunner, type ReplicationTask } from '../jobs/runner.js';

type HelperMessage = { type: 'init'; variants: Scenario[]; settings: RunSettings } | { type: 'task'; id: number; task: ReplicationTask };
type HelperReply = { id: number; share?: number; result?: ReplicationResult; error?: string };

/** A helper worker's side: answer tasks arriving on `port`. */
export function serveReplications(port: MessagePort): void {
  let variants: Scenario[] = [];
  let settings: RunSettings | null = null;
  port.onmessage = (e: MessageEvent<HelperMessage>) => {
    const m = e.data;
    if (m.type === 'init') {
      variants = m.variants;
      settings = m.settings;
      return;
    }
    try {
      const id = m.id;
      port.postMessage({
        id,
        result: runTask(variants, settings!, m.task, (share) => port.postMessage({ id, share } satisfies HelperReply)),
      } satisfies HelperReply);
    } catch (err) {
      port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies HelperReply);
    }
  };
}

/** A runner over the helper workers' ports; with none, replications run in this worker. */
export function portRunner(ports: readonly MessagePort[]): ReplicationRunner {
  if (ports.length === 0) return inlineRunner;
  return {
    workers: ports.length,
    async run(variants, settings, tasks, onProgress) {
      if (tasks.length === 0) return [];
      const active = ports.slice(0, Math.min(ports.length, tasks.length));
      for (const p of active) p.postMessage({ type: 'init', variants: [...variants], settings } satisfies HelperMessage);
      const out = new Array<ReplicationResult>(tasks.length);
      let next = 0;
      const progress = new SharedProgress(tasks.length, onProgress);
      await new Promise<void>((resolve, reject) => {
        const dispatch = (p: MessagePort) => {
          if (next < tasks.length) {
            const id = next++;
            p.postMessage({ type: 'task', id, task: tasks[id] } satisfies HelperMessage);
          }
        };
        const stop = () => {
          for (const p of active) p.onmessage = null;
        };
        for (const p of active) {
          p.onmessage = (e: MessageEvent<HelperReply>) => {
            const r = e.data;
            if (r.error !== undefined) {
              stop();
              return reject(new Error(r.error));
            }
            if (r.share !== undefined) return progress.share(r.id, r.share);
            out[r.id] = r.result!;
            if (progress.finish(r.id) === tasks.length) {
              stop();
              return resolve();
            }
            dispatch(p);
          };
          dispatch(p);
          dispatch(p);
        }
      });
      return out;
    },
    async close() {},
  };
}
