/**
 * The Kubernetes manifests of examples/cluster/ checked against the Kubernetes API's own
 * definitions, as `kubectl apply --validate=strict` would: every document through the JSON Schema
 * validator of kubernetes-models (generated from the Kubernetes OpenAPI spec: types, enums such
 * as podFailurePolicy actions, required fields), and — since those schemas, like the API's, allow
 * unknown keys that a strict server refuses — through the same package's TypeScript types with
 * the compiler's excess-property check, which names a misspelt or misplaced key.
 * Each check is shown to fail on a broken copy (the controls).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const examples = join(root, 'examples/cluster');
const files = readdirSync(examples).filter((f) => /^k8s-.*\.yaml$/.test(f));

// biome-ignore lint/suspicious/noExplicitAny: free-form, as in tests/examples/cluster.test.ts (the tests read the fields they need)
type Doc = { apiVersion: string; kind: string; metadata: { name: string }; spec: Record<string, any> };

/** The model class and TypeScript interface of each kind the examples use. */
const KINDS: Record<string, { validate: (doc: Doc) => void; module: string; type: string }> = {
  'batch/v1 Job': { validate: (d) => new Job(d as never).validate(), module: 'kubernetes-models/batch/v1/Job', type: 'IJob' },
  'v1 Pod': { validate: (d) => new Pod(d as never).validate(), module: 'kubernetes-models/v1/Pod', type: 'IPod' },
  'v1 PersistentVolumeClaim': {
    validate: (d) => new PersistentVolumeClaim(d as never).validate(),
    module: 'kubernetes-models/v1/PersistentVolumeClaim',
    type: 'IPersistentVolumeClaim',
  },
};

function documents(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(join(examples, file), 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  return docs.map((d) => {
    expect(d.errors, file).toEqual([]);
    return d.toJS() as Doc;
  });
}

/** Problems the JSON Schema finds in a document ([] when valid). */
function schemaProblems(doc: Doc): string[] {
  const kind = KINDS[`${doc.apiVersion} ${doc.kind}`];
  if (!kind) return [`${doc.apiVersion} ${doc.kind} is not a kind this test knows`];
  try {
    kind.validate(doc);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

/** Problems the TypeScript types find (excess properties included), one program for all documents. */
function typeProblems(docs: Array<{ name: string; doc: Doc }>): string[] {
  const dir = tempDir('goldilocks-k8s-types-');
  const source = join(dir, 'manifests.ts');
  const lines = docs.map(({ doc }, i) => {
    const kind = KINDS[`${doc.apiVersion} ${doc.kind}`];
    return `import type { ${kind.type} as T${i} } from '${kind.module}';\nexport const d${i}: T${i} = ${JSON.stringify(doc, null, 2)};`;
  });
  writeFileSync(source, `${lines.join('\n')}\n`);
  const program = ts.createProgram([source], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
    paths: { 'kubernetes-models/*': [join(root, 'node_modules/kubernetes-models/*')] },
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      const doc = where
        ? docs[
            lines.findIndex(
              (_, i) =>
                lines
                  .slice(0, i + 1)
                  .join('\n')
                  .split('\n').length > where.line,
            )
          ]?.name
        : '?';
      return `${doc}: ${text}`;
    })
    .filter((t) => t.length > 0);
}

describe('Kubernetes manifests against the Kubernetes API definitions (kubernetes-models)', () => {
  const all = files.flatMap((f) => documents(f).map((doc, i) => ({ name: `${f} #${i + 1} (${doc.kind} ${doc.metadata.name})`, doc })));

  it('are the three files, with the Jobs, Pod and claim the README describes', () => {
    expect(files.sort()).toEqual(['k8s-merge-job.yaml', 'k8s-sweep-job.yaml', 'k8s-workspace.yaml']);
    expect(all.map((d) => `${d.doc.kind}/${d.doc.metadata.name}`).sort()).toEqual([
      'Job/goldilocks-merge',
      'Job/goldilocks-sweep',
      'PersistentVolumeClaim/goldilocks-work',
      'Pod/goldilocks-workspace',
    ]);
  });

  it('every document is valid against its JSON Schema', () => {
    for (const { name, doc } of all) expect(schemaProblems(doc), name).toEqual([]);
  });

  it('and against the API types, with no unknown or misplaced key', () => {
    expect(typeProblems(all)).toEqual([]);
  }, 60_000);

  it('controls: a wrong podFailurePolicy action, a string count and a misspelt key are each refused', () => {
    const sweep = all.find((d) => d.doc.metadata.name === 'goldilocks-sweep')!.doc;
    const broken = (change: (d: Doc) => void): Doc => {
      const copy = structuredClone(sweep);
      change(copy);
      return copy;
    };
    expect(schemaProblems(broken((d) => (d.spec.podFailurePolicy.rules[1].action = 'Fail-Index'))).join()).toMatch(
      /action must be equal to one of the allowed values/,
    );
    expect(schemaProblems(broken((d) => (d.spec.completions = '8'))).join()).toMatch(/completions must be integer/);
    const misspelt = broken((d) => {
      d.spec.backoffLimitPerIndx = d.spec.backoffLimitPerIndex;
      delete d.spec.backoffLimitPerIndex;
    });
    expect(schemaProblems(misspelt), 'the JSON Schema alone lets unknown keys through (as the API schema does)').toEqual([]);
    expect(typeProblems([{ name: 'misspelt', doc: misspelt }]).join('\n')).toMatch(/backoffLimitPerIndx/);
  }, 60_000);
});
