// The area estimate: each op's own area rule (src/datapath/ops) summed over the scheduled datapath,
// scaled by per-device class factors, plus its pipeline registers, on every target record, in
// milliseconds and without Yosys. Invariant: every figure is derived from node kinds, formats,
// tables, the schedule and the target record alone.

import { width } from '../fixedpoint/index.js';
import { TARGETS, TARGET_NAMES, type TargetName } from '../targets/index.js';
import {
  bitView, registerBits, mapRoms, opOf, COST_CLASSES, type AreaPart, type CostClass, type Datapath, type FoldedLoop,
} from '../datapath/index.js';
import { countRegisters, type RegisterCount } from './registers.js';
import { FACTORS } from './factors.js';

export { COST_CLASSES, type CostClass } from '../datapath/index.js';

/** The devices the model prices (every target record). */
export const AREA_TARGETS: readonly TargetName[] = TARGET_NAMES;

/** Resource figures, as `isrlu synth` reports them (src/synth/cells.ts). */
export interface AreaCounts {
  readonly lut: number;
  readonly ff: number;
  readonly carry: number;
  readonly dsp: number;
  readonly memoryBits: number;
  /** Block RAM tiles, the vendor's way (iCE40: SB_RAM40_4K; 7-series: RAMB36 tiles, a RAMB18 half). */
  readonly bram: number;
}

/** What the model reads of a schedule: the register stages and each node's segment. */
export interface AreaSchedule {
  readonly latency: number;
  readonly stage: readonly number[];
  /** An iterative core: the model prices its folded datapath (see src/datapath/loop.ts). */
  readonly iterative?: { readonly fold: FoldedLoop; readonly steps: number; readonly lanes: number };
}

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
  readonly target: TargetName;
  readonly nodes: readonly NodeArea[];
  readonly registers: RegisterCount;
}

/**
 * LUTs per unit of each cost class. Per-op costs come from synthesizing each op alone; flat
 * synthesis shares and duplicates logic across op boundaries (ABC maps the whole netlist at once),
 * which these factors absorb ('fold' is a saving). They are fitted by scripts/fit-area.mts on
 * recorded Yosys runs (src/calibration) and written to factors.ts; do not edit them by hand.
 */
export type Factors = Readonly<Record<CostClass, number>>;

/** Per-op values of the class factors (what each op costs alone); the fit is pulled towards them. */
export const UNIT_FACTORS: Factors = { soft: 1, adder: 1, rom: 1, romseg: 0, memrom: 3.5, shift: 1, arith: 1, mux: 1, fold: -1 };

/**
 * What the LUT estimate of a pipelined core is made of: the unscaled LUTs of each cost class and the
 * LUTs no factor scales (the ready/valid enable). The estimate is lutFromFeatures(features, factors).
 */
export interface LutFeatures {
  readonly byClass: Readonly<Record<CostClass, number>>;
  readonly fixed: number;
}

/** The one LUT formula: every class's LUTs times its factor, plus the fixed LUTs. */
export function lutFromFeatures(f: LutFeatures, factors: Factors): number {
  return Math.max(0, Math.round(COST_CLASSES.reduce((a, c) => a + factors[c] * f.byClass[c], 0) + f.fixed));
}

/** Estimates the area with its per-node breakdown. */
export function estimateAreaDetail(dp: Datapath, sched: AreaSchedule, target: TargetName): AreaBreakdown {
  return sched.iterative ? iterativeArea(dp, sched.iterative, target) : pipelinedArea(dp, sched, target);
}

/**
 * An iterative core is its folded datapath scheduled in two segments (state registers after the
 * input side, output register after the unit and output side), plus what the loop adds: a 2:1 mux
 * in front of the loop register, the pass counter and two control bits; times the lanes, plus the
 * round-robin wrapper (two counters and the output multiplexers).
 */
function iterativeArea(dp: Datapath, it: NonNullable<AreaSchedule['iterative']>, target: TargetName): AreaBreakdown {
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
  const factor = FACTORS[target];
  const share = {
    lut: inputSide.reduce((a, x) => a + factor[x.cls] * x.lut, 0), carry: inputSide.reduce((a, x) => a + x.carry, 0),
    dsp: inputSide.reduce((a, x) => a + x.dsp, 0), memoryBits: inputSide.reduce((a, x) => a + x.memoryBits, 0),
  };
  const P = it.lanes;
  // Measured (Yosys 0.55, 2-lane cores): some flows merge the lanes' input-side DSP blocks, others
  // keep one per lane; the reason is not understood, so it is data in the target record.
  if (!TARGETS[target].mergesLaneDsps) share.dsp = 0;
  const per = (k: 'lut' | 'carry' | 'dsp' | 'memoryBits') => share[k] + P * (one[k] - share[k]);
  const bramPerBit = one.memoryBits ? one.bram / one.memoryBits : 0;
  const rw = P > 1 ? Math.ceil(Math.log2(P)) : 0;
  const outBits = width(dp.spec.output) + (dp.outputs.dy !== undefined ? width(dp.spec.derivativeFormat) : 0) + 2;
  const wrapperLut = P > 1 ? (P - 1) * outBits + 4 * rw : 0;
  return {
    ...one, lut: Math.round(per('lut') + P * (loopBits + 2 * cw + 2) + wrapperLut), ff: P * (one.ff + loopFill + cw + 2) + 2 * rw,
    carry: Math.round(per('carry')), dsp: per('dsp'), memoryBits: per('memoryBits'), bram: per('memoryBits') * bramPerBit,
  };
}

const nodeArea = (node: string, op: string, p: AreaPart): NodeArea => ({ node, op, cls: p.cls, lut: p.lut, carry: p.carry, dsp: p.dsp ?? 0, memoryBits: p.memoryBits ?? 0 });

function pipelinedArea(dp: Datapath, sched: AreaSchedule, target: TargetName): AreaBreakdown {
  const t = TARGETS[target];
  const factors = FACTORS[target];
  const view = bitView(dp, sched.stage, sched.latency);
  const chains = registerBits(dp, view, sched.latency);
  const roms = mapRoms(dp, view, chains, t.bram);
  const ctx = { dp, view, chains, target: t, roms };
  const dspMuls = new Set<number>();
  const nodes: NodeArea[] = [];
  for (const n of dp.nodes) {
    // Wiring and logic nothing reads cost nothing.
    if (view.alias[n.id] || view.used[n.id] === 0n) continue;
    const a = opOf(n).area(n, ctx);
    if (a.dspRegisters) dspMuls.add(n.id);
    for (const p of a.parts) if (p.lut || p.carry || p.dsp || p.memoryBits) nodes.push(nodeArea(n.name, n.op, p));
  }
  const registers = countRegisters(dp, view, chains, sched.latency, t, { dspMuls, roms });
  const sum = (f: (x: NodeArea) => number) => nodes.reduce((a, x) => a + f(x), 0);
  const lut = lutFromFeatures(featuresOf(dp, sched, nodes), factors);
  const bram = [...roms.values()].reduce((a, r) => a + (r.bram ? r.blocks * t.bram.tilesPerBlock : 0), 0);
  return {
    target, lut, ff: registers.ff, carry: Math.round(sum((x) => x.carry)), dsp: sum((x) => x.dsp), memoryBits: sum((x) => x.memoryBits), bram,
    nodes, registers,
  };
}

function featuresOf(dp: Datapath, sched: AreaSchedule, nodes: readonly NodeArea[]): LutFeatures {
  const byClass = Object.fromEntries(COST_CLASSES.map((c) => [c, 0])) as Record<CostClass, number>;
  for (const x of nodes) byClass[x.cls] += x.lut;
  // The ready/valid enable: one LUT driving every register's clock enable.
  return { byClass, fixed: dp.spec.interface !== 'valid' && sched.latency > 0 ? 1 : 0 };
}

/** The LUT features of a pipelined core on `target` (what the fit of the class factors reads). */
export function areaFeatures(dp: Datapath, sched: AreaSchedule, target: TargetName): LutFeatures {
  if (sched.iterative) throw new Error('areaFeatures: pipelined cores only (the iterative model adds loop and wrapper LUTs)');
  const b = pipelinedArea(dp, sched, target);
  return featuresOf(dp, sched, b.nodes);
}

/** Estimates LUTs, FFs, carry cells, DSP blocks and memory bits of the scheduled core on `target`. */
export function estimateArea(dp: Datapath, sched: AreaSchedule, target: TargetName): AreaCounts {
  const b = estimateAreaDetail(dp, sched, target);
  return { lut: b.lut, ff: b.ff, carry: b.carry, dsp: b.dsp, memoryBits: b.memoryBits, bram: b.bram };
}
