// Pipeline layout of a scheduled datapath: which pipeline registers exist and where each value is
// read: a value is registered at every cut it crosses up to its last use, outputs once more after the
// last segment, constants never. The Verilog view model and the cycle simulator both read this layout.

import { width, type Format } from '../fixedpoint/index.js';
import type { Datapath } from '../datapath/index.js';
import type { Schedule } from './schedule.js';

/** One pipeline register: the copy of node `node` that segment `seg` reads (RTL name d_NAME_sSEG). */
export interface StageRegister {
  /** RTL register name, e.g. `d_t_s2`. */
  readonly name: string;
  readonly node: number;
  readonly nodeName: string;
  /** The segment that reads it; it is loaded at the end of segment seg - 1 (bank `seg`). */
  readonly seg: number;
  readonly width: number;
  readonly fmt: Format;
}

/** Where a segment reads an operand: a constant, the input port, a wire of its own segment or a register. */
export type Source =
  | { readonly kind: 'const'; readonly value: bigint }
  | { readonly kind: 'input' }
  | { readonly kind: 'wire'; readonly node: number }
  | { readonly kind: 'reg'; readonly reg: number };

export interface PipelineLayout {
  /** Register stages on every input-to-output path (LATENCY). */
  readonly latency: number;
  /** Segment computing each node (0 for all in a combinational core). */
  readonly stage: readonly number[];
  /** Latest segment reading each node (latency + 1 for the outputs: the output register). */
  readonly lastUse: readonly number[];
  /** Every pipeline register, node by node, segment by segment (the RTL's order). */
  readonly registers: readonly StageRegister[];
  /** Deepest register bank (latency + 1 normally; more only for values nothing on a path reads). */
  readonly deepestBank: number;
  /** Index into `registers` of node `node`'s register in bank `seg`, or -1. */
  regIndex(node: number, seg: number): number;
  /** Where segment `seg` reads node `node` (the view model's `at`). */
  source(node: number, seg: number): Source;
}

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

/** Builds the register layout; refuses a schedule the Verilog could not realise as a pipeline. */
export function pipelineLayout(dp: Datapath, sched: Schedule): PipelineLayout {
  const nodes = dp.nodes;
  const N = sched.latency;
  const stage = sched.stage;
  if (stage.length !== nodes.length) throw new ScheduleError(`schedule has ${stage.length} stages for ${nodes.length} nodes`);
  if (!Number.isInteger(N) || N < 0) throw new ScheduleError(`latency must be a non-negative integer, got ${N}`);
  if (N > 0) {
    for (const n of nodes) {
      const s = stage[n.id]!;
      if (!Number.isInteger(s) || s < 1) throw new ScheduleError(`node ${n.name} is in segment ${s}; a pipelined core uses segments 1..${N}`);
      for (const a of n.args) {
        if (nodes[a]!.op !== 'const' && stage[a]! > s) {
          throw new ScheduleError(`node ${n.name} (segment ${s}) reads ${nodes[a]!.name} from a later segment (${stage[a]})`);
        }
      }
    }
    if (stage[dp.input] !== 1) throw new ScheduleError(`the input must be read in segment 1, not ${stage[dp.input]}`);
  }
  const lastUse = nodes.map(() => 0);
  for (const n of nodes) for (const a of n.args) lastUse[a] = Math.max(lastUse[a]!, stage[n.id]!);
  for (const o of [dp.outputs.y, ...(dp.outputs.dy !== undefined ? [dp.outputs.dy] : [])]) lastUse[o] = Math.max(lastUse[o]!, N + 1);

  const registers: StageRegister[] = [];
  const index = new Map<number, number>();
  const key = (node: number, seg: number) => node * 4096 + seg;
  let deepestBank = N === 0 ? 0 : N + 1;
  if (N > 0) {
    for (const n of nodes) {
      if (n.op === 'const') continue;
      for (let seg = stage[n.id]! + 1; seg <= lastUse[n.id]!; seg++) {
        index.set(key(n.id, seg), registers.length);
        registers.push({ name: `d_${n.name}_s${seg}`, node: n.id, nodeName: n.name, seg, width: width(n.fmt), fmt: n.fmt });
        deepestBank = Math.max(deepestBank, seg);
      }
    }
  }
  const regIndex = (node: number, seg: number) => index.get(key(node, seg)) ?? -1;
  const source = (node: number, seg: number): Source => {
    const n = nodes[node]!;
    if (n.op === 'const') return { kind: 'const', value: n.valueRaw };
    if (N === 0 || seg <= stage[node]!) return n.op === 'input' ? { kind: 'input' } : { kind: 'wire', node };
    const reg = regIndex(node, seg);
    if (reg < 0) throw new ScheduleError(`no register holds ${n.name} in segment ${seg}`);
    return { kind: 'reg', reg };
  };
  return { latency: N, stage, lastUse, registers, deepestBank, regIndex, source };
}
