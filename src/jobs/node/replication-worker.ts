/**
 * A worker thread of the replication pool: receives a job's variants and settings, then tasks,
 * and posts each replication's result back. The numbers are the inline runner's: the same
 * function (runTask) on the same named random streams.
 */
import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../../scenario/schema.js';
import type { RunSettings } from '../../experiment/replications.js';
import { runTask, type EventLogPlan, type ReplicationTask } from '../runner.js';
import { openPart } from './event-log-parts.js';

type Message =
  | { type: 'init'; variants: Scenario[]; settings: RunSettings; log?: EventLogPlan }
  | { type: 'task'; run: number; id: number; task: ReplicationTask };

let variants: Scenario[] = [];
let settings: RunSettings | null = null;
let log: EventLogPlan | undefined;

parentPort!.on('message', (msg: Message) => {
  if (msg.type === 'init') {
    variants = msg.variants;
    settings = msg.settings;
    log = msg.log;
    return;
  }
  const { run, id } = msg;
  try {
    parentPort!.postMessage({ run, id, result: runTask(variants, settings!, msg.task, (share) => parentPort!.postMessage({ run, id, share }), log, openPart) });
  } catch (err) {
    parentPort!.postMessage({ run, id, error: { message: (err as Error).message, stack: (err as Error).stack } });
  }
});
