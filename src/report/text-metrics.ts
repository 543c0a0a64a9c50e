/**
 * Text widths of DejaVu Sans (the charts' font) for vega's text-metrics hook (pure): the SVGs
 * are laid out with these in Node (render.ts) and in the explorer page, so both match.
 */
// Advance widths in em of DejaVu Sans (regular, bold) for printable ASCII and a few symbols the
// charts use.
const GLYPHS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~μσ−÷–—≤≥…·×°±→↑’';
// prettier-ignore
const REGULAR = [
  0.32, 0.403, 0.46, 0.84, 0.638, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.84, 0.32, 0.363, 0.318, 0.338, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638, 0.638,
  0.638, 0.638, 0.338, 0.338, 0.84, 0.84, 0.84, 0.533, 1, 0.71, 0.688, 0.7, 0.77, 0.633, 0.575, 0.775, 0.753, 0.295, 0.295, 0.658, 0.558, 0.863, 0.75, 0.788,
  0.605, 0.788, 0.695, 0.635, 0.595, 0.733, 0.685, 0.99, 0.685, 0.613, 0.685, 0.39, 0.338, 0.39, 0.84, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.345, 0.635,
  0.635, 0.277, 0.277, 0.58, 0.277, 0.975, 0.635, 0.613, 0.635, 0.635, 0.395, 0.523, 0.392, 0.635, 0.593, 0.82, 0.593, 0.593, 0.525, 0.638, 0.338, 0.638, 0.84,
  0.638, 0.635, 0.84, 0.84, 0.5, 1, 0.84, 0.84, 1, 0.32, 0.84, 0.5, 0.84, 0.84, 0.84, 0.32,
];
// prettier-ignore
const BOLD = [
  0.35, 0.458, 0.523, 0.84, 0.698, 1.003, 0.872, 0.308, 0.458, 0.458, 0.525, 0.84, 0.38, 0.415, 0.38, 0.368, 0.698, 0.698, 0.698, 0.698, 0.698, 0.698, 0.698,
  0.698, 0.698, 0.698, 0.4, 0.4, 0.84, 0.84, 0.84, 0.58, 1, 0.775, 0.763, 0.735, 0.83, 0.685, 0.685, 0.823, 0.838, 0.373, 0.373, 0.775, 0.638, 0.995, 0.838,
  0.85, 0.735, 0.85, 0.77, 0.68, 0.705, 0.813, 0.775, 1.105, 0.773, 0.725, 0.725, 0.458, 0.368, 0.458, 0.84, 0.5, 0.5, 0.675, 0.718, 0.595, 0.718, 0.68, 0.405,
  0.718, 0.713, 0.345, 0.345, 0.665, 0.345, 1.043, 0.713, 0.688, 0.718, 0.718, 0.495, 0.595, 0.48, 0.713, 0.653, 0.925, 0.645, 0.653, 0.583, 0.713, 0.368,
  0.713, 0.84, 0.738, 0.78, 0.84, 0.84, 0.5, 1, 0.84, 0.84, 1, 0.38, 0.84, 0.5, 0.84, 0.84, 0.84, 0.38,
];
const WIDTHS = { regular: new Map<string, number>(), bold: new Map<string, number>() };
[...GLYPHS].forEach((c, i) => {
  WIDTHS.regular.set(c, REGULAR[i]);
  WIDTHS.bold.set(c, BOLD[i]);
});

export interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

const isBold = (w: TextItem['fontWeight']) => w === 'bold' || w === 'bolder' || Number(w) >= 600;

/** Width in px of `text` set in DejaVu Sans at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? WIDTHS.bold : WIDTHS.regular;
  let em = 0;
  for (const c of text) em += table.get(c) ?? (bold ? 0.69 : 0.63);
  return em * fontSize;
}

/**
 * vega's text-metrics hook: called with whole texts (for bounds) and with prefixes (while
 * truncating to `limit`); a text is never wider than its limit, since vega truncates it there.
 */
export function dejaVuWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const w = textWidth(text == null ? '' : String(text).trim(), size, isBold(item.fontWeight));
  return Number(item.limit) > 0 ? Math.min(w, Number(item.limit)) : w;
}
