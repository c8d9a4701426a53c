// Hard-multiplier tiling as Yosys does it: the $mul cell as wreduce leaves it (operand and result
// widths), then mul2dsp's rules (minimum sizes, the device's DSP shape, slicing of wider operands
// into partial products summed in the fabric). Soft products stay in LUTs.

import type { DspRules } from '../../targets/index.js';

/** A $mul cell after wreduce: operand widths (including a sign bit where signed), result width. */
export interface MulCell {
  readonly a: number;
  readonly b: number;
  readonly signed: boolean;
  readonly y: number;
}

/** What a $mul becomes: hard tiles, soft (LUT) products, and fabric adders summing slices. */
export interface Tiling {
  readonly dsp: number;
  readonly soft: readonly MulCell[];
  /** Widths of the adders that sum partial products. */
  readonly adders: readonly number[];
}

const EMPTY: Tiling = { dsp: 0, soft: [], adders: [] };
const join = (...ts: Tiling[]): Tiling => ({
  dsp: ts.reduce((s, t) => s + t.dsp, 0),
  soft: ts.flatMap((t) => t.soft),
  adders: ts.flatMap((t) => t.adders),
});

/**
 * Tiles one $mul cell by mul2dsp's rules; with `rules` undefined every product is soft. The cell's
 * operands are swapped so that A is the wider; the slices of a split cell keep their order (mul2dsp
 * swaps only at the top: an 18 x 24 slice of a 31 x 24 product on DSP48E1 splits B into two
 * blocks, measured with Yosys 0.55).
 */
export function tileMul(m: MulCell, rules: DspRules | undefined, slice = false): Tiling {
  if (m.a <= 0 || m.b <= 0 || m.y <= 0) return EMPTY;
  if (rules === undefined) return { dsp: 0, soft: [m], adders: [] };
  if (m.a < rules.aMin || m.b < rules.bMin || m.y < rules.yMin) return { dsp: 0, soft: [m], adders: [] };
  if (rules.signedOnly && !m.signed) return tileMul({ a: m.a + 1, b: m.b + 1, signed: true, y: m.y }, rules, slice);
  if (m.a < m.b && !slice) return tileMul({ a: m.b, b: m.a, signed: m.signed, y: m.y }, rules);
  const head = rules.signedOnly ? 1 : 0;
  if (m.a > rules.aMax) return split(m.a, m.b, rules.aMax, rules.aPartial, head, m, rules, (x, w) => ({ ...m, a: x, b: m.b, y: w }));
  if (m.b > rules.bMax) return split(m.b, m.a, rules.bMax, rules.bPartial, head, m, rules, (x, w) => ({ ...m, a: m.a, b: x, y: w }));
  return { dsp: 1, soft: [], adders: [] };
}

/** mul2dsp's slicing of the wide operand `wide` (the other is `other`). */
function split(wide: number, other: number, max: number, partial: number, head: number, m: MulCell, rules: DspRules,
  cell: (sliceWidth: number, y: number) => MulCell): Tiling {
  const n = Math.floor((wide - max + partial - head - 1) / (partial - head));
  const partialY = Math.min(m.y, other + partial);
  const lastWidth = wide - n * (partial - head);
  const parts: Tiling[] = [];
  // The slices are unsigned (a zero sign bit where signed-only); the last keeps the sign.
  for (let i = 0; i < n; i++) parts.push(tileMul({ ...cell(partial, partialY), signed: head === 1 ? true : m.signed }, rules, true));
  parts.push(tileMul(cell(lastWidth, other + lastWidth), rules, true));
  const adders = Array.from({ length: n }, () => m.y);
  return join(...parts, { dsp: 0, soft: [], adders });
}
