import { defineConfig } from 'vitest/config';
import full from './vitest.config.js';
import { fastFiles } from './tests/setup/suites.js';

/**
 * The fast suite (`npm run test:fast`): every test file that starts no process (no CLI, npm or
 * shell), drives no browser and regenerates no docs or bench tables, chosen by the rule in
 * tests/setup/suites.ts. It needs no build. tests/setup/no-processes.ts makes a process started
 * from it anyway fail, saying so.
 */
export default defineConfig({
  test: {
    ...full.test,
    include: fastFiles(),
    setupFiles: [...(full.test?.setupFiles ?? []), 'tests/setup/no-processes.ts'],
  },
});
