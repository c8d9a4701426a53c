// Multipliers as Yosys builds them: the $mul cell wreduce leaves (operand widths, result width up to
// the highest bit read), tiled onto DSPs by mul2dsp's rules, and soft (LUT) products costed from
// maccmap's partial-product array as ABC maps it (fitted to isolated Yosys runs of each shape).

import { width } from '../fixedpoint/index.js';
import type { Datapath, Node } from '../datapath/index.js';
import { topBit, type BitView } from './bits.js';
import type { MulCell } from './dsp.js';

/** A multiplier node as the cell Yosys sees, with what ABC can exploit. */
export interface MulShape extends MulCell {
  /** Both operands are the same signal (x*x): ABC shares the symmetric partial products. */
  readonly square: boolean;
  /** The constant operand's value when one operand is a constant (shift-and-add). */
  readonly constant?: bigint;
  /** The other operand's width when one is constant. */
  readonly varWidth: number;
  /** Operand widths and signedness as the datapath has them (before sign padding). */
  readonly raw: readonly [{ readonly w: number; readonly signed: boolean }, { readonly w: number; readonly signed: boolean }];
}

/** Operand width after wreduce: known-zero top bits of an unsigned operand are dropped. */
function operandWidth(dp: Datapath, v: BitView, id: number): number {
  const f = dp.nodes[id]!.fmt;
  let w = width(f);
  if (f.signed) return w;
  const src = v.source[id]!;
  while (w > 1) {
    const s = src[w - 1]!;
    if (!('value' in s) || s.value !== 0) break;
    w--;
  }
  return w;
}

/** The $mul cell of a square or mul node (undefined when nothing reads it). */
export function mulShape(dp: Datapath, v: BitView, n: Node): MulShape | undefined {
  if ((n.op !== 'mul' && n.op !== 'square') || v.used[n.id] === 0n) return undefined;
  const args = n.op === 'square' ? [n.args[0]!, n.args[0]!] : [n.args[0]!, n.args[1]!];
  const signed = args.some((a) => dp.nodes[a]!.fmt.signed);
  const ws = args.map((a) => operandWidth(dp, v, a) + (signed && !dp.nodes[a]!.fmt.signed ? 1 : 0));
  const y = Math.min(topBit(v.used[n.id]!) + 1, ws[0]! + ws[1]!);
  const ci = args.findIndex((a) => dp.nodes[a]!.op === 'const');
  const c = ci >= 0 ? dp.nodes[args[ci]!]! : undefined;
  const raw = args.map((a) => ({ w: operandWidth(dp, v, a), signed: dp.nodes[a]!.fmt.signed })) as unknown as MulShape['raw'];
  const base = { a: ws[0]!, b: ws[1]!, signed, y, square: n.op === 'square' || args[0] === args[1], raw };
  if (c !== undefined && c.op === 'const') return { ...base, constant: c.valueRaw, varWidth: ws[1 - ci]! };
  return { ...base, varWidth: Math.max(ws[0]!, ws[1]!) };
}

const ones = (v: bigint): number => v.toString(2).split('').filter((c) => c === '1').length;

/** Partial-product bits in the result columns below `y` of an a x b array. */
export function partialProducts(a: number, b: number, y: number): number {
  let n = 0;
  for (let i = 0; i < a; i++) n += Math.max(0, Math.min(b, y - i));
  return n;
}

/**
 * LUT4s and carries of a soft product on iCE40 (maccmap + abc9). Fitted on isolated products:
 * unsigned a x b ~ 2.9ab - 4.8 max(a, b); each signed operand adds about a + b; a square
 * shares its symmetric terms (about 2.5 w^2 - 5w signed, 2 w^2 - 5w unsigned); a constant operand
 * leaves a carry-save tree of 2 LUTs per bit per extra set bit plus one final adder. Columns above
 * the highest bit read are not built.
 */
export function softMulIce40(m: MulShape): { lut: number; carry: number } {
  if (m.constant !== undefined) {
    const k = ones(m.constant);
    const len = m.constant.toString(2).length;
    if (k <= 1) return { lut: 0, carry: 0 };
    const adder = Math.min(m.y, m.varWidth + len);
    return { lut: 2 * m.varWidth * Math.max(0, k - 2) + adder, carry: adder };
  }
  const [p, q] = m.raw;
  const a = Math.max(p.w, q.w);
  const b = Math.min(p.w, q.w);
  const signs = (p.signed ? 1 : 0) + (q.signed ? 1 : 0);
  let lut: number;
  if (m.square) lut = m.signed ? 2.5 * a * a - 5 * a : 2 * a * a - 5 * a;
  else lut = 2.9 * a * b - 4.8 * a + signs * (a + b);
  const full = partialProducts(a, b, a + b);
  const kept = partialProducts(a, b, m.y);
  return { lut: Math.max(0, (lut * kept) / full), carry: Math.max(0, Math.min(m.y, a + b) - 6) };
}
