/**
 * Temporary folders for tests, removed when the test file ends (tests/setup/cleanup.ts, a
 * setup file of every vitest config), so a test run leaves nothing in the system temp folder.
 *
 *   const work = tempDir('goldilocks-cli-');     // mkdtemp in os.tmpdir(), removed after the file
 *   const shots = artifactsDir();                 // screenshots, PDFs: removed too, unless
 *                                                 // GOLDILOCKS_KEEP_ARTIFACTS=1 keeps them in
 *                                                 // output/test-artifacts/ for a person to look at
 *
 * Every test run also gets its own os.tmpdir() (tests/setup/global.ts), which is checked for
 * leftovers and removed when the run ends.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/** The prefixes test folders are made with (the leftover check names what matches them). */
export const TEMP_PREFIXES = ['goldilocks-', 'gl-'] as const;

/** GOLDILOCKS_KEEP_ARTIFACTS=1: keep screenshots and PDFs in output/test-artifacts/. */
export const KEEP_ARTIFACTS = process.env.GOLDILOCKS_KEEP_ARTIFACTS === '1';

/** Folders made by tempDir in this test file (on globalThis: one list per test file's process). */
function made(): Set<string> {
  const g = globalThis as { [key: symbol]: Set<string> | undefined };
  const key = Symbol.for('goldilocks.tests.tempDirs');
  return (g[key] ??= new Set<string>());
}

/** A fresh folder in os.tmpdir(), removed when the test file ends. */
export function tempDir(prefix = 'goldilocks-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made().add(dir);
  return dir;
}

/** Where a test saves screenshots and other files for people: see KEEP_ARTIFACTS. */
export function artifactsDir(): string {
  if (!KEEP_ARTIFACTS) return tempDir('goldilocks-artifacts-');
  const dir = join(root, 'output/test-artifacts');
  mkdirSync(dir, { recursive: true });
  console.log(`test artifacts kept in ${dir} (GOLDILOCKS_KEEP_ARTIFACTS=1)`);
  return dir;
}

/** Remove a folder even when a test left read-only folders in it (a non-root user cannot otherwise). */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    makeWritable(dir);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function makeWritable(dir: string): void {
  try {
    if (!statSync(dir).isDirectory()) return;
    chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) makeWritable(join(dir, entry.name));
  } catch {
    // Not ours or already gone: rmSync reports what it cannot remove.
  }
}

/** Remove every folder tempDir made in this test file (called after the file's own afterAll hooks). */
export function removeTempDirs(): void {
  for (const dir of made()) removeTree(dir);
  made().clear();
}
