// Per-target delay model: combinational delay (ns) of each datapath op on iCE40 (multipliers in
// LUTs or in SB_MAC16 blocks) and Xilinx 7-series, from logic levels, carry chains and DSP blocks.
// Rough by design (no placement), but it orders designs correctly and keeps every stage under the
// clock period the user asks for; nextpnr-ice40 gives the measured Fmax where installed.

import { width } from '../fixedpoint/index.js';
import { SYNTH_TARGETS, type SynthTarget } from '../synth/cells.js';
import type { Datapath, Node } from '../datapath/index.js';

/** The targets are the synthesis flows of src/synth (one list for synthesis, delay and area). */
export type DelayTarget = SynthTarget;
export const DELAY_TARGETS: readonly DelayTarget[] = SYNTH_TARGETS;

export interface DelayModel {
  /** One LUT plus its local routing. */
  readonly lut: number;
  /** Per bit of a carry chain. */
  readonly carryBit: number;
  /** Inputs a LUT takes (4 on iCE40, 6 on 7-series). */
  readonly lutInputs: number;
  /** A combinational hard multiplier, or undefined where multipliers are built in LUTs. */
  readonly dsp?: { readonly delay: number; readonly a: number; readonly b: number };
  /** Clock-to-out plus setup of a register: the overhead of every stage. */
  readonly register: number;
  /** The clock `pipeline: "auto"` aims at when the spec sets no clockMHz. */
  readonly defaultClockMHz: number;
}

/**
 * iCE40 fabric numbers are fitted to nextpnr-ice40 0.4 on a UP5K (default core, multipliers in
 * LUTs: 4.5 MHz combinational, 15.5 MHz in 4 stages, both 1.7x slower than a first datasheet-based
 * guess). SB_MAC16 and all Xilinx numbers are datasheet-order guesses: nextpnr does not time paths
 * through SB_MAC16 and no Xilinx timer runs here.
 */
export const DELAY_MODELS: Readonly<Record<DelayTarget, DelayModel>> = {
  'ice40': { lut: 2.4, carryBit: 0.22, lutInputs: 4, register: 2.0, defaultClockMHz: 16 },
  'ice40-dsp': { lut: 2.4, carryBit: 0.22, lutInputs: 4, dsp: { delay: 9.5, a: 16, b: 16 }, register: 2.0, defaultClockMHz: 24 },
  'xilinx': { lut: 0.55, carryBit: 0.03, lutInputs: 6, dsp: { delay: 3.9, a: 25, b: 18 }, register: 0.6, defaultClockMHz: 150 },
};

const lg2 = (v: number) => Math.ceil(Math.log2(Math.max(2, v)));

/** Combinational delay (ns) of node `n` on the target. */
export function nodeDelay(n: Node, dp: Datapath, target: DelayTarget): number {
  const m = DELAY_MODELS[target];
  const argF = (i: number) => dp.nodes[n.args[i]!]!.fmt;
  const wa = (i: number) => width(argF(i));
  const w = width(n.fmt);
  const adder = (bits: number) => m.lut + m.carryBit * bits;
  /** A k-input selection (mux tree or table) in LUT levels. */
  const select = (inputs: number) => m.lut * Math.max(1, Math.ceil(lg2(inputs) / Math.max(1, m.lutInputs - 2)));
  switch (n.op) {
    case 'input': case 'const': case 'shift': case 'bits':
      return 0;
    case 'signBit':
      return 0;
    case 'square': case 'mul': {
      const [a, b] = n.op === 'square' ? [wa(0), wa(0)] : [wa(0), wa(1)];
      const constArg = n.args.some((id) => dp.nodes[id]!.op === 'const');
      if (constArg) return adder(w) * 2; // shift-add
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      if (m.dsp) {
        const tiles = Math.ceil(lo / m.dsp.b) * Math.ceil(hi / m.dsp.a);
        return m.dsp.delay + (tiles > 1 ? adder(w) * lg2(tiles) : 0);
      }
      // LUT array multiplier: a tree of lg(lo) adders, each as wide as the product.
      return lg2(lo) * adder(a + b);
    }
    case 'add': case 'sub':
      return adder(w);
    case 'resize': {
      const round = n.rounding !== 'truncate' && argF(0).frac > n.fmt.frac ? adder(w) : 0;
      const sat = n.overflow === 'saturate' ? adder(w) + m.lut : 0;
      return round + sat;
    }
    case 'normExp':
      return m.lut * lg2(wa(0));
    case 'normShift': case 'vshr':
      return select(2 ** wa(1));
    case 'seedAddr': case 'seedOffset': case 'select':
      return m.lut;
    case 'rom':
      return select(n.table.entries.length);
    case 'magicSeed':
      return adder(w) * 2 + select(4);
  }
}

/** Delay of every node on the target, by id. */
export function nodeDelays(dp: Datapath, target: DelayTarget): number[] {
  return dp.nodes.map((n) => nodeDelay(n, dp, target));
}
