// Pipeline schedule: which combinational segment (1..N) computes each node, for N register stages.
// Cuts balance a simple per-op delay estimate; the RTL generator places a register wherever a
// value crosses a cut, and the cycle simulator reads the same schedule, so LATENCY = N everywhere.

import { width } from '../fixedpoint/index.js';
import type { Datapath, Node } from '../datapath/index.js';

export interface Schedule {
  /** Register stages on every input-to-output path (the core's LATENCY). */
  readonly latency: number;
  /** Segment (1..latency) that computes each node; 0 for every node of a combinational core. */
  readonly stage: readonly number[];
  /** Estimated arrival time of each node in delay units (logic levels), and the critical path. */
  readonly arrival: readonly number[];
  readonly critical: number;
}

/** Rough logic levels of one op: enough to balance cuts (the per-target delay model refines it). */
export function opDelay(n: Node, dp: Datapath): number {
  const wa = (i: number) => width(dp.nodes[n.args[i]!]!.fmt);
  const lg = (v: number) => Math.log2(Math.max(2, v));
  switch (n.op) {
    case 'input': case 'const': case 'shift': case 'bits': case 'signBit':
      return 0;
    case 'square': case 'mul': {
      const k = dp.nodes.find((m) => m.op === 'const' && n.args.includes(m.id));
      return k ? 1 + width(n.fmt) / 16 : 2 + 2 * lg(Math.min(wa(0), n.op === 'square' ? wa(0) : wa(1)));
    }
    case 'add': case 'sub':
      return 1 + width(n.fmt) / 16;
    case 'resize':
      return (n.rounding !== 'truncate' ? 1 + width(n.fmt) / 16 : 0) + (n.overflow === 'saturate' ? 1 : 0);
    case 'normExp':
      return lg(wa(0));
    case 'normShift': case 'vshr':
      return 1 + lg(2 ** width(dp.nodes[n.args[1]!]!.fmt));
    case 'seedAddr': case 'seedOffset': case 'select':
      return 1;
    case 'rom':
      return 1 + lg(n.table.entries.length) / 2;
    case 'magicSeed':
      return 3 + width(n.fmt) / 16;
  }
}

/** Stages chosen by `pipeline: "auto"`: about one register per 12 levels of logic, at least 1. */
export const AUTO_LEVELS_PER_STAGE = 12;

/**
 * Schedules the datapath into `stages` register stages (0 = purely combinational), or "auto".
 * Each node goes to segment ceil(arrival * N / critical), never earlier than its operands.
 */
export function scheduleDatapath(dp: Datapath, stages: number | 'auto'): Schedule {
  const arrival: number[] = [];
  for (const n of dp.nodes) {
    const start = n.args.reduce((m, a) => Math.max(m, arrival[a]!), 0);
    arrival[n.id] = start + opDelay(n, dp);
  }
  const critical = Math.max(...[dp.outputs.y, dp.outputs.dy ?? dp.outputs.y].map((o) => arrival[o]!), 1e-9);
  const N = stages === 'auto' ? Math.max(1, Math.round(critical / AUTO_LEVELS_PER_STAGE)) : stages;
  const stage: number[] = [];
  for (const n of dp.nodes) {
    if (N === 0) { stage[n.id] = 0; continue; }
    const own = Math.min(N, Math.max(1, Math.ceil((arrival[n.id]! * N) / critical - 1e-9)));
    stage[n.id] = n.args.reduce((m, a) => Math.max(m, stage[a]!), own);
  }
  return { latency: N, stage, arrival, critical };
}
