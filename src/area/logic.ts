// LUTs and carry cells of each datapath op, from its kind, its formats and the bits read of it.
// The rules restate how Yosys builds the op's Verilog (verilog.ts) for LUT4 (iCE40) and LUT6
// (7-series) fabrics; the constants come from synthesizing each op alone as a module of its own.

import { width, type Format } from '../fixedpoint/index.js';
import { maxUnsigned, type Datapath, type Node } from '../datapath/index.js';
import { popCount, resizeLogic, topBit, type BitView } from './bits.js';

/** LUT fabric of a target: 4-input (iCE40) or 6-input (7-series). */
export type Fabric = 'lut4' | 'lut6';

export interface LogicCost {
  readonly lut: number;
  readonly carry: number;
}

const ZERO: LogicCost = { lut: 0, carry: 0 };

/** Lowest bit of an operand (aligned to the result) that is not a known zero, or Infinity. */
function firstLiveBit(v: BitView, id: number, shift: number): number {
  const src = v.source[id]!;
  for (let k = 0; k < src.length; k++) {
    const s = src[k]!;
    if (!('value' in s) || s.value !== 0) return k + shift;
  }
  return Infinity;
}

/** An adder or subtractor: a carry chain over the bits between the first live operand bit and the top bit read. */
function addCost(dp: Datapath, v: BitView, n: Node, fabric: Fabric): LogicCost {
  const u = v.used[n.id]!;
  const hi = topBit(u);
  const args = n.args.map((a) => ({ id: a, shift: n.fmt.frac - dp.nodes[a]!.fmt.frac, constant: v.source[a]!.every((s) => 'value' in s) }));
  const lo = Math.min(...args.map((a) => firstLiveBit(v, a.id, a.shift)));
  const active = Math.max(0, hi - Math.max(0, lo === Infinity ? hi + 1 : lo) + 1);
  if (active === 0) return ZERO;
  const withConstant = args.some((a) => a.constant);
  if (n.op === 'add' && withConstant) {
    // An incrementer from the constant's lowest one upwards.
    const c = args.find((a) => a.constant)!;
    const clo = firstLiveBit(v, c.id, c.shift);
    const inc = Math.max(0, hi - Math.max(clo, 0) + 1);
    return fabric === 'lut4' ? { lut: inc, carry: Math.max(0, inc - 2) } : { lut: 1, carry: Math.ceil(inc / 4) };
  }
  if (fabric === 'lut4') return { lut: n.op === 'sub' ? 2 * active - 3 : active, carry: Math.max(0, active - 2) };
  return { lut: Math.max(1, active - 2), carry: Math.ceil(active / 4) };
}

/** Rounding (an incrementer and a sticky OR) and saturation (compares and a multiplexer). */
function resizeCost(n: Node & { op: 'resize' }, from: Format, v: BitView, fabric: Fabric): LogicCost {
  const l = resizeLogic(n, from);
  const nOut = popCount(v.used[n.id]!);
  const d = from.frac - n.fmt.frac;
  const twoSided = from.signed;
  if (l.round && l.saturate) {
    return fabric === 'lut4' ? { lut: 2.4 * nOut + 2, carry: 2 * nOut - 1 } : { lut: 1.9 * nOut + 1, carry: Math.ceil(nOut / 2.5) };
  }
  if (l.round) {
    const sticky = Math.max(0, d - 1);
    return fabric === 'lut4'
      ? { lut: nOut + 1 + Math.ceil(sticky / 3), carry: Math.max(0, nOut - 1) }
      : { lut: 1 + Math.ceil(sticky / 5), carry: Math.ceil(nOut / 4) };
  }
  if (l.saturate) {
    if (twoSided) return fabric === 'lut4' ? { lut: 1.1 * nOut + 1, carry: nOut } : { lut: nOut, carry: 0 };
    return fabric === 'lut4' ? { lut: nOut, carry: 0 } : { lut: nOut + Math.max(0, Math.min(3, nOut - 11)), carry: 0 };
  }
  return ZERO;
}

/**
 * A case-per-exponent shift (normShift, vshr): per result bit, a multiplexer over the distinct
 * operand bits the exponent values select (zero fill counts as one more arm).
 */
function shiftMuxCost(dp: Datapath, v: BitView, n: Node & ({ op: 'normShift' } | { op: 'vshr' }), fabric: Fabric): LogicCost {
  const a = dp.nodes[n.args[0]!]!.fmt;
  const wa = width(a);
  const emax = maxUnsigned(dp.nodes[n.args[1]!]!.fmt);
  const u = v.used[n.id]!;
  let lut = 0;
  for (let j = 0; j <= topBit(u); j++) {
    if (((u >> BigInt(j)) & 1n) === 0n) continue;
    const sources = new Set<string>();
    for (let e = 0; e <= emax; e++) {
      const s = n.op === 'vshr' ? n.factor * (emax - e) : n.fmt.frac - a.frac - 2 * e;
      let i = j - s;
      if (n.op === 'vshr' && i >= wa) i = a.signed ? wa - 1 : -1;
      if (i < 0 || i >= wa) { sources.add('0'); continue; }
      const src = v.source[n.args[0]!]![i]!;
      sources.add('value' in src ? String(src.value) : `${src.root}:${src.bit}`);
    }
    const m = sources.size;
    if (m <= 1) continue;
    lut += fabric === 'lut4' ? (m - 1) * (m > 4 ? 0.9 : 1) : m <= 4 ? 1 : 0.5 * m - 0.5;
  }
  return { lut, carry: 0 };
}

/** Priority encoder of normExp over the bits of t above its fraction. */
function normExpCost(dp: Datapath, n: Node, fabric: Fabric): LogicCost {
  const t = dp.nodes[n.args[0]!]!.fmt;
  const p = Math.max(0, width(t) - t.frac - 2);
  return { lut: Math.ceil((fabric === 'lut4' ? 0.6 : 0.4) * p), carry: 0 };
}

/** LUTs and carries of one logic node (multipliers and tables are costed elsewhere). */
export function nodeLogic(dp: Datapath, v: BitView, n: Node, fabric: Fabric): LogicCost {
  if (v.alias[n.id] || v.used[n.id] === 0n) return ZERO;
  const nOut = popCount(v.used[n.id]!);
  switch (n.op) {
    case 'add':
    case 'sub':
      return addCost(dp, v, n, fabric);
    case 'resize':
      return resizeCost(n, dp.nodes[n.args[0]!]!.fmt, v, fabric);
    case 'normShift':
    case 'vshr':
      return shiftMuxCost(dp, v, n, fabric);
    case 'normExp':
      return normExpCost(dp, n, fabric);
    case 'seedAddr':
      return { lut: Math.max(0, nOut - 1), carry: 0 };
    case 'seedOffset':
      return { lut: nOut, carry: 0 };
    case 'select': {
      // A LUT6 holds a saturation multiplexer and this select together (5 inputs per bit).
      const arm = dp.nodes[n.args[1]!]!;
      const merged = fabric === 'lut6' && arm.op === 'resize' && !v.alias[arm.id] && v.stage[arm.id] === v.stage[n.id]
        && resizeLogic(arm, dp.nodes[arm.args[0]!]!.fmt).saturate;
      return { lut: merged ? 0 : nOut, carry: 0 };
    }
    case 'magicSeed':
      return { lut: (fabric === 'lut4' ? 1.6 : 2.1) * (width(n.fmt)), carry: Math.ceil(width(n.fmt) / (fabric === 'lut4' ? 2 : 4)) };
    default:
      return ZERO;
  }
}

