/**
 * Global setup of every vitest config: a test run leaves nothing behind.
 *
 * Each run gets its own temporary folder (os.tmpdir() for the tests and every process they start,
 * through TMPDIR). When the run ends it is checked and removed: a folder or file left there with a
 * test prefix (goldilocks-, gl-) means a test did not clean up, and fails the run, naming it
 * (tests/setup/temp.ts has tempDir, which cleans up by itself). Other entries (tools' caches such as
 * tsx-0, Chromium's files) are removed with the folder. output/test-artifacts/ must not grow
 * unless GOLDILOCKS_KEEP_ARTIFACTS=1 asks to keep screenshots there (a warning:
 * another run in the same checkout may have written there).
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEEP_ARTIFACTS, TEMP_PREFIXES, removeTree } from './temp.js';

const root = join(import.meta.dirname, '../..');
const ARTIFACTS = join(root, 'output/test-artifacts');

function sizeOf(path: string): number {
  try {
    const s = statSync(path);
    if (!s.isDirectory()) return s.size;
    return readdirSync(path).reduce((sum, e) => sum + sizeOf(join(path, e)), 0);
  } catch {
    return 0;
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Entries of output/test-artifacts/ with their modification times. */
function artifacts(): Map<string, number> {
  if (!existsSync(ARTIFACTS)) return new Map();
  return new Map(readdirSync(ARTIFACTS).map((e) => [e, statSync(join(ARTIFACTS, e)).mtimeMs]));
}

export default function setup(): () => void {
  const outerTmpdir = process.env.TMPDIR;
  const runTmp = mkdtempSync(join(tmpdir(), 'goldilocks-tests-'));
  // Readable by all: the read-only-folder tests run the CLI as user nobody on folders in here.
  chmodSync(runTmp, 0o755);
  process.env.TMPDIR = runTmp;
  const artifactsBefore = artifacts();

  return () => {
    if (outerTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outerTmpdir;
    const entries = existsSync(runTmp) ? readdirSync(runTmp) : [];
    const leftovers = entries.filter((e) => TEMP_PREFIXES.some((p) => e.startsWith(p)));
    const problems: string[] = [];
    if (leftovers.length > 0) {
      problems.push(
        `${leftovers.length} test folder(s) left in the temporary folder (${mb(leftovers.reduce((s, e) => s + sizeOf(join(runTmp, e)), 0))}): ` +
          `${leftovers.join(', ')}. Make them with tempDir() from tests/setup/temp.ts, or remove them in afterAll.`,
      );
    }
    removeTree(runTmp);
    // output/test-artifacts/ is shared with other runs in the same checkout: said loudly, not failed.
    if (!KEEP_ARTIFACTS) {
      const after = artifacts();
      const written = [...after].filter(([e, t]) => artifactsBefore.get(e) !== t).map(([e]) => e);
      if (written.length > 0)
        console.warn(
          `\nWARNING: written to output/test-artifacts/ during this run without GOLDILOCKS_KEEP_ARTIFACTS=1 (by this run, or another in this checkout): ${written.join(', ')}. Tests save screenshots with artifactsDir() from tests/setup/temp.ts.\n`,
        );
    }
    if (problems.length > 0) {
      const text = [
        '',
        '='.repeat(100),
        'LEFT BEHIND BY THE TESTS (issue #18: a test run leaves nothing behind):',
        ...problems.map((p) => `- ${p}`),
        '='.repeat(100),
        '',
      ].join('\n');
      console.error(text);
      // vitest reports an error thrown here but still exits 0: fail the run through the exit code.
      process.exitCode = 1;
    }
  };
}
