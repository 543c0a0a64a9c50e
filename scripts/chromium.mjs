/**
 * How the project starts headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
 * one list of flags for the browser tests and the screenshot scripts. The flags keep it quiet and
 * offline (no first-run, sync, component updates or background requests).
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
