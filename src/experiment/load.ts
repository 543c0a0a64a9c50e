/** Loading a scenario for running: the schema's checks plus the model's own. */
import { loadDefaultScenario, loadScenarioFile, type LoadedScenario } from '../scenario/load.js';
import { scenarioProblems } from '../model/check.js';

/** A scenario file, or the built-in default when `file` is undefined. */
export function loadScenario(file: string | undefined, overrides: string[] = []): LoadedScenario {
  return file ? loadScenarioFile(file, overrides, file, scenarioProblems) : loadDefaultScenario(overrides, scenarioProblems);
}
