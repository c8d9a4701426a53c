// A built-in single-stroke font for machines with no font at all: Skia then draws every label
// blank and measures it as 0 wide. Glyphs are polylines on a 4 x 6 grid (y up, baseline 0);
// lowercase is drawn as small capitals, anything else unknown as a box. Crude, but legible, and
// the same on every machine.

/** Polylines "x,y x,y ...", separated by "|". */
const GLYPHS: Readonly<Record<string, string>> = {
  '0': '0,0 4,0 4,6 0,6 0,0|0,0 4,6', '1': '1,5 2,6 2,0|1,0 3,0', '2': '0,5 1,6 3,6 4,5 4,4 0,0 4,0',
  '3': '0,6 4,6 2,4 3,4 4,3 4,1 3,0 1,0 0,1', '4': '3,0 3,6 0,2 4,2', '5': '4,6 0,6 0,3 3,3 4,2 4,1 3,0 0,0',
  '6': '4,6 1,6 0,5 0,1 1,0 3,0 4,1 4,2 3,3 0,3', '7': '0,6 4,6 1,0',
  '8': '1,3 0,4 0,5 1,6 3,6 4,5 4,4 3,3 1,3 0,2 0,1 1,0 3,0 4,1 4,2 3,3', '9': '4,3 1,3 0,4 0,5 1,6 3,6 4,5 4,1 3,0 0,0',
  A: '0,0 0,4 2,6 4,4 4,0|0,3 4,3', B: '0,0 0,6 3,6 4,5 4,4 3,3 0,3|3,3 4,2 4,1 3,0 0,0', C: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1',
  D: '0,0 0,6 3,6 4,5 4,1 3,0 0,0', E: '4,6 0,6 0,0 4,0|0,3 3,3', F: '4,6 0,6 0,0|0,3 3,3',
  G: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1 4,3 2,3', H: '0,0 0,6|4,0 4,6|0,3 4,3', I: '1,6 3,6|2,6 2,0|1,0 3,0',
  J: '4,6 4,1 3,0 1,0 0,1', K: '0,0 0,6|4,6 0,2|1,3 4,0', L: '0,6 0,0 4,0', M: '0,0 0,6 2,3 4,6 4,0', N: '0,0 0,6 4,0 4,6',
  O: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0', P: '0,0 0,6 3,6 4,5 4,4 3,3 0,3', Q: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0|2,2 4,0',
  R: '0,0 0,6 3,6 4,5 4,4 3,3 0,3|2,3 4,0', S: '4,5 3,6 1,6 0,5 0,4 1,3 3,3 4,2 4,1 3,0 1,0 0,1', T: '0,6 4,6|2,6 2,0',
  U: '0,6 0,1 1,0 3,0 4,1 4,6', V: '0,6 2,0 4,6', W: '0,6 1,0 2,3 3,0 4,6', X: '0,0 4,6|0,6 4,0', Y: '0,6 2,3 4,6|2,3 2,0',
  Z: '0,6 4,6 0,0 4,0', '.': '2,0 2,0.3', ',': '2,0.5 1.5,-1', '-': '0.5,3 3.5,3', '+': '0,3 4,3|2,1 2,5',
  '(': '3,7 2,6 1,4 1,2 2,0 3,-1', ')': '1,7 2,6 3,4 3,2 2,0 1,-1', '[': '3,7 1,7 1,-1 3,-1', ']': '1,7 3,7 3,-1 1,-1',
  '/': '0,-1 4,7', ':': '2,1 2,1.3|2,4 2,4.3', '=': '0,2 4,2|0,4 4,4', _: '0,-1 4,-1', '^': '1,4 2,6 3,4',
  '<': '4,5 0,3 4,1', '>': '0,5 4,3 0,1', "'": '2,6 2,4', '"': '1,6 1,4|3,6 3,4', '!': '2,6 2,2|2,0 2,0.3',
  '?': '0,5 1,6 3,6 4,5 4,4 2,3 2,2|2,0 2,0.3', '*': '2,1 2,5|0,2 4,4|0,4 4,2', '#': '1,0 1,6|3,0 3,6|0,2 4,2|0,4 4,4',
  '%': '0,0 4,6|0.5,5 0.5,5.3|3.5,0.7 3.5,1', ' ': '',
};
const BOX = '0,0 4,0 4,6 0,6 0,0';

type Poly = readonly (readonly [number, number])[];
const parsed = new Map<string, readonly Poly[]>();
function glyph(ch: string): { polys: readonly Poly[]; scaleY: number } {
  const lower = ch >= 'a' && ch <= 'z';
  const key = lower ? ch.toUpperCase() : ch;
  let p = parsed.get(key);
  if (!p) {
    const src = GLYPHS[key] ?? BOX;
    p = src === '' ? [] : src.split('|').map((s) => s.trim().split(/\s+/).map((xy) => xy.split(',').map(Number) as [number, number]));
    parsed.set(key, p);
  }
  return { polys: p, scaleY: lower ? 0.7 : 1 };
}

const ADVANCE = 5.5; // grid units per character
const CAP = 6;

function fontPx(font: string): number {
  const m = /(\d+(?:\.\d+)?)px/.exec(font);
  return m ? Number(m[1]) : 10;
}

/** Width in pixels of `text` in the stroke font at a CSS font string's size. */
export function strokeTextWidth(text: string, font: string): number {
  const unit = (fontPx(font) * 0.7) / CAP;
  return [...text].length * ADVANCE * unit;
}

/** The subset of a 2D context the stroke font reads and draws with. */
interface Ctx2D {
  font: string;
  textAlign: string;
  textBaseline: string;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
}

/** Draws text like fillText (font size, textAlign, textBaseline, fillStyle, current transform). */
export function strokeText(ctx: Ctx2D, text: string, x: number, y: number): void {
  const size = fontPx(ctx.font);
  const unit = (size * 0.7) / CAP;
  const w = strokeTextWidth(text, ctx.font);
  const align = ctx.textAlign;
  let left = align === 'center' ? x - w / 2 : align === 'right' || align === 'end' ? x - w : x;
  const cap = CAP * unit;
  const base = ctx.textBaseline;
  const baseline = base === 'top' || base === 'hanging' ? y + cap : base === 'middle' ? y + cap / 2 : base === 'bottom' || base === 'ideographic' ? y - unit : y;
  ctx.save();
  ctx.strokeStyle = ctx.fillStyle;
  ctx.lineWidth = Math.max(1, size / 12);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  for (const ch of text) {
    const { polys, scaleY } = glyph(ch);
    for (const poly of polys) {
      poly.forEach(([gx, gy], i) => {
        const px = left + (gx + 0.75) * unit;
        const py = baseline - gy * scaleY * unit;
        if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      });
    }
    left += ADVANCE * unit;
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * Replaces the context's fillText and measureText with the stroke font (only this context). Used
 * when no font is installed, where Skia would draw nothing.
 */
export function useStrokeFont(ctx: object): void {
  const c = ctx as Ctx2D & { fillText: unknown; measureText: unknown };
  c.fillText = (text: string, x: number, y: number) => strokeText(c, String(text), x, y);
  c.measureText = (text: string) => {
    const width = strokeTextWidth(String(text), c.font);
    const size = fontPx(c.font) * 0.7;
    return { width, actualBoundingBoxLeft: 0, actualBoundingBoxRight: width, actualBoundingBoxAscent: size, actualBoundingBoxDescent: size / 6, fontBoundingBoxAscent: size, fontBoundingBoxDescent: size / 6 };
  };
}
