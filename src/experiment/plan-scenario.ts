/**
 * The chosen design as a ready scenario file: the base scenario's own text with the factor values
 * set (comments and layout kept, through the yaml package's document model), renamed, and headed
 * by a comment that says where it came from and what it was shown to meet.
 */
import { parseDocument } from 'yaml';
import type { SweepValue } from './sweep-schema.js';

export function chosenScenarioText(baseText: string, name: string, paths: readonly string[], values: readonly SweepValue[], header: readonly string[]): string {
  const doc = parseDocument(baseText);
  paths.forEach((path, j) => {
    const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    doc.setIn(keys, values[j]);
  });
  doc.set('name', name);
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  // The base's editor modeline (`yaml-language-server: $schema=./…`) is relative to the base's folder, not this file's.
  return doc.toString({ lineWidth: 0 }).replace(/^#\s*yaml-language-server:.*\n/m, '');
}
