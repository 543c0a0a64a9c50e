import { InputError } from '../scenario/errors.js';
import type { RunSettings } from '../experiment/replications.js';

/** The warm-up must leave an observation window. */
export function checkWindow(settings: RunSettings, file: string): void {
  if (settings.warmupDays >= settings.horizonDays) {
    throw new InputError(file, [{ path: 'run.warmupDays', message: `warm-up (${settings.warmupDays} days) must be shorter than the horizon (${settings.horizonDays.toFixed(0)} days)` }], 'Lower --warmup-days or raise --years.');
  }
}
