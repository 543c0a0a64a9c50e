/**
 * Scenarios from text or objects, as the job pipeline takes them: validated with the file
 * reader's rules (schema, then the model's own checks), labelled and hashed as the CLI does.
 * Pure, so the library and the explorer page share it.
 */
import { canonicalJson, validateText } from '../scenario/parse.js';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema.js';
import { scenarioProblems } from '../model/check.js';
import { sha256Hex } from './hash.js';
import { InputError } from '../scenario/errors.js';
import type { JobDesign } from './types.js';

/** A scenario as an object (as written in a file, defaults optional), or its YAML/JSON text. */
export type ScenarioSource = ScenarioInput | Scenario | string;

/** Validate a scenario (YAML/JSON text or an object) and fill in its defaults. */
export function parseScenario(source: ScenarioSource, options: { file?: string; set?: string[] } = {}): Scenario {
  if (source === undefined || typeof source === 'function' || typeof source === 'symbol' || typeof source === 'bigint') {
    throw new InputError(
      options.file ?? '<object>',
      [{ path: '', message: `a scenario is an object (as in a scenario file) or its YAML/JSON text; got ${typeof source}` }],
      'Pass a scenario object, e.g. { name, referrals, workers }, or the text of a scenario file.',
    );
  }
  const text = typeof source === 'string' ? source : JSON.stringify(source);
  return validateText(text, options.file ?? (typeof source === 'string' ? '<text>' : '<object>'), ScenarioSchema, options.set ?? [], scenarioProblems);
}

/** A source as the pipeline's design. */
export function designOf(source: ScenarioSource, label?: string): JobDesign {
  const scenario = parseScenario(source, { file: label });
  return { scenario, label: label ?? (typeof source === 'string' ? '<text>' : '<object>'), hash: sha256Hex(canonicalJson(scenario)) };
}
