/**
 * The report's one style sheet, inline in every report.html: readable on a phone, and printed on
 * A4 with the summary as page 1 (the print rules at the end).
 */
export const CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --accent: #0072B2; --zebra: #f6f8fa; --head: #eaeef2;
  --better: #00785a; --better-bg: #dff3ec; --worse: #b8460b; --worse-bg: #fcebe2; --ok: #00785a; --ok-bg: #dff3ec; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
header { border-bottom: 4px solid var(--accent); padding-bottom: .8rem; margin-bottom: 1rem; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--muted); margin: 0; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .25rem 0 .4rem; }
.question { font-size: 1.2rem; font-weight: 600; color: var(--accent); margin: .2rem 0 .6rem; }
.lead { margin: .3rem 0; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
p, li { max-width: 48rem; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86em; }
.mono { word-break: break-all; }
a { color: var(--accent); }
nav.toc { font-size: .92rem; background: var(--zebra); border: 1px solid var(--rule); border-radius: 6px; padding: .5rem .9rem; }
nav.toc ol { margin: .2rem 0; padding-left: 1.3rem; columns: 2; column-gap: 2rem; }
ul.words { padding-left: 1.2rem; }
ul.words li { margin: .25rem 0; }
.note { color: var(--muted); font-style: italic; }
.table-wrap { overflow-x: auto; margin: .6rem 0 1.1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; page-break-inside: avoid; break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
th, td { text-align: left; padding: .32rem .55rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { background: var(--head); border-bottom: 2px solid var(--ink); font-weight: 600; }
tbody th { font-weight: 500; }
tbody tr:nth-child(even) { background: var(--zebra); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
.ci { color: var(--muted); font-size: .85em; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.unit, td.ref, td.n, .file, .unit { color: var(--muted); }
td.unit { font-size: .88em; }
table.assumptions td.path { width: 34%; }
table.assumptions tr.group th, table.assumptions tr.group:nth-child(even) th { background: #fff; color: var(--accent); font-weight: 700; padding-top: .8rem; border-bottom: 1px solid var(--accent); }
table.manifest thead th:nth-child(2) { white-space: nowrap; }
table.manifest tbody th { width: 28%; }
tr.zone, tr.zone:nth-child(even) { background: var(--ok-bg); }
.tag { display: inline-block; font-size: .78em; font-weight: 600; padding: 0 .4em; border-radius: 3px; border: 1px solid currentColor; white-space: nowrap; }
.tag.zone { color: var(--ok); }
.verdict { display: inline-block; margin-top: .15rem; font-size: .8em; padding: 0 .4em; border-radius: 3px; white-space: nowrap; }
.verdict.better { color: var(--better); background: var(--better-bg); font-weight: 600; }
.verdict.worse { color: var(--worse); background: var(--worse-bg); font-weight: 600; }
.verdict.neutral { color: var(--ink); background: var(--head); }
.verdict.none { color: var(--muted); font-style: italic; }
.callout { border-left: 6px solid var(--ok); background: var(--ok-bg); padding: .7rem 1rem; margin: 1rem 0; border-radius: 0 6px 6px 0; page-break-inside: avoid; break-inside: avoid; }
.callout.none { border-left-color: var(--worse); background: var(--worse-bg); }
.callout .big { font-size: 1.3rem; font-weight: 700; margin: 0 0 .2rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .7rem; margin: 1rem 0; }
.card { border: 1px solid var(--rule); border-top: 4px solid var(--accent); border-radius: 6px; padding: .55rem .75rem; page-break-inside: avoid; break-inside: avoid; }
.card-label { font-size: .85rem; color: var(--muted); }
.card-value { font-size: 1.45rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.card-unit { font-size: .8rem; font-weight: 400; color: var(--muted); }
figure { margin: 1.2rem 0 1.6rem; padding: 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: .9rem; color: var(--ink); margin-top: .45rem; }
figure.missing { border: 1px dashed var(--rule); padding: .8rem 1rem; }
p.missing { margin: 0 0 .3rem; color: var(--worse); font-weight: 600; }
dl.definitions dt { font-weight: 600; margin-top: .5rem; }
dl.definitions dd { margin: 0 0 0 1.2rem; max-width: 48rem; }
.better-dir { color: var(--muted); font-size: .9em; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .6rem; font-size: .85rem; color: var(--muted); }
section.summary { margin: .3rem 0 1rem; font-size: .93rem; line-height: 1.5; }
header:has(+ main > section.summary) { padding-bottom: .4rem; margin-bottom: .6rem; }
header:has(+ main > section.summary) h1 { font-size: 1.5rem; margin: .15rem 0 .25rem; }
header:has(+ main > section.summary) .question { font-size: 1.08rem; margin-bottom: .2rem; }
.summary p, .summary li { max-width: none; }
.summary .designs p { margin: .2rem 0; }
table.headline th, table.headline td { padding: .15rem .5rem; }
.intro .lead { font-size: .92rem; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.summary .designs ul { margin: .2rem 0 .5rem; padding-left: 1.2rem; }
.summary .designs li { margin: .1rem 0; }
.summary h3 { margin: .55rem 0 .25rem; font-size: 1rem; }
.summary .cards { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .5rem; margin: .5rem 0; }
.summary .card { padding: .35rem .6rem; }
.summary .card-value { font-size: 1.3rem; }
.card-note { font-size: .75rem; color: var(--muted); }
.summary .card .ci { white-space: normal; }
@media (max-width: 40rem) { .summary .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
table.headline { font-size: .92rem; }
table.headline td strong { font-size: 1.05em; }
ul.findings { padding-left: 1.2rem; margin: .3rem 0; }
ul.findings li { margin: .2rem 0; max-width: none; }
.summary-note { font-size: .8rem; color: var(--muted); margin: .4rem 0 0; }
details.more { border-top: 1px solid var(--rule); }
details.more > summary { cursor: pointer; padding: .45rem 0; list-style-position: outside; }
details.more > summary h2 { display: inline; font-size: 1.15rem; margin: 0; padding: 0; border: 0; }
details.more[open] > summary { margin-bottom: .4rem; }
p.more-lead { color: var(--muted); font-size: .88rem; margin: 1rem 0 .2rem; }
@page { size: A4; margin: 15mm; }
@media print {
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { display: none; }
  header { padding-bottom: .3rem; margin-bottom: .4rem; }
  h1 { font-size: 15pt; margin: .1rem 0 .2rem; }
  .question { font-size: 11pt; margin: .1rem 0 .3rem; }
  .intro { display: none; }
  section.summary { break-after: page; page-break-after: always; margin: 0; font-size: 9.5pt; }
  .summary .card-value { font-size: 12pt; }
  table.headline { font-size: 8.5pt; }
  p.more-lead { display: none; }
  details.more > summary { list-style: none; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  table.long { page-break-inside: auto; break-inside: auto; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  figure svg { max-height: 235mm; }
}
`;
