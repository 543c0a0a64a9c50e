import { defineConfig } from 'vitest/config';
import { browserFiles } from './tests/setup/suites.js';

/**
 * The full suite (`npm test`). vitest.fast.config.ts runs the part that starts no process and no
 * browser (`npm run test:fast`). Every run gets its own temporary folder, checked for leftovers and
 * removed at the end (tests/setup/global.ts); tempDir() folders go when their test file ends
 * (tests/setup/cleanup.ts).
 *
 * Two groups, one after the other: first every file that drives no browser, in parallel; then the
 * files that drive headless Chromium, one at a time, on a quiet machine. Beside the suite's heavy
 * tests (the real Slurm, the 10,000-shard merge, the docs' numbers) on 2 cores, a browser test
 * that takes 4 s alone has run past 120 s in CI; the browser files add about a minute this way.
 */
export const base = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
  setupFiles: ['tests/setup/cleanup.ts'],
};

const browser = browserFiles();

export default defineConfig({
  test: {
    globalSetup: ['tests/setup/global.ts'],
    projects: [
      { test: { ...base, name: 'main', include: ['tests/**/*.test.ts'], exclude: browser, sequence: { groupOrder: 0 } } },
      { test: { ...base, name: 'browser', include: browser, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
