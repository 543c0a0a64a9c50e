/**
 * report.html from its typed input (pure): results → one page per kind (run, compare, explore,
 * sweep) → one self-contained HTML string. Content: first a one-page summary (../summary.ts: the
 * question, the designs one line each, headline figures with 95 % intervals, findings with
 * verdicts; it prints as page 1 of A4), then, each in a collapsible <details>, the scenario(s) in
 * plain words, the key numbers with 95 % confidence intervals, the charts with captions, the
 * assumptions in force and the run manifest as a STRESS-DES table (Monks et al. 2019).
 */
import { toJson } from '../../experiment/csv.js';
import { comparePage } from './compare-page.js';
import { explorePage } from './explore-page.js';
import type { Manifest, ReportInput, ReportKind } from './input.js';
import { renderPage, type Page } from './page-shell.js';
import { parseDocument } from './read-input.js';
import { runPage } from './run-page.js';
import { sweepPage } from './sweep-page.js';

/**
 * The input with its documents and manifest as their files hold them (JSON: a non-finite number
 * is null, read back as NaN; an undefined field is left out), so that the report of results in
 * memory is the report `goldilocks report` rebuilds from the folder they were written to.
 * Documents and manifests are small: the copy costs nothing next to the page.
 */
function asFiled(input: ReportInput): ReportInput {
  const refiled = <T>(doc: T, keepNull?: readonly string[]): T => parseDocument<T>(toJson(doc), keepNull);
  const manifest = JSON.parse(toJson(input.manifest)) as Manifest;
  switch (input.kind) {
    case 'run':
      return { ...input, manifest, doc: refiled(input.doc) };
    case 'compare':
      return { ...input, manifest, doc: refiled(input.doc) };
    case 'explore':
      return { ...input, manifest, doc: refiled(input.doc, ['from', 'to', 'best']) };
    case 'sweep':
      return { ...input, manifest, timing: input.timing && (JSON.parse(toJson(input.timing)) as Manifest) };
  }
}

function pageOf(input: ReportInput): Page {
  const filed = asFiled(input);
  switch (filed.kind) {
    case 'run':
      return runPage(filed);
    case 'compare':
      return comparePage(filed);
    case 'explore':
      return explorePage(filed);
    case 'sweep':
      return sweepPage(filed);
  }
}

/** report.html of a result, as one HTML string. */
export function buildReport(input: ReportInput): { html: string; kind: ReportKind } {
  return { html: renderPage(pageOf(input)), kind: input.kind };
}

/**
 * The one-page summary report.html opens with (`<section id="summary">`, the same HTML), with the
 * report's title and question. Needs no charts, so the explorer shows it as soon as the
 * simulation ends (`charts` may be empty).
 */
export function buildSummary(input: ReportInput): { kind: ReportKind; title: string; question: string; html: string } {
  const page = pageOf(input);
  return { kind: input.kind, title: page.title, question: page.question, html: page.summary };
}
