/**
 * The page around a report (pure): a header with the question, the one-page summary, then every
 * other section in a collapsible <details>, and a footer. One self-contained file: inline CSS,
 * charts inlined as SVG, nothing loaded from anywhere (a Content Security Policy says so to the
 * browser too), so it can be mailed, archived or printed on A4.
 */
import { esc } from '../html-text.js';
import { CSS } from './page-css.js';
import type { ReportKind } from './input.js';

export interface Page {
  kind: ReportKind | 'plan';
  title: string;
  question: string;
  lead: string;
  /** The one-page summary that opens the report (src/report/summary.ts); everything else is in collapsible sections. */
  summary: string;
  sections: Array<{ id: string; title: string; body: string }>;
}

/** A section that opens on a click (closed at first, so the summary is the first screen). */
function detailsSection(id: string, title: string, body: string): string {
  return `<details class="more" id="${esc(id)}">\n<summary><h2>${esc(title)}</h2></summary>\n${body}\n</details>`;
}

export function renderPage(p: Page): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="generator" content="Goldilocks">
<link rel="icon" href="data:,">
<title>${esc(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<p class="eyebrow">Goldilocks · social-prescribing link-worker simulation · ${esc(p.kind)} report</p>
<h1>${esc(p.title)}</h1>
<p class="question">${esc(p.question)}</p>
</header>
<main>
${p.summary}
<div class="intro">${p.lead}</div>
<p class="more-lead">Everything else, section by section (click a title to open it):</p>
${p.sections.map((s) => detailsSection(s.id, s.title, s.body)).join('\n')}
</main>
<footer>
<p>Made by Goldilocks, a discrete-event, agent-based simulator of social-prescribing link-worker services. It turns the “Goldilocks conundrum” of Tierney et al. (2024), NIHR Health and Social Care Delivery Research, doi <a href="https://doi.org/10.3310/JSQY9840" rel="noreferrer noopener">10.3310/JSQY9840</a> — link workers’ discretion makes care person-centred, but without boundaries caseloads escalate — into an experiment bench. Every mechanism, parameter and source is in docs/model.md. Results are model outputs under the assumptions listed above, not forecasts.</p>
</footer>
</body>
</html>
`;
}
