/**
 * Setup file of every test file: the temporary folders it made with tempDir (tests/setup/temp.ts)
 * are removed when it ends. Registered first, this afterAll runs after the file's own (browsers
 * are closed before their folders go).
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(() => removeTempDirs());
