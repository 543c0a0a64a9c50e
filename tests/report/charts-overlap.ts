/**
 * Bounding boxes of the text in a vega SVG, and the pairs that overlap. Widths come from the
 * DejaVu Sans advance widths the renderer lays text out with (render.ts textWidth); heights from
 * the font's cap height and descent. Group and text transforms (translate, rotate, scale,
 * matrix) are composed, so rotated axis titles are boxed where they are drawn.
 */
import { textWidth } from '../../src/report/render.js';

type M = [number, number, number, number, number, number]; // a b c d e f
const I: M = [1, 0, 0, 1, 0, 0];
const mul = (m: M, n: M): M => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

function parseTransform(t: string | undefined): M {
  let m = I;
  if (!t) return m;
  for (const [, op, args] of t.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const v = args
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (op === 'translate') m = mul(m, [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0]);
    else if (op === 'scale') m = mul(m, [v[0], 0, 0, v[1] ?? v[0], 0, 0]);
    else if (op === 'rotate') {
      const a = ((v[0] ?? 0) * Math.PI) / 180;
      const r: M = [Math.cos(a), Math.sin(a), -Math.sin(a), Math.cos(a), 0, 0];
      m = v.length === 3 ? mul(mul(mul(m, [1, 0, 0, 1, v[1], v[2]]), r), [1, 0, 0, 1, -v[1], -v[2]]) : mul(m, r);
    } else if (op === 'matrix') m = mul(m, v as M);
  }
  return m;
}

const attr = (attrs: string, name: string) => attrs.match(new RegExp(`(?:^|\\s)${name}="([^"]*)"`))?.[1];

/** SVG/XML character references and entities decoded. */
export const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export interface TextBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Boxes (in SVG pixels) of every visible line of text. */
export function textBoxes(svg: string): TextBox[] {
  const boxes: TextBox[] = [];
  const stack: M[] = [I];
  const tag = /<(\/?)([a-zA-Z]+)((?:\s+[^\s=>]+="[^"]*")*)\s*(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(svg))) {
    const [, close, name, attrs, selfClose] = m;
    if (name === 'text' && !close) {
      const end = svg.indexOf('</text>', tag.lastIndex);
      const inner = svg.slice(tag.lastIndex, end);
      tag.lastIndex = end + 7;
      if (attr(attrs, 'opacity') === '0' || attr(attrs, 'fill-opacity') === '0' || attr(attrs, 'display') === 'none') continue;
      const size = parseFloat(attr(attrs, 'font-size') ?? '11');
      const weight = attr(attrs, 'font-weight');
      const bold = weight === 'bold' || Number(weight) >= 600;
      const anchor = attr(attrs, 'text-anchor') ?? 'start';
      const matrix = mul(mul(stack[stack.length - 1], parseTransform(attr(attrs, 'transform'))), [
        1,
        0,
        0,
        1,
        Number(attr(attrs, 'x') ?? 0),
        Number(attr(attrs, 'y') ?? 0),
      ]);
      const lines: Array<{ text: string; dy: number }> = [];
      if (/<tspan/.test(inner)) {
        let dy = 0;
        for (const t of inner.matchAll(/<tspan\b([^>]*)>([\s\S]*?)<\/tspan>/g)) {
          dy += parseFloat(attr(t[1], 'dy') ?? '0') || 0;
          lines.push({ text: decode(t[2].replace(/<[^>]+>/g, '')), dy });
        }
      } else lines.push({ text: decode(inner.replace(/<[^>]+>/g, '')), dy: 0 });
      for (const line of lines) {
        const text = line.text.trim();
        if (!text) continue;
        const w = textWidth(line.text, size, bold);
        const x0 = anchor === 'middle' ? -w / 2 : anchor === 'end' ? -w : 0;
        const corners = [
          [x0, line.dy - 0.72 * size],
          [x0 + w, line.dy - 0.72 * size],
          [x0, line.dy + 0.2 * size],
          [x0 + w, line.dy + 0.2 * size],
        ].map(([x, y]) => [matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5]]);
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => c[1]);
        boxes.push({ text, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
      }
      continue;
    }
    if (name !== 'g' && name !== 'svg' && name !== 'a') continue;
    if (close) stack.pop();
    else if (!selfClose) stack.push(mul(stack[stack.length - 1], parseTransform(attr(attrs, 'transform'))));
  }
  return boxes;
}

/** Pairs of text boxes that overlap by more than `tolerance` px in both directions. */
export function overlappingTexts(svg: string, tolerance = 1): Array<[TextBox, TextBox]> {
  const boxes = textBoxes(svg);
  const out: Array<[TextBox, TextBox]> = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (w > tolerance && h > tolerance) out.push([a, b]);
    }
  }
  return out;
}

/** Overlaps as readable lines, for test messages. */
export function describeOverlaps(pairs: Array<[TextBox, TextBox]>): string[] {
  const f = (b: TextBox) => `"${b.text}" [${b.x0.toFixed(0)},${b.y0.toFixed(0)}–${b.x1.toFixed(0)},${b.y1.toFixed(0)}]`;
  return pairs.map(([a, b]) => `${f(a)} overlaps ${f(b)}`);
}
