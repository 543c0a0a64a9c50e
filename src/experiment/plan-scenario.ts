/**
 * The chosen design as a ready scenario file: the base scenario's own text with the factor values
 * set (comments and layout kept, through the yaml package's document model), renamed, and headed
 * by a comment that says where it came from and what it was shown to meet.
 *
 * The file reproduces what the plan simulated: the run settings the plan used (years, warm-up,
 * seed) are written into its `run:` section, and each changed value is marked with what it was in
 * the base, replacing the base's comment on it (which described the old value). The base's
 * description, which may describe the old values, is kept behind a note saying so.
 */
import { isScalar, parseDocument } from 'yaml';
import type { SweepValue } from './sweep-schema.js';

export interface ChosenScenario {
  baseText: string;
  name: string;
  paths: readonly string[];
  values: readonly SweepValue[];
  /** The run settings the plan simulated with. */
  run: { years: number; warmupDays: number; seed: number };
  header: readonly string[];
  /** One line on where it came from, put before the base's description. */
  note: string;
}

export function chosenScenarioText(c: ChosenScenario): string {
  const doc = parseDocument(c.baseText);
  const set = (keys: Array<string | number>, value: unknown, why: string) => {
    const before = doc.getIn(keys, true);
    const was = isScalar(before) ? before.value : before === undefined ? undefined : JSON.stringify(doc.getIn(keys));
    doc.setIn(keys, value);
    const node = doc.getIn(keys, true);
    if (isScalar(node) && was !== value) node.comment = ` ${why}${was === undefined ? '' : ` (the base had ${String(was)})`}`;
  };
  c.paths.forEach((path, j) => {
    set(
      path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
      c.values[j],
      'chosen by goldilocks plan',
    );
  });
  set(['run', 'years'], c.run.years, 'as the plan simulated');
  set(['run', 'warmupDays'], c.run.warmupDays, 'as the plan simulated');
  set(['run', 'seed'], c.run.seed, 'as the plan simulated');
  doc.set('name', c.name);
  const description = doc.get('description');
  doc.set(
    'description',
    `${c.note}${typeof description === 'string' && description.trim() ? ` The base scenario's description (its numbers may describe the base's values): ${description.trim()}` : ''}`,
  );
  doc.commentBefore = c.header.map((l) => ` ${l}`).join('\n');
  // The base's editor modeline (`yaml-language-server: $schema=./…`) is relative to the base's folder, not this file's.
  return doc.toString({ lineWidth: 0 }).replace(/^#\s*yaml-language-server:.*\n/m, '');
}
