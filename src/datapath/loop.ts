// The iterative architecture's view of a datapath: the unrolled Newton-Raphson steps folded into one
// reused unit. Invariant: the folded graph computes exactly what the unrolled graph computes (every
// step is checked to be the same ops, formats and parameters as the first, so running the first
// step's unit `steps` times on its own output is the unrolled chain); the Verilog, the cycle
// simulator and the area model of an iterative core all read this one fold.

import { evalNode } from './ops/index.js';
import type { Format } from '../fixedpoint/index.js';
import type { Datapath, Node } from './types.js';

export interface FoldedLoop {
  /** Input side, the loop unit once, the output side; plus `feedback` when steps > 1. */
  readonly dp: Datapath;
  readonly steps: number;
  /** Folded id of the loop estimate (the first step's widened seed): the loop register's value. */
  readonly entry: number;
  /** Folded id of one step's result. */
  readonly exit: number;
  /** Folded id of the exact widening of `exit` back into `entry`'s format (steps > 1). */
  readonly feedback?: number;
  /** 1: input side (loaded into the state registers with a new item); 2: loop unit and output side. */
  readonly stage: readonly number[];
  /** Folded ids held in the state registers, `entry` first (values read across the boundary). */
  readonly state: readonly number[];
}

export class LoopError extends Error {
  override name = 'LoopError';
}

const paramsKey = (n: Node): string =>
  JSON.stringify({ ...n, id: 0, name: '', args: [] }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

/** Folds the unrolled steps of an iterative datapath into one unit (throws LoopError if they differ). */
export function foldLoop(dp: Datapath): FoldedLoop {
  const loop = dp.loop;
  if (!loop || loop.entry.length === 0) throw new LoopError(`${dp.spec.name} has no Newton-Raphson loop to fold (architecture "iterative" needs steps >= 1)`);
  const S = loop.entry.length;
  const e0 = loop.entry[0]!;
  const x0 = loop.exit[0]!;
  const span = x0 - e0;
  // Every later step is the first step again, node for node.
  for (let i = 1; i < S; i++) {
    const ei = loop.entry[i]!;
    if (loop.exit[i]! - ei !== span) throw new LoopError(`step ${i + 1} has ${loop.exit[i]! - ei} nodes, step 1 has ${span}`);
    for (let k = 0; k <= span; k++) {
      const a = dp.nodes[e0 + k]!;
      const b = dp.nodes[ei + k]!;
      if (paramsKey(a) !== paramsKey(b)) throw new LoopError(`step ${i + 1} node ${b.name} differs from step 1 node ${a.name}`);
      if (k === 0) {
        if (b.args[0] !== loop.exit[i - 1]) throw new LoopError(`step ${i + 1} does not start from step ${i}'s result`);
        continue;
      }
      const same = a.args.every((arg, j) => {
        const barg = b.args[j]!;
        return arg >= e0 && arg <= x0 ? barg === arg - e0 + ei : barg === arg;
      });
      if (!same) throw new LoopError(`step ${i + 1} node ${b.name} reads other operands than step 1 node ${a.name}`);
    }
  }
  const last = loop.exit[S - 1]!;
  const later = (id: number) => S > 1 && id >= loop.entry[1]! && id <= last;
  for (const n of dp.nodes) {
    if (n.id <= last) continue;
    for (const a of n.args) {
      if (a >= e0 && a <= last && a !== last) throw new LoopError(`${n.name} reads ${dp.nodes[a]!.name} from inside the loop`);
    }
  }

  // Folded ids: nodes before the loop, step 1, the feedback widening, nodes after the loop.
  const map = new Map<number, number>();
  const nodes: Node[] = [];
  const put = (n: Node, name: string, args: readonly number[]) => {
    const id = nodes.length;
    nodes.push({ ...n, id, name, args: args.map((a) => (a === last ? map.get(x0)! : map.get(a)!)) });
    return id;
  };
  let feedback: number | undefined;
  for (const n of dp.nodes) {
    if (later(n.id)) continue;
    map.set(n.id, put(n, n.name, n.args));
    if (n.id === x0 && S > 1) {
      const f = dp.nodes[loop.entry[1]!]!;
      feedback = put(f, 'nr_next', [x0]);
    }
  }
  const entry = map.get(e0)!;
  const stage = nodes.map((n) => (n.id <= entry ? 1 : 2));
  const crossing = new Set<number>();
  for (const n of nodes) for (const a of n.args) if (stage[n.id] === 2 && stage[a] === 1 && nodes[a]!.op !== 'const') crossing.add(a);
  crossing.delete(entry);
  const state = [entry, ...[...crossing].sort((a, b) => a - b)];
  const folded: Datapath = {
    spec: dp.spec, params: dp.params, nodes, input: map.get(dp.input)!,
    outputs: { y: map.get(dp.outputs.y)!, ...(dp.outputs.dy !== undefined ? { dy: map.get(dp.outputs.dy)! } : {}) },
    tables: dp.tables, alphaUsed: dp.alphaUsed,
  };
  return { dp: folded, steps: S, entry, exit: map.get(x0)!, ...(feedback !== undefined ? { feedback } : {}), stage, state };
}

/**
 * Bit-exact evaluation of a folded loop, the way the hardware runs it: `load` computes the state
 * registers from an input code, `iterate` runs the unit once and writes its result back into the
 * loop register, `outputs` runs the unit once more and the output side on its result.
 */
export class LoopEvaluator {
  private readonly fmts: readonly (readonly Format[])[];
  private readonly values: bigint[];
  constructor(readonly fold: FoldedLoop) {
    this.fmts = fold.dp.nodes.map((n) => n.args.map((a) => fold.dp.nodes[a]!.fmt));
    // Constants are wires: set once, never overwritten (the unit may read the input side's).
    this.values = fold.dp.nodes.map((n) => (n.op === 'const' ? n.valueRaw : 0n));
  }

  private run(from: number, to: number): void {
    const nodes = this.fold.dp.nodes;
    const args: bigint[] = [];
    for (let id = from; id <= to; id++) {
      const n = nodes[id]!;
      // Inputs are loaded by load(); constants were set in the constructor and nothing writes them.
      if (n.op === 'input' || n.op === 'const') continue;
      args.length = n.args.length;
      for (let i = 0; i < n.args.length; i++) args[i] = this.values[n.args[i]!]!;
      this.values[id] = evalNode(n, args, this.fmts[id]!);
    }
  }

  /** The state registers (values of `fold.state`, in order) for a new input code. */
  load(xRaw: bigint): bigint[] {
    this.values[this.fold.dp.input] = xRaw;
    this.run(0, this.fold.entry);
    return this.fold.state.map((id) => this.values[id]!);
  }

  private restore(state: readonly bigint[]): void {
    this.fold.state.forEach((id, i) => { this.values[id] = state[i]!; });
  }

  /** One more step: the state with the loop register replaced by the unit's result. */
  iterate(state: readonly bigint[]): bigint[] {
    if (this.fold.feedback === undefined) throw new RangeError('a one-step loop has no feedback');
    this.restore(state);
    this.run(this.fold.entry + 1, this.fold.feedback);
    return [this.values[this.fold.feedback]!, ...state.slice(1)];
  }

  /** The core's outputs computed from the state by the last step and the output side. */
  outputs(state: readonly bigint[]): { y: bigint; dy?: bigint } {
    this.restore(state);
    this.run(this.fold.entry + 1, this.fold.dp.nodes.length - 1);
    const o = this.fold.dp.outputs;
    return o.dy !== undefined ? { y: this.values[o.y]!, dy: this.values[o.dy]! } : { y: this.values[o.y]! };
  }
}
