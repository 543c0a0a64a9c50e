/**
 * Setup file of the fast suite (vitest.fast.config.ts): starting a process fails the test,
 * naming the rule, so a file that slips through the static rule in tests/setup/suites.ts (say, a
 * src/ module that spawns) is caught when it runs.
 */
import { vi } from 'vitest';

function refuse(name: string) {
  return () => {
    throw new Error(
      `child_process.${name} called in the fast suite: a test that starts processes belongs in the slow part (see tests/setup/suites.ts; npm test runs it)`,
    );
  };
}

const names = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

vi.mock('node:child_process', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:child_process')>();
  const refused = Object.fromEntries(names.map((n) => [n, refuse(n)]));
  return { ...original, ...refused, default: { ...original, ...refused } };
});
vi.mock('child_process', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:child_process')>();
  const refused = Object.fromEntries(names.map((n) => [n, refuse(n)]));
  return { ...original, ...refused, default: { ...original, ...refused } };
});
