// `select`: (c, a, b) -> c ? a : b, a and b sharing a format (the ISRLU output multiplexer).

import { width } from '../../fixedpoint/index.js';
import type { BitSource, OpDef } from './types.js';
import { knownBit, popCount } from './bits.js';
import { resizeLogic } from './resize.js';

export const SELECT: OpDef<'select'> = {
  kind: 'select', costClass: 'mux',
  evaluate: (_n, a) => (a[0]! !== 0n ? a[1]! : a[2]!),
  js: (n, a) => [`const v${n.id} = ${a[0]} !== 0 ? ${a[1]} : ${a[2]};`],
  verilog: (_n, a, _fa, out) => [`assign ${out} = ${a[0]} ? ${a[1]} : ${a[2]};`],
  delay: (_n, _dp, t) => t.delay.lut,
  bits(n, _fa, src) {
    const bits: BitSource[] = [];
    for (let k = 0; k < width(n.fmt); k++) {
      const x = knownBit(src(n.args[1]!, k));
      bits.push(x !== undefined && x === knownBit(src(n.args[2]!, k)) ? { value: x } : { root: n.id, bit: k });
    }
    return { bits, alias: false };
  },
  reads: (_n, u) => [1n, u, u],
  area(n, { dp, view: v, target }) {
    // A LUT6 holds a saturation multiplexer and this select together (5 inputs per bit).
    const arm = dp.nodes[n.args[1]!]!;
    const merged = target.lutInputs === 6 && arm.op === 'resize' && !v.alias[arm.id] && v.stage[arm.id] === v.stage[n.id]
      && resizeLogic(arm, dp.nodes[arm.args[0]!]!.fmt).saturate;
    return { parts: [{ cls: 'mux', lut: merged ? 0 : popCount(v.used[n.id]!), carry: 0 }] };
  },
  simpleCost: (n) => width(n.fmt),
  significantBits: (n) => width(n.fmt),
  foldedResetBits(n, _fa, v) {
    let m = 0n;
    for (let j = 0; j < width(n.fmt); j++) if (n.args.slice(1).some((a) => 'value' in v.source[a]![j]!)) m |= 1n << BigInt(j);
    return m;
  },
};
