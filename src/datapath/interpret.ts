// The reference evaluator: walks the datapath node by node with BigInt raw values, calling the
// one semantic function per op. Slow and obviously right; the fast evaluator is tested against it.

import { minRaw, maxRaw, formatName, type Format } from '../fixedpoint/index.js';
import { evalNode } from './ops/index.js';
import type { Datapath } from './types.js';

export interface Evaluation {
  readonly y: bigint;
  readonly dy?: bigint;
  /** Raw value of every node, by id (for the cycle simulator and debugging). */
  readonly values: readonly bigint[];
}

/** Operand formats per node, computed once per datapath. */
const argFormats = new WeakMap<Datapath, Format[][]>();

function formatsOf(dp: Datapath): Format[][] {
  let f = argFormats.get(dp);
  if (!f) {
    f = dp.nodes.map((n) => n.args.map((a) => dp.nodes[a]!.fmt));
    argFormats.set(dp, f);
  }
  return f;
}

/** Evaluates the datapath on one input code (raw value in the input format). */
export function interpret(dp: Datapath, xRaw: bigint): Evaluation {
  const inF = dp.nodes[dp.input]!.fmt;
  if (xRaw < minRaw(inF) || xRaw > maxRaw(inF)) {
    throw new RangeError(`input ${xRaw} is outside ${formatName(inF)} [${minRaw(inF)}, ${maxRaw(inF)}]`);
  }
  const fmts = formatsOf(dp);
  const values: bigint[] = new Array(dp.nodes.length);
  const args: bigint[] = [];
  for (const n of dp.nodes) {
    if (n.op === 'input') {
      values[n.id] = xRaw;
      continue;
    }
    args.length = n.args.length;
    for (let i = 0; i < n.args.length; i++) args[i] = values[n.args[i]!]!;
    values[n.id] = evalNode(n, args, fmts[n.id]!);
  }
  const y = values[dp.outputs.y]!;
  return dp.outputs.dy !== undefined ? { y, dy: values[dp.outputs.dy]!, values } : { y, values };
}
