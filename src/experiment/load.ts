/** Loading a scenario for running: the schema's checks plus the model's own. */
import { loadDefaultScenario, loadScenarioFile, type LoadedScenario } from '../scenario/load.js';
import { scenarioProblems } from '../model/check.js';
import { InputError } from '../scenario/errors.js';
import { wrongKindMessage } from './file-kind.js';

/** A scenario file, or the built-in default when `file` is undefined. */
export function loadScenario(file: string | undefined, overrides: string[] = []): LoadedScenario {
  if (!file) return loadDefaultScenario(overrides, scenarioProblems);
  try {
    return loadScenarioFile(file, overrides, file, scenarioProblems);
  } catch (err) {
    // A sweep or plan file given where a scenario belongs: one line saying which command reads it.
    const wrong = err instanceof InputError ? wrongKindMessage(file, 'scenario') : null;
    if (wrong) throw new InputError(file, [{ path: '', message: wrong }], 'Scenario files are in scenarios/ (default.yaml, site-1.yaml …).');
    throw err;
  }
}
