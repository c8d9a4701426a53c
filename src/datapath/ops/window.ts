// `window`: 1 when the operand lies in a power-of-two window of codes, from its top bits alone:
// `ones` (bits [w-1:lo] all 1: x >= -2^lo for a negative x), `zeros` (all 0: 0 <= x < 2^lo), or
// `same` (bits [w-1:lo-1] all equal: -2^(lo-1) <= x < 2^(lo-1)). The comparator in front of a
// saturated tail, so that the tail needs no table rows.

import { width } from '../../fixedpoint/index.js';
import type { NodeOf, OpDef } from './types.js';
import { bitRange, ones } from './bits.js';
import { p2 } from './spell.js';

type Window = NodeOf<'window'>;

/** Lowest operand bit the test reads. */
const from = (n: Window) => (n.kind === 'same' ? n.lo - 1 : n.lo);

export const WINDOW: OpDef<'window'> = {
  kind: 'window', costClass: 'mux',
  evaluate(n, a, fa) {
    const wa = width(fa[0]!);
    const hi = BigInt.asUintN(wa, a[0]!) >> BigInt(from(n));
    const all = ones(wa - from(n));
    if (n.kind === 'zeros') return hi === 0n ? 1n : 0n;
    if (n.kind === 'ones') return hi === all ? 1n : 0n;
    return hi === 0n || hi === all ? 1n : 0n;
  },
  js(n, a, fa) {
    const wa = width(fa[0]!);
    const v = `v${n.id}`;
    const top = p2(wa - from(n));
    const hi = `((Math.floor(${a[0]} / ${p2(from(n))}) % ${top}) + ${top}) % ${top}`;
    const test = n.kind === 'zeros' ? `${v}h === 0` : n.kind === 'ones' ? `${v}h === ${top} - 1` : `(${v}h === 0 || ${v}h === ${top} - 1)`;
    return [`const ${v}h = ${hi};`, `const ${v} = ${test} ? 1 : 0;`];
  },
  verilog(n, a, fa, out) {
    const wa = width(fa[0]!);
    const bits = `${a[0]}[${wa - 1}:${from(n)}]`;
    const test = n.kind === 'zeros' ? `~(|${bits})` : n.kind === 'ones' ? `&${bits}` : `(&${bits}) | ~(|${bits})`;
    return [`assign ${out} = ${test};`];
  },
  delay(n, dp, t) {
    const bits = width(dp.nodes[n.args[0]!]!.fmt) - from(n);
    return t.delay.lut * Math.max(1, Math.ceil(Math.log(Math.max(2, bits)) / Math.log(t.lutInputs)));
  },
  bits: (n) => ({ bits: [{ root: n.id, bit: 0 }], alias: false }),
  reads: (n, _u, fa) => [bitRange(from(n), width(fa[0]!) - 1, width(fa[0]!))],
  area(n, { dp, target }) {
    // A wide AND (and for `same` a wide OR beside it) in a tree of LUTs.
    const bits = width(dp.nodes[n.args[0]!]!.fmt) - from(n);
    const tree = Math.max(1, Math.ceil((bits - 1) / (target.lutInputs - 1)));
    return { parts: [{ cls: 'mux', lut: n.kind === 'same' ? 2 * tree + 1 : tree, carry: 0 }] };
  },
  simpleCost: (n, fa) => (width(fa[0]!) - from(n)) / 3,
  significantBits: () => 1,
  foldedResetBits: () => 0n,
};
