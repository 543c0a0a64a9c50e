import { defineConfig } from 'vitest/config';
import { fastFiles } from './tests/setup/suites.js';
import { base } from './vitest.config.js';

/**
 * The fast suite (`npm run test:fast`): every test file that starts no process (no CLI, npm or
 * shell), drives no browser and regenerates no docs or bench tables, chosen by the rule in
 * tests/setup/suites.ts. It needs no build. tests/setup/no-processes.ts makes a process started
 * from it anyway fail, saying so.
 *
 * Test files share their worker's modules (isolate: false): src/ is imported once per worker, not
 * once per file, which takes about 40 % off the time. The tests mock nothing and keep no state
 * between files; `npm test` runs each file isolated, so a test that relied on sharing would show.
 */
export default defineConfig({
  test: {
    ...base,
    globalSetup: ['tests/setup/global.ts'],
    include: fastFiles(),
    isolate: false,
    setupFiles: [...base.setupFiles, 'tests/setup/no-processes.ts'],
  },
});
