// `concat`: {hi, lo} (hi's bits above lo's), read in the node's own format (its width is the sum of
// the operands' widths). Pure wiring: a table address from two fields, or a value from its
// constant top bits and a table holding only the bits that vary.

import { width } from '../../fixedpoint/index.js';
import type { BitSource, OpDef } from './types.js';
import { ones } from './bits.js';
import { p2 } from './spell.js';

export const CONCAT: OpDef<'concat'> = {
  kind: 'concat', costClass: 'mux',
  evaluate(n, a, fa) {
    const wl = width(fa[1]!);
    const code = (BigInt.asUintN(width(fa[0]!), a[0]!) << BigInt(wl)) | BigInt.asUintN(wl, a[1]!);
    return n.fmt.signed ? BigInt.asIntN(width(n.fmt), code) : code;
  },
  js(n, a, fa) {
    const v = `v${n.id}`;
    const wh = width(fa[0]!);
    const wl = width(fa[1]!);
    const u = (e: string, w: number) => (fa[0]!.signed || fa[1]!.signed ? `((${e} % ${p2(w)}) + ${p2(w)}) % ${p2(w)}` : e);
    const out = [`let ${v} = ${u(a[0]!, wh)} * ${p2(wl)} + ${u(a[1]!, wl)};`];
    if (n.fmt.signed) out.push(`if (${v} >= ${p2(wh + wl - 1)}) ${v} -= ${p2(wh + wl)};`);
    return out;
  },
  verilog: (_n, a, _fa, out) => [`assign ${out} = {${a[0]}, ${a[1]}};`],
  delay: () => 0,
  bits(n, fa, src) {
    const wl = width(fa[1]!);
    const bits: BitSource[] = [];
    for (let k = 0; k < width(n.fmt); k++) bits.push(k < wl ? src(n.args[1]!, k) : src(n.args[0]!, k - wl));
    return { bits, alias: true };
  },
  reads: (_n, _u, fa) => fa.map((f) => ones(width(f))),
  area: () => ({ parts: [] }),
  simpleCost: () => 0,
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};
