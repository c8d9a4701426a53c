// `square` and `mul`: exact products. Area follows Yosys: the $mul cell wreduce leaves (operand
// widths, result width up to the highest bit read), tiled onto the device's DSP blocks by mul2dsp's
// rules, and soft (LUT) products costed from maccmap's partial-product array as ABC maps it
// (fitted to isolated Yosys runs of each shape).

import { width } from '../../fixedpoint/index.js';
import type { Datapath, Node } from '../types.js';
import type { AreaContext, AreaPart, BitView, NodeOf, OpArea, OpDef } from './types.js';
import { bitRange, topBit } from './bits.js';
import { ext } from './spell.js';
import { adderDelay } from './timing.js';
import { tileMul, type MulCell } from './dsp-tiling.js';
import { TARGETS, type Target } from '../../targets/index.js';
import type { Spec } from '../../spec/index.js';

type Product = NodeOf<'square'> | NodeOf<'mul'>;

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

/**
 * Whether a spec's products stay in LUTs on a device with DSP blocks: the objective no-dsp, or a
 * budget of 0 DSPs. Their Verilog is then a sum of partial products (each a shifted operand ANDed
 * with one bit of the other), which no synthesis flow maps to a DSP block; the area model and the
 * delay model price them as LUT multipliers.
 */
export function softProducts(spec: Pick<Spec, 'device' | 'objective' | 'maxDsp'>): boolean {
  return TARGETS[spec.device].dsp !== undefined && (spec.objective === 'no-dsp' || spec.maxDsp === 0);
}

/** The widest narrower operand of a product that fabricProducts spells as partial-product sums. */
const FABRIC_SUM_MAX_BITS = 7;

/**
 * The products a LUT4 device (iCE40) computes in its fabric although the spec lets synthesis use DSP
 * blocks (every product on a device without them; one below the block's minimum widths, as a small
 * Horner product beside a DSP block) and that are spelled as partial-product sums, as softProducts'
 * are: signed products whose narrower operand has at most 7 bits. There ABC maps the sums in fewer
 * LUTs than Yosys's own soft multiplier (Yosys 0.55 synth_ice40, registered products alone: 3x5
 * 29 -> 26 LUTs, 5x12 137 -> 119, 7x12 214 -> 196, 11x5 118 -> 112; in the ISRLU sQ3.12 no-bram
 * 1-DSP quadratic, 172 -> 168 for the whole core). Wider or unsigned products keep the $mul
 * spelling, which maps smaller there (8x8 signed 148 vs 163, 10x10 signed 253 vs 275, 7x7 unsigned
 * 103 vs 118); hw-tests/fabric-products.test.ts synthesizes both spellings.
 */
export function fabricProducts(dp: Datapath, v: BitView, target: Target): Set<number> {
  const out = new Set<number>();
  if (target.lutInputs !== 4 || softProducts(dp.spec)) return out;
  for (const n of dp.nodes) {
    if (n.op !== 'mul' || n.args[0] === n.args[1] || n.args.some((a) => dp.nodes[a]!.op === 'const')) continue;
    const m = mulShape(dp, v, n);
    if (m === undefined || !m.signed || Math.min(m.raw[0].w, m.raw[1].w) > FABRIC_SUM_MAX_BITS) continue;
    if (target.dsp === undefined || tileMul(m, target.dsp).dsp === 0) out.add(n.id);
  }
  return out;
}

/** Whether the design itself puts this product in LUTs (a small Horner product beside a DSP block). */
export const softNode = (n: Node): boolean => (n.op === 'mul' || n.op === 'square') && n.soft === true;

/** Whether one product is in LUTs: every product of a softProducts spec, and a soft node. */
export function softProduct(spec: Pick<Spec, 'device' | 'objective' | 'maxDsp'>, n: Node): boolean {
  return softProducts(spec) || softNode(n);
}

/**
 * The Verilog of an exact product of `w` bits as partial products: the narrower operand is taken
 * bit by bit, the other extended to w bits and shifted (a constant operand folds the terms away);
 * a signed operand's top bit weighs -2^(b-1). Modulo 2^w this is the product itself.
 */
function softProductVerilog(out: string, w: number, ops: readonly { e: string; w: number; signed: boolean }[]): string[] {
  const [p, q] = ops[1]!.w <= ops[0]!.w ? [ops[0]!, ops[1]!] : [ops[1]!, ops[0]!];
  const x = `${out}__x`;
  const terms: string[] = [];
  for (let i = 0; i < q.w && i < w; i++) {
    const t = `((${x} << ${i}) & {${w}{${q.e}[${i}]}})`;
    terms.push(i === q.w - 1 && q.signed ? `- ${t}` : `${terms.length ? '+ ' : ''}${t}`);
  }
  if (terms[0]!.startsWith('- ')) terms[0] = `${w}'d0 ${terms[0]}`;
  return [`wire [${w - 1}:0] ${x};`, `assign ${x} = ${ext(p.e, p.w, w, p.signed)};`, `assign ${out} = ${terms.join(' ')};`];
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

/** A soft product of a tile that mul2dsp left in the fabric (its operands taken as unsigned). */
function cellShape(c: MulCell): MulShape {
  return { a: c.a, b: c.b, signed: c.signed, y: c.y, square: false, varWidth: Math.max(c.a, c.b), raw: [{ w: c.a, signed: c.signed }, { w: c.b, signed: c.signed }] };
}

/** Soft product cost on a fabric; a LUT6 holds about twice a LUT4's product logic. */
function softMul(m: MulShape, lutInputs: 4 | 6): { lut: number; carry: number } {
  const c = softMulIce40(m);
  return lutInputs === 4 ? c : { lut: c.lut * 0.5, carry: Math.ceil(c.carry / 4) };
}

function area(n: Product, { dp, view, target }: AreaContext): OpArea {
  const m = mulShape(dp, view, n)!;
  const t = tileMul(m, softProduct(dp.spec, n) ? undefined : target.dsp);
  let lut = 0;
  let carry = 0;
  for (const s of t.soft) {
    const c = softMul(t.dsp === 0 ? m : cellShape(s), target.lutInputs);
    lut += c.lut;
    carry += c.carry;
  }
  const parts: AreaPart[] = [{ cls: 'soft', lut, carry, dsp: t.dsp }];
  // Partial products are summed in the fabric on LUT4 devices; 7-series cascades them in the DSPs.
  const sums = t.adders.reduce((a, w) => a + Math.max(0, w - (target.dsp?.aPartial ?? 0)), 0);
  if (target.lutInputs === 4) parts.push({ cls: 'adder', lut: sums, carry: sums });
  // Registers go into the DSP of a single-tile product; on some devices every slice takes its own.
  const dspRegisters = t.dsp >= 1 && ((t.dsp === 1 && t.soft.length === 0) || target.dsp?.slicesKeepRegisters === true);
  return { parts, dspRegisters };
}

function makeProduct(kind: 'square' | 'mul'): Omit<OpDef<'square' | 'mul'>, 'kind'> {
  return {
    costClass: 'soft',
    evaluate: (_n, a) => (kind === 'square' ? a[0]! * a[0]! : a[0]! * a[1]!),
    js: (n, a) => [`const v${n.id} = ${a[0]} * ${kind === 'square' ? a[0] : a[1]};`],
    verilog(n, a, fa, out, ctx) {
      const w = width(n.fmt);
      const [x, y] = kind === 'square' ? [a[0]!, a[0]!] : [a[0]!, a[1]!];
      const [fx, fy] = kind === 'square' ? [fa[0]!, fa[0]!] : [fa[0]!, fa[1]!];
      if (ctx.softProducts || softNode(n) || ctx.fabricProducts?.has(n.id)) return softProductVerilog(out, w, [{ e: x, w: width(fx), signed: fx.signed }, { e: y, w: width(fy), signed: fy.signed }]);
      if (fx.signed || fy.signed) return [`assign ${out} = $signed(${ext(x, width(fx), w, fx.signed)}) * $signed(${ext(y, width(fy), w, fy.signed)});`];
      return [`assign ${out} = ${ext(x, width(fx), w, false)} * ${ext(y, width(fy), w, false)};`];
    },
    delay(n, dp, t) {
      const wa = (i: number) => width(dp.nodes[n.args[i]!]!.fmt);
      const [a, b] = kind === 'square' ? [wa(0), wa(0)] : [wa(0), wa(1)];
      if (n.args.some((id) => dp.nodes[id]!.op === 'const')) return adderDelay(t, width(n.fmt)) * 2; // shift-add
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      const dsp = softProduct(dp.spec, n) ? undefined : t.delay.dsp;
      if (dsp) {
        const tiles = Math.ceil(lo / dsp.b) * Math.ceil(hi / dsp.a);
        return dsp.delay + (tiles > 1 ? adderDelay(t, width(n.fmt)) * Math.ceil(Math.log2(Math.max(2, tiles))) : 0);
      }
      // LUT array multiplier: a tree of lg(lo) adders, each as wide as the product.
      return Math.ceil(Math.log2(Math.max(2, lo))) * adderDelay(t, a + b);
    },
    bits: (n) => ({ bits: Array.from({ length: width(n.fmt) }, (_, k) => ({ root: n.id, bit: k })), alias: false }),
    reads: (_n, u, fa) => fa.map((f) => bitRange(0, topBit(u), width(f))),
    area,
    simpleCost(_n, fa, consts) {
      if (kind === 'square') return width(fa[0]!) ** 2 / 2;
      const c = consts.find((v) => v !== undefined);
      if (c !== undefined) {
        const other = fa[consts[0] !== undefined ? 1 : 0]!;
        return (c.toString(2).split('1').length - 2) * width(other); // one adder per extra set bit
      }
      return width(fa[0]!) * width(fa[1]!);
    },
    significantBits: (n) => width(n.fmt),
    foldedResetBits: () => 0n,
  };
}

export const SQUARE: OpDef<'square'> = { kind: 'square', ...makeProduct('square') };
export const MUL: OpDef<'mul'> = { kind: 'mul', ...makeProduct('mul') };
