/**
 * Worker thread of the point pool: receives the sweep context once, then point tasks, and
 * posts each point's metric matrix back (transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../scenario/errors.js';
import { runPoint, type PointContext } from './point-runner.js';
import type { SweepValue } from './sweep-schema.js';

let ctx: PointContext | null = null;

parentPort!.on('message', (msg: { type: 'init'; ctx: PointContext } | { type: 'task'; id: number; values: SweepValue[] }) => {
  if (msg.type === 'init') {
    ctx = msg.ctx;
    return;
  }
  try {
    const data = runPoint(ctx!, msg.values);
    parentPort!.postMessage({ id: msg.id, data }, [data.buffer as ArrayBuffer]);
  } catch (err) {
    const input = err instanceof InputError;
    parentPort!.postMessage({
      id: msg.id,
      error: { message: (err as Error).message, stack: (err as Error).stack, input, file: input ? err.file : '', problems: input ? err.problems : [] },
    });
  }
});
