// `slice`: bits [lo + w - 1 : lo] of the operand's two's-complement code (sign- or zero-extended
// above its top), some of them inverted (`invert`, a mask over the slice), read in the node's own
// format (w = its width; signed or not). Table addresses and polynomial offsets are slices; an
// inverted top bit turns an unsigned offset into a centered signed one. Wiring, but for inverters.

import { width } from '../../fixedpoint/index.js';
import type { BitSource, NodeOf, OpDef } from './types.js';
import { bitRange } from './bits.js';
import { lit, p2 } from './spell.js';

type Slice = NodeOf<'slice'>;

/** The operand bit slice bit k reads ('sign' extension, 'zero' fill, or an index). */
function operandBit(n: Slice, wa: number, signed: boolean, k: number): number | 'zero' {
  const i = n.lo + k;
  if (i < wa) return i;
  return signed ? wa - 1 : 'zero';
}

const inverted = (n: Slice, k: number) => ((n.invert >> BigInt(k)) & 1n) === 1n;

export const SLICE: OpDef<'slice'> = {
  kind: 'slice', costClass: 'mux',
  evaluate(n, a) {
    const w = width(n.fmt);
    const code = BigInt.asUintN(w, a[0]! >> BigInt(n.lo)) ^ n.invert;
    return n.fmt.signed ? BigInt.asIntN(w, code) : code;
  },
  js(n, a) {
    const v = `v${n.id}`;
    const w = width(n.fmt);
    const out = [`let ${v} = Math.floor(${a[0]} / ${p2(n.lo)}) % ${p2(w)};`, `if (${v} < 0) ${v} += ${p2(w)};`];
    for (let k = 0; k < w; k++) if (inverted(n, k)) out.push(`${v} += Math.floor(${v} / ${p2(k)}) % 2 === 1 ? -${p2(k)} : ${p2(k)};`);
    if (n.fmt.signed) out.push(`if (${v} >= ${p2(w - 1)}) ${v} -= ${p2(w)};`);
    return out;
  },
  verilog(n, a, fa, out) {
    const w = width(n.fmt);
    const wa = width(fa[0]!);
    // The operand bit of each slice bit, top first, then runs: a[hi:lo], {k{a[top]}}, k'b0.
    const src = Array.from({ length: w }, (_, i) => operandBit(n, wa, fa[0]!.signed, w - 1 - i));
    const parts: string[] = [];
    for (let i = 0; i < w;) {
      const b = src[i]!;
      let j = i + 1;
      if (b === 'zero') {
        while (j < w && src[j] === 'zero') j++;
        parts.push(`${j - i}'b0`);
      } else if (src[j] === b) {
        while (j < w && src[j] === b) j++;
        parts.push(`{${j - i}{${a[0]}[${b}]}}`);
      } else {
        while (j < w && src[j] === (src[j - 1] as number) - 1) j++;
        parts.push(j - i === 1 ? `${a[0]}[${b}]` : `${a[0]}[${b}:${src[j - 1]}]`);
      }
      i = j;
    }
    const bits = parts.length === 1 ? parts[0]! : `{${parts.join(', ')}}`;
    return [`assign ${out} = ${n.invert === 0n ? bits : `${bits} ^ ${lit(w, n.invert)}`};`];
  },
  delay: () => 0,
  bits(n, fa, src) {
    const wa = width(fa[0]!);
    const bits: BitSource[] = [];
    for (let k = 0; k < width(n.fmt); k++) {
      const b = operandBit(n, wa, fa[0]!.signed, k);
      if (inverted(n, k)) bits.push({ root: n.id, bit: k });
      else bits.push(b === 'zero' ? { value: 0 } : src(n.args[0]!, b));
    }
    return { bits, alias: n.invert === 0n };
  },
  reads(n, u, fa) {
    const wa = width(fa[0]!);
    let m = 0n;
    for (let k = 0; k < width(n.fmt); k++) {
      if (((u >> BigInt(k)) & 1n) === 0n) continue;
      const b = operandBit(n, wa, fa[0]!.signed, k);
      if (b !== 'zero') m |= 1n << BigInt(b);
    }
    return [m & bitRange(0, wa - 1, wa)];
  },
  // Inverters fold into the LUTs that read them.
  area: () => ({ parts: [] }),
  simpleCost: () => 0,
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};
