// `normExp`: e = floor(log2(t) / 2) for t >= 1 (leading-one detection), 0 for t < 1, clamped to the
// node format's largest value. Verilog: a priority chain from the top bit of t.

import { width, type Format } from '../../fixedpoint/index.js';
import type { Datapath } from '../types.js';
import type { OpDef } from './types.js';
import { bitRange, ones } from './bits.js';
import { lit, maxOfBits } from './spell.js';

const maxE = (f: Format) => maxOfBits(width(f));

/** Distinct values of a normExp result (its one-hot width once Yosys's fsm pass re-encodes the register). */
export function normExpStates(dp: Datapath, id: number): number {
  const n = dp.nodes[id]!;
  const t = dp.nodes[n.args[0]!]!.fmt;
  const values = new Set<number>([0]);
  for (let i = t.frac + 2; i < width(t); i++) values.add(Math.min(maxE(n.fmt), (i - t.frac) >> 1));
  return values.size;
}

export const NORM_EXP: OpDef<'normExp'> = {
  kind: 'normExp', costClass: 'mux',
  evaluate(n, a, fa) {
    const t = a[0]!;
    if (t <= 0n) return 0n;
    const p = t.toString(2).length - 1 - fa[0]!.frac; // floor(log2(t))
    const e = p > 0 ? p >> 1 : 0;
    return BigInt(Math.min(e, maxE(n.fmt)));
  },
  js(n, a, fa) {
    const v = `v${n.id}`;
    const t = a[0]!;
    return [
      `const ${v}b = ${t} >= 4294967296 ? 64 - Math.clz32(${t} / 4294967296) : 32 - Math.clz32(${t});`,
      `const ${v}p = ${v}b - 1 - ${fa[0]!.frac};`,
      `const ${v} = ${v}p > 0 ? Math.min(${v}p >> 1, ${maxE(n.fmt)}) : 0;`,
    ];
  },
  verilog(n, a, fa, out) {
    // Leading-one detection: e = floor((position - frac) / 2), a priority chain from the top bit.
    const w = width(n.fmt);
    const tf = fa[0]!.frac;
    let expr = lit(w, 0n);
    for (let i = tf + 2; i < width(fa[0]!); i++) expr = `${a[0]}[${i}] ? ${lit(w, BigInt(Math.min(maxE(n.fmt), (i - tf) >> 1)))} : ${expr}`;
    return [`assign ${out} = ${expr};`];
  },
  delay: (n, dp, t) => t.delay.lut * Math.ceil(Math.log2(Math.max(2, width(dp.nodes[n.args[0]!]!.fmt)))),
  bits: (n) => ({ bits: Array.from({ length: width(n.fmt) }, (_, k) => ({ root: n.id, bit: k })), alias: false }),
  reads: (_n, _u, fa) => [bitRange(fa[0]!.frac + 2, width(fa[0]!) - 1, width(fa[0]!))],
  area(n, { dp, target }) {
    // A priority encoder over the bits of t above its fraction.
    const t = dp.nodes[n.args[0]!]!.fmt;
    const p = Math.max(0, width(t) - t.frac - 2);
    return { parts: [{ cls: 'mux', lut: Math.ceil((target.lutInputs === 4 ? 0.6 : 0.4) * p), carry: 0 }] };
  },
  simpleCost: (_n, fa) => width(fa[0]!) * 1.5,
  significantBits: (n) => width(n.fmt),
  foldedResetBits: (n) => ones(width(n.fmt)),
};
