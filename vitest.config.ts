import { defineConfig } from 'vitest/config';

/**
 * The full suite (`npm test`). vitest.fast.config.ts runs the part that starts no process and no
 * browser (`npm run test:fast`). Every run gets its own temporary folder, checked for leftovers and
 * removed at the end (tests/setup/global.ts); tempDir() folders go when their test file ends
 * (tests/setup/cleanup.ts).
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/setup/global.ts'],
    setupFiles: ['tests/setup/cleanup.ts'],
  },
});
