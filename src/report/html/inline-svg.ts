/** Charts' SVG text made safe to inline in report.html (pure). */
import { esc } from '../html-text.js';

/**
 * An SVG file ready to inline: no XML prolog, doctype or comments, no scripts, event handlers
 * or external references, ids prefixed so that several charts' clip paths and gradients do not
 * collide in one document, and a viewBox so that it scales down with `max-width: 100%`.
 */
export function inlineSvg(text: string, prefix: string, label: string): string {
  let svg = text
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>/gi, '')
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/\s(?:xlink:)?href\s*=\s*("|')(?!#|data:)[^"']*\1/gi, '')
    .replace(/url\(\s*(?!['"]?#)[^)]*\)/gi, 'none')
    .replace(/@import[^;]*;?/gi, '')
    .trim();
  const start = svg.search(/<svg\b/i);
  if (start < 0) return '';
  svg = svg.slice(start);
  const ids = new Set([...svg.matchAll(/\sid\s*=\s*("|')([^"']+)\1/g)].map((m) => m[2]));
  if (ids.size) {
    svg = svg
      .replace(/(\sid\s*=\s*)("|')([^"']+)\2/g, (m, a: string, q: string, id: string) => (ids.has(id) ? `${a}${q}${prefix}-${id}${q}` : m))
      .replace(/url\(\s*['"]?#([^)\s'"]+)['"]?\s*\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m))
      .replace(/((?:xlink:)?href\s*=\s*)("|')#([^"']+)\2/g, (m, a: string, q: string, id: string) => (ids.has(id) ? `${a}${q}#${prefix}-${id}${q}` : m));
  }
  // The root element: a viewBox (so it scales), an accessible name, a class for the CSS.
  svg = svg.replace(/^<svg\b([^>]*)>/i, (_m, attrs: string) => {
    let a = attrs;
    if (!/\sviewBox\s*=/i.test(a)) {
      const w = /\swidth\s*=\s*["']?([\d.]+)(px)?["']?/i.exec(a);
      const h = /\sheight\s*=\s*["']?([\d.]+)(px)?["']?/i.exec(a);
      if (w && h) a += ` viewBox="0 0 ${w[1]} ${h[1]}"`;
    }
    if (!/\srole\s*=/i.test(a)) a += ' role="img"';
    if (!/\saria-label\s*=/i.test(a)) a += ` aria-label="${esc(label)}"`;
    a = /\sclass\s*=\s*"/i.test(a) ? a.replace(/\sclass\s*=\s*"/i, ' class="chart ') : `${a} class="chart"`;
    return `<svg${a}>`;
  });
  return svg;
}
