/** Shard progress as lines for cluster logs (src/cli/progress-lines.ts), with a fake clock. */
import { describe, expect, it } from 'vitest';
import { duration, progressInterval, progressLine, progressLines } from '../../src/cli/progress-lines.js';

describe('progress lines', () => {
  it('count finished points, at most one line per interval, the first after one interval', () => {
    let t = 100;
    const lines: string[] = [];
    const p = progressLines(
      'shard 2/4 of caps',
      30,
      (l) => lines.push(l),
      () => t,
    );
    p.update(0, 10); // start: silent
    t += 10;
    p.update(1, 10); // 10 s: silent
    t += 20;
    p.update(3, 10); // 30 s: a line; 3 points in 30 s, 7 left → 70 s
    t += 5;
    p.update(4, 10); // 35 s: silent
    t += 30;
    p.update(10, 10); // 65 s: a line, nothing left
    expect(lines).toEqual([
      'goldilocks: shard 2/4 of caps: 3/10 points done (30 %), 30 s, about 1 min 10 s left\n',
      'goldilocks: shard 2/4 of caps: 10/10 points done (100 %), 1 min 5 s\n',
    ]);
  });

  it('a resumed shard counts the points it finds done, and estimates from this run only', () => {
    let t = 0;
    const lines: string[] = [];
    const p = progressLines(
      'shard 1/2 of caps',
      0,
      (l) => lines.push(l),
      () => t,
    );
    p.update(50, 100); // resumed with 50 done
    t = 20;
    p.update(60, 100); // 10 points in 20 s → 40 left: 80 s
    expect(lines.at(-1)).toBe('goldilocks: shard 1/2 of caps: 60/100 points done (60 %), 20 s, about 1 min 20 s left\n');
  });

  it('reads GOLDILOCKS_PROGRESS_SECONDS, and words durations', () => {
    expect(progressInterval({})).toBe(30);
    expect(progressInterval({ GOLDILOCKS_PROGRESS_SECONDS: '5' })).toBe(5);
    expect(progressInterval({ GOLDILOCKS_PROGRESS_SECONDS: '0' })).toBe(0);
    expect(progressInterval({ GOLDILOCKS_PROGRESS_SECONDS: 'soon' })).toBe(30);
    expect(progressInterval({ GOLDILOCKS_PROGRESS_SECONDS: '-1' })).toBe(30);
    expect([duration(59.4), duration(61), duration(3725)]).toEqual(['59 s', '1 min 1 s', '1 h 2 min']);
    expect(progressLine('x', 0, 0, 0, 0)).toBe('goldilocks: x: 0/0 points done (100 %), 0 s');
  });
});
