/**
 * The explorer's one bundle: in the page it starts the UI and `window.goldilocks`; the same code,
 * started from a blob URL as a Web Worker, runs the simulations (so the page works from file://).
 */
import { startWorker } from './worker-main.js';
import { startPage } from './page.js';

if (typeof document === 'undefined') {
  startWorker(self as unknown as Parameters<typeof startWorker>[0]);
} else {
  startPage();
}
