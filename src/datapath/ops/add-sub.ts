// `add` and `sub`: exact sums with the binary points aligned (the result format holds every sum).
// Verilog appends zeros to align, then extends; area is a carry chain over the bits that can change.

import { width, type Format } from '../../fixedpoint/index.js';
import type { Datapath, Node } from '../types.js';
import type { AreaContext, BitSource, BitView, NodeOf, OpDef } from './types.js';
import { bitRange, knownBit, shifted, topBit } from './bits.js';
import { decl, ext, p2 } from './spell.js';
import { adderDelay } from './timing.js';
import { mulShape } from './multiply.js';
import { tileMul } from './dsp-tiling.js';

type AddSub = NodeOf<'add'> | NodeOf<'sub'>;

/** Lowest bit of an operand (aligned to the result) that is not a known zero, or Infinity. */
function firstLiveBit(v: BitView, id: number, shift: number): number {
  const src = v.source[id]!;
  for (let k = 0; k < src.length; k++) {
    const s = src[k]!;
    if (!('value' in s) || s.value !== 0) return k + shift;
  }
  return Infinity;
}

/**
 * The operand of this add that synthesis packs it with into a DSP block (a post-adder: SB_MAC16's
 * accumulator adder, DSP48E1's C input), or -1: a one-block product that nothing else reads, in
 * the product's own segment. (On iCE40 the core spells that product at the add's width, see
 * fusedPostAdds: Yosys packs the adder only when the $mul drives it unextended. A product kept in
 * LUTs takes the add into its own adder tree: free as well.)
 */
export function dspPostAddOperand(n: Node, ctx: Pick<AreaContext, 'dp' | 'view' | 'target'>): number {
  if (n.op !== 'add' || !ctx.target.dsp) return -1;
  const { dp, view: v } = ctx;
  return n.args.findIndex((a) => {
    const p = dp.nodes[a]!;
    if ((p.op !== 'mul' && p.op !== 'square') || v.stage[a] !== v.stage[n.id]) return false;
    if (v.readers[a]!.some((rs) => rs.some((r) => r.node !== n.id))) return false;
    const m = mulShape(dp, v, p);
    if (m === undefined) return false;
    const t = tileMul(m, ctx.target.dsp);
    return t.dsp === 1 && t.soft.length === 0;
  });
}

/** Whether synthesis packs this add into the DSP block of the product it reads. */
const packedIntoDsp = (n: AddSub, ctx: AreaContext): boolean => dspPostAddOperand(n, ctx) >= 0;

/** A carry chain over the bits between the first live operand bit and the top bit read. */
function addArea(n: AddSub, { dp, view: v, target }: AreaContext) {
  const u = v.used[n.id]!;
  const hi = topBit(u);
  const args = n.args.map((a) => ({ id: a, shift: n.fmt.frac - dp.nodes[a]!.fmt.frac, constant: v.source[a]!.every((s) => 'value' in s) }));
  const lo = Math.min(...args.map((a) => firstLiveBit(v, a.id, a.shift)));
  const active = Math.max(0, hi - Math.max(0, lo === Infinity ? hi + 1 : lo) + 1);
  if (active === 0) return { lut: 0, carry: 0 };
  const lut4 = target.lutInputs === 4;
  if (n.op === 'add' && args.some((a) => a.constant)) {
    // An incrementer from the constant's lowest one upwards.
    const c = args.find((a) => a.constant)!;
    const clo = firstLiveBit(v, c.id, c.shift);
    const inc = Math.max(0, hi - Math.max(clo, 0) + 1);
    return lut4 ? { lut: inc, carry: Math.max(0, inc - 2) } : { lut: 1, carry: Math.ceil(inc / 4) };
  }
  // An add of another add's sum (its only reader, same segment): Yosys's alumacc merges the two into
  // one $macc, which maccmap builds as a carry-save layer before the carry chain (measured on a
  // three-table multipartite core: about one more LUT per bit).
  const merged = n.args.some((a) => {
    const q = dp.nodes[a]!;
    return (q.op === 'add' || q.op === 'sub') && v.stage[a] === v.stage[n.id] && v.readers[a]!.every((rs) => rs.every((r) => r.node === n.id));
  });
  const csa = merged ? active : 0;
  if (lut4) return { lut: (n.op === 'sub' ? 2 * active - 3 : active) + csa, carry: Math.max(0, active - 2) };
  return { lut: Math.max(1, active - 2) + csa / 2, carry: Math.ceil(active / 4) };
}

function makeAddSub(kind: 'add' | 'sub'): Omit<OpDef<'add' | 'sub'>, 'kind'> {
  const sign = kind === 'add' ? '+' : '-';
  return {
    costClass: 'arith',
    evaluate(n, a, fa) {
      const x = a[0]! << BigInt(n.fmt.frac - fa[0]!.frac);
      const y = a[1]! << BigInt(n.fmt.frac - fa[1]!.frac);
      return kind === 'add' ? x + y : x - y;
    },
    js: (n, a, fa) => [`const v${n.id} = ${a[0]} * ${p2(n.fmt.frac - fa[0]!.frac)} ${sign} ${a[1]} * ${p2(n.fmt.frac - fa[1]!.frac)};`],
    verilog(n, a, fa, out) {
      // Align binary points by appending zeros, then extend to the result width.
      const w = width(n.fmt);
      const lines: string[] = [];
      const ops = [0, 1].map((i) => {
        const sh = n.fmt.frac - fa[i]!.frac;
        const wa = width(fa[i]!);
        if (sh === 0) return ext(a[i]!, wa, w, fa[i]!.signed);
        const al = `${out}__a${i}`;
        lines.push(decl(al, wa + sh), `assign ${al} = {${a[i]}, ${sh}'b0};`);
        return ext(al, wa + sh, w, fa[i]!.signed);
      });
      lines.push(`assign ${out} = ${ops[0]} ${sign} ${ops[1]};`);
      return lines;
    },
    delay: (n, _dp: Datapath, t) => adderDelay(t, width(n.fmt)),
    bits(n, fa, src) {
      // Ripple the known low bits (alignment zeros, constants) up to the first unknown one.
      const w = width(n.fmt);
      const bits: BitSource[] = [];
      let carry: 0 | 1 | undefined = kind === 'sub' ? 1 : 0;
      for (let k = 0; k < w; k++) {
        const v = [0, 1].map((i) => {
          const f: Format = fa[i]!;
          const s = shifted(k, n.fmt.frac - f.frac, width(f), f.signed);
          const b = knownBit(s === 'zero' ? 'zero' : src(n.args[i]!, s));
          return b === undefined ? undefined : i === 1 && kind === 'sub' ? ((1 - b) as 0 | 1) : b;
        });
        if (carry === undefined || v[0] === undefined || v[1] === undefined) { carry = undefined; bits.push({ root: n.id, bit: k }); continue; }
        const s = v[0] + v[1] + carry;
        bits.push((s & 1) === 1 ? { value: 1 } : { value: 0 });
        carry = (s >> 1) as 0 | 1;
      }
      return { bits, alias: false };
    },
    reads: (n, u, fa) => fa.map((f) => bitRange(0, topBit(u) - (n.fmt.frac - f.frac), width(f))),
    area: (n, ctx) => ({ parts: packedIntoDsp(n, ctx) ? [] : [{ cls: 'arith', ...addArea(n, ctx) }] }),
    simpleCost: (n) => width(n.fmt),
    significantBits: (n) => width(n.fmt),
    foldedResetBits: () => 0n,
  };
}

export const ADD: OpDef<'add'> = { kind: 'add', ...makeAddSub('add') };
export const SUB: OpDef<'sub'> = { kind: 'sub', ...makeAddSub('sub') };
