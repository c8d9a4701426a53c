// `const`: a constant raw value in the node's format (Verilog: a sized literal; liveness: known bits).

import { width } from '../../fixedpoint/index.js';
import type { OpDef } from './types.js';
import { lit } from './spell.js';

export const CONST: OpDef<'const'> = {
  kind: 'const', costClass: 'mux',
  evaluate: (n) => n.valueRaw,
  js: (n) => [`const v${n.id} = ${Number(n.valueRaw)};`],
  verilog: (n, _a, _fa, out) => [`assign ${out} = ${lit(width(n.fmt), n.valueRaw)};`],
  delay: () => 0,
  bits: (n) => {
    const w = width(n.fmt);
    return { bits: Array.from({ length: w }, (_, k) => ({ value: Number((BigInt.asUintN(w, n.valueRaw) >> BigInt(k)) & 1n) as 0 | 1 })), alias: false };
  },
  reads: () => [],
  area: () => ({ parts: [] }),
  simpleCost: () => 0,
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};
