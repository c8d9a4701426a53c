// The area estimate: per-op costs summed over the scheduled datapath plus its pipeline registers,
// for iCE40 (LUT multipliers or SB_MAC16) and Xilinx 7-series, in milliseconds and without Yosys.
// Invariant: every figure is derived from node kinds, formats, tables and the schedule alone.

import { width } from '../fixedpoint/index.js';
import { SYNTH_TARGETS, type SynthTarget } from '../synth/cells.js';
import type { Datapath, FoldedLoop, Node, OpKind } from '../datapath/index.js';
import { bitView, popCount, registerBits, type BitView, type RegisterBit } from './bits.js';
import { tileMul, ICE40_DSP_RULES, XC7_DSP_RULES, type DspRules, type MulCell } from './dsp.js';
import { nodeLogic, type Fabric } from './logic.js';
import { mulShape, softMulIce40, type MulShape } from './mul.js';
import { countRegisters, hasEnable, type RegisterCount } from './registers.js';
import { mapRoms, romLogic, ICE40_BRAM, XC7_BRAM, type BramRules } from './rom.js';

/** Synthesis flows the model follows: synth_ice40, synth_ice40 -dsp, synth_xilinx (7-series). */
export type AreaTarget = SynthTarget;
export const AREA_TARGETS: readonly AreaTarget[] = SYNTH_TARGETS;

/** Resource figures, as `isrlu synth` reports them (src/synth/cells.ts). */
export interface AreaCounts {
  readonly lut: number;
  readonly ff: number;
  readonly carry: number;
  readonly dsp: number;
  readonly memoryBits: number;
}

/** What the model reads of a schedule: the register stages and each node's segment. */
export interface AreaSchedule {
  readonly latency: number;
  readonly stage: readonly number[];
  /** An iterative core: the model prices its folded datapath (see src/datapath/loop.ts). */
  readonly iterative?: { readonly fold: FoldedLoop; readonly steps: number; readonly lanes: number };
}

/** Cost classes, each scaled by a per-target factor fitted on the calibration set. */
export type CostClass = 'soft' | 'adder' | 'rom' | 'romseg' | 'memrom' | 'shift' | 'arith' | 'mux' | 'fold';
export const COST_CLASSES: readonly CostClass[] = ['soft', 'adder', 'rom', 'romseg', 'memrom', 'shift', 'arith', 'mux', 'fold'];

/** One node's share (LUTs before the class factor). */
export interface NodeArea {
  readonly node: string;
  readonly op: string;
  readonly cls: CostClass;
  readonly lut: number;
  readonly carry: number;
  readonly dsp: number;
  readonly memoryBits: number;
}

export interface AreaBreakdown extends AreaCounts {
  readonly target: AreaTarget;
  readonly nodes: readonly NodeArea[];
  readonly registers: RegisterCount;
}

interface TargetModel {
  readonly fabric: Fabric;
  readonly dsp: DspRules | undefined;
  readonly bram: BramRules;
  /**
   * LUTs per unit of each cost class. Per-op costs come from synthesizing each op alone; flat
   * synthesis shares and duplicates logic across op boundaries (ABC maps the whole netlist at
   * once), which these factors absorb (fitted on the calibration set; 'fold' is a saving).
   */
  readonly factors: Readonly<Record<CostClass, number>>;
}

/** The cost class of each logic op (multipliers and tables are classed where they are costed). */
const OP_CLASS: Readonly<Record<OpKind, CostClass>> = {
  input: 'mux', const: 'mux', bits: 'mux', shift: 'mux', signBit: 'mux', select: 'mux', seedAddr: 'mux', seedOffset: 'mux', normExp: 'mux',
  normShift: 'shift', vshr: 'shift', add: 'arith', sub: 'arith', resize: 'arith', magicSeed: 'arith', square: 'soft', mul: 'soft', rom: 'rom',
};

/** Per-op values of the class factors (what each op costs alone); the fit starts from these. */
export const UNIT_FACTORS: Readonly<Record<CostClass, number>> = { soft: 1, adder: 1, rom: 1, romseg: 0, memrom: 3.5, shift: 1, arith: 1, mux: 1, fold: -1 };

// Class factors fitted on the calibration set (calibration.json) by relative least squares,
// reweighted towards the worst config and pulled towards the per-op values (UNIT).
const TARGETS: Readonly<Record<AreaTarget, TargetModel>> = {
  'ice40': {
    fabric: 'lut4', dsp: undefined, bram: ICE40_BRAM,
    factors: { soft: 0.985, adder: 0.557, rom: 0.815, romseg: 0.365, memrom: 3.5, shift: 0.3, arith: 0.71, mux: 0.8, fold: -0.97 },
  },
  'ice40-dsp': {
    fabric: 'lut4', dsp: ICE40_DSP_RULES, bram: ICE40_BRAM,
    factors: { soft: 0.667, adder: 0.557, rom: 0.815, romseg: 0.107, memrom: 3.6, shift: 0.744, arith: 0.845, mux: 1.098, fold: -0.993 },
  },
  'xilinx': {
    fabric: 'lut6', dsp: XC7_DSP_RULES, bram: XC7_BRAM,
    factors: { soft: 1, adder: 0, rom: 0.896, romseg: 0.833, memrom: 1.461, shift: 1.035, arith: 0.912, mux: 1.835, fold: -0.848 },
  },
};

/** Whether a node's value goes only into its first pipeline register (nothing reads it in its own segment). */
function foldsIntoRegister(v: BitView, chains: readonly RegisterBit[], id: number): boolean {
  const s = v.stage[id]!;
  if (v.readers[id]!.some((rs) => rs.some((r) => r.seg === s))) return false;
  return chains.some((c) => c.root === id && c.first === s + 1);
}

/** A soft product of a tile that mul2dsp left in the fabric (its operands taken as unsigned). */
function cellShape(c: MulCell): MulShape {
  return { a: c.a, b: c.b, signed: c.signed, y: c.y, square: false, varWidth: Math.max(c.a, c.b), raw: [{ w: c.a, signed: c.signed }, { w: c.b, signed: c.signed }] };
}

/** Soft product cost on the target's fabric; a LUT6 holds about twice a LUT4's product logic. */
function softMul(m: MulShape, fabric: Fabric): { lut: number; carry: number } {
  const c = softMulIce40(m);
  return fabric === 'lut4' ? c : { lut: c.lut * 0.5, carry: Math.ceil(c.carry / 4) };
}

/** Estimates the area with its per-node breakdown. */
export function estimateAreaDetail(dp: Datapath, sched: AreaSchedule, target: AreaTarget): AreaBreakdown {
  return sched.iterative ? iterativeArea(dp, sched.iterative, target) : pipelinedArea(dp, sched, target);
}

/**
 * An iterative core is its folded datapath scheduled in two segments (state registers after the
 * input side, output register after the unit and output side), plus what the loop adds: a 2:1 mux
 * in front of the loop register, the pass counter and two control bits; times the lanes, plus the
 * round-robin wrapper (two counters and the output multiplexers).
 */
function iterativeArea(dp: Datapath, it: NonNullable<AreaSchedule['iterative']>, target: AreaTarget): AreaBreakdown {
  const f = it.fold;
  const one = pipelinedArea(f.dp, { latency: 2, stage: f.stage }, target);
  const cw = it.steps > 1 ? Math.ceil(Math.log2(it.steps)) : 0;
  // The model sees only the seed's live bits in the loop register; the feedback fills all of it.
  const entry = f.dp.nodes[f.entry]!;
  const loopBits = it.steps > 1 ? width(entry.fmt) : 0;
  const loopFill = it.steps > 1 ? width(entry.fmt) - width(f.dp.nodes[entry.args[0]!]!.fmt) : 0;
  // Every lane computes the input side from the same in_x, and synthesis merges those copies.
  const byName = new Map(f.dp.nodes.map((n) => [n.name, n.id]));
  const inputSide = one.nodes.filter((x) => f.stage[byName.get(x.node)!] === 1);
  const factor = TARGETS[target].factors;
  const share = {
    lut: inputSide.reduce((a, x) => a + factor[x.cls] * x.lut, 0), carry: inputSide.reduce((a, x) => a + x.carry, 0),
    dsp: inputSide.reduce((a, x) => a + x.dsp, 0), memoryBits: inputSide.reduce((a, x) => a + x.memoryBits, 0),
  };
  const P = it.lanes;
  // Measured (Yosys 0.55, 2-lane cores): synth_ice40 -dsp merges the lanes' input-side SB_MAC16s,
  // synth_xilinx keeps one DSP48E1 per lane; the reason is not understood, so it is data here.
  if (target === 'xilinx') share.dsp = 0;
  const per = (k: 'lut' | 'carry' | 'dsp' | 'memoryBits') => share[k] + P * (one[k] - share[k]);
  const rw = P > 1 ? Math.ceil(Math.log2(P)) : 0;
  const outBits = width(dp.spec.output) + (dp.outputs.dy !== undefined ? width(dp.spec.derivativeFormat) : 0) + 2;
  const wrapperLut = P > 1 ? (P - 1) * outBits + 4 * rw : 0;
  return {
    ...one, lut: Math.round(per('lut') + P * (loopBits + 2 * cw + 2) + wrapperLut), ff: P * (one.ff + loopFill + cw + 2) + 2 * rw,
    carry: Math.round(per('carry')), dsp: per('dsp'), memoryBits: per('memoryBits'),
  };
}

function pipelinedArea(dp: Datapath, sched: AreaSchedule, target: AreaTarget): AreaBreakdown {
  const tm = TARGETS[target];
  const v: BitView = bitView(dp, sched.stage, sched.latency);
  const chains = registerBits(dp, v, sched.latency);
  const roms = mapRoms(dp, v, chains, tm.bram);
  const dspMuls = new Set<number>();
  const nodes: NodeArea[] = [];
  const add = (n: Node, cls: CostClass, c: { lut: number; carry: number; dsp?: number; memoryBits?: number }) => {
    if (c.lut || c.carry || c.dsp || c.memoryBits) nodes.push({ node: n.name, op: n.op, cls, lut: c.lut, carry: c.carry, dsp: c.dsp ?? 0, memoryBits: c.memoryBits ?? 0 });
  };
  for (const n of dp.nodes) {
    const m = mulShape(dp, v, n);
    if (m !== undefined) {
      const t = tileMul(m, tm.dsp);
      // Registers go into the DSP of a single-tile product; SB_MAC16 slices take theirs too.
      if (t.dsp >= 1 && (t.dsp === 1 && t.soft.length === 0 || target === 'ice40-dsp')) dspMuls.add(n.id);
      let lut = 0;
      let carry = 0;
      for (const s of t.soft) {
        const c = softMul(t.dsp === 0 ? m : cellShape(s), tm.fabric);
        lut += c.lut;
        carry += c.carry;
      }
      add(n, 'soft', { lut, carry, dsp: t.dsp });
      // Partial products are summed in the fabric on iCE40; 7-series cascades them in the DSPs.
      const sums = t.adders.reduce((a, w) => a + Math.max(0, w - (tm.dsp?.aPartial ?? 0)), 0);
      if (tm.fabric === 'lut4') add(n, 'adder', { lut: sums, carry: sums });
    } else if (n.op === 'rom' && v.used[n.id] !== 0n) {
      const r = roms.get(n.id);
      if (r?.bram) { add(n, 'rom', { lut: 0, carry: 0, memoryBits: r.memoryBits }); continue; }
      const rl = romLogic(n.table.entries, n.table.addrBits, width(n.fmt), tm.fabric === 'lut4' ? 4 : 6, v.used[n.id]!);
      const high = rl.byVars.slice(9).reduce((a, b) => a + b, 0);
      const romLut = tm.fabric === 'lut4' ? rl.leaves + rl.muxes + rl.gates : rl.leaves + 0.5 * high;
      add(n, 'rom', { lut: romLut, carry: 0 });
      // A wide table whose address is computed in its own segment: ABC folds the address logic
      // into the table's leaves and duplicates it (delay-driven mapping).
      const addr = dp.nodes[n.args[0]!]!;
      if (n.table.addrBits >= 7 && addr.op !== 'bits' && addr.op !== 'input' && v.stage[addr.id] === v.stage[n.id]) add(n, 'romseg', { lut: romLut, carry: 0 });
      // A table whose address register memory_dff took in is rebuilt by memory_map as a mux tree
      // of constants, which ABC maps worse than the case statement: a cost per live bit.
      if (r?.merged === 'address') add(n, 'memrom', { lut: popCount(v.used[n.id]!), carry: 0 });
      // Under a clock enable that table reads either the kept address register or the new
      // address (a hold multiplexer per address bit in front of the table).
      if (r?.merged === 'address' && hasEnable(dp)) add(n, 'mux', { lut: n.table.addrBits, carry: 0 });
    } else {
      const c = nodeLogic(dp, v, n, tm.fabric);
      add(n, OP_CLASS[n.op], c);
      // Saturation right before a register folds into the FF's synchronous set/reset.
      if (n.op === 'resize' && c.lut > 0 && foldsIntoRegister(v, chains, n.id)) add(n, 'fold', { lut: popCount(v.used[n.id]!), carry: 0 });
    }
  }
  const registers = countRegisters(dp, v, chains, sched.latency, target, { dspMuls, roms });
  // The ready/valid enable: one LUT driving every register's clock enable.
  const control = dp.spec.interface !== 'valid' && sched.latency > 0 ? 1 : 0;
  const sum = (f: (x: NodeArea) => number) => nodes.reduce((a, x) => a + f(x), 0);
  const lut = Math.max(0, Math.round(sum((x) => tm.factors[x.cls] * x.lut) + control));
  return {
    target, lut, ff: registers.ff, carry: Math.round(sum((x) => x.carry)), dsp: sum((x) => x.dsp), memoryBits: sum((x) => x.memoryBits),
    nodes, registers,
  };
}

/** Estimates LUTs, FFs, carry cells, DSP blocks and memory bits of the scheduled core on `target`. */
export function estimateArea(dp: Datapath, sched: AreaSchedule, target: AreaTarget): AreaCounts {
  const b = estimateAreaDetail(dp, sched, target);
  return { lut: b.lut, ff: b.ff, carry: b.carry, dsp: b.dsp, memoryBits: b.memoryBits };
}
