/**
 * The event log on disk (docs/event-log.md): each replication task writes its rows to its own
 * part file as they come (a 64 kB buffer, so memory stays bounded whatever the log's size), on
 * whichever thread runs it; the parts are then joined in task order into events.csv. The file is
 * therefore byte-identical whatever the number of workers.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PartOpener, ReplicationTask } from '../runner.js';

const BUFFER_CHARS = 1 << 16;

/** The part file of a task (by variant and replication, so tasks of later rounds never clash). */
export function partPath(dir: string, task: Pick<ReplicationTask, 'variant' | 'replication'>): string {
  return join(dir, `part-${task.variant}-${task.replication}.csv`);
}

export const openPart: PartOpener = (dir, task) => {
  const fd = openSync(partPath(dir, task), 'w');
  let buffer = '';
  return {
    write(text) {
      buffer += text;
      if (buffer.length >= BUFFER_CHARS) {
        writeSync(fd, buffer);
        buffer = '';
      }
    },
    close() {
      if (buffer.length > 0) writeSync(fd, buffer);
      buffer = '';
      closeSync(fd);
    },
  };
};

/** Join the parts of `tasks`, in their order, under `header` into `target`; the parts are removed. Returns the bytes written. */
export function joinParts(dir: string, tasks: ReadonlyArray<Pick<ReplicationTask, 'variant' | 'replication'>>, target: string, header: string): number {
  const out = openSync(target, 'w');
  const chunk = Buffer.allocUnsafe(1 << 20);
  let bytes = writeSync(out, header);
  try {
    for (const task of tasks) {
      const path = partPath(dir, task);
      const fd = openSync(path, 'r');
      try {
        for (;;) {
          const n = readSync(fd, chunk, 0, chunk.length, null);
          if (n === 0) break;
          bytes += writeSync(out, chunk, 0, n);
        }
      } finally {
        closeSync(fd);
      }
      rmSync(path);
    }
  } finally {
    closeSync(out);
  }
  return bytes;
}
