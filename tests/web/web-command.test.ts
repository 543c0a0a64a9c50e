/** `goldilocks web`: copies the built explorer page; clear errors; help with examples. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const built = join(root, 'dist/web/explorer.html');

describe.skipIf(!existsSync(built))('goldilocks web', () => {
  it('writes the built page, byte for byte, where --out says', () => {
    const dir = tempDir('goldilocks-web-cmd-');
    const out = join(dir, 'sub', 'explorer.html');
    const stdout = execFileSync(process.execPath, [bin, 'web', '--out', out], { encoding: 'utf8' });
    expect(stdout.trim()).toBe(out);
    expect(readFileSync(out)).toEqual(readFileSync(built));
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<script id="goldilocks-code">');
    expect(html).toContain("connect-src 'none'");
  });

  it('refuses an --out that is a folder, with exit 2 and no stack trace', () => {
    const dir = tempDir('goldilocks-web-cmd-');
    const r = spawnSync(process.execPath, [bin, 'web', '--out', dir], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const file = join(dir, 'f');
    writeFileSync(file, 'x');
    const under = spawnSync(process.execPath, [bin, 'web', '--out', join(file, 'explorer.html')], { encoding: 'utf8' });
    expect(under.status).toBe(2);
  });

  it('--help shows examples', () => {
    const help = execFileSync(process.execPath, [bin, 'web', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/Examples:\n\s+goldilocks web/);
  });
});
