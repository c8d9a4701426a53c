// The reference evaluator: walks the datapath node by node with BigInt raw values, calling the
// one semantic function per op. Slow and obviously right; the fast evaluator is tested against it.

import { minRaw, maxRaw, formatName } from '../fixedpoint/index.js';
import { evalNode } from './ops.js';
import type { Datapath } from './types.js';

export interface Evaluation {
  readonly y: bigint;
  readonly dy?: bigint;
  /** Raw value of every node, by id (for the cycle simulator and debugging). */
  readonly values: readonly bigint[];
}

/** Evaluates the datapath on one input code (raw value in the input format). */
export function interpret(dp: Datapath, xRaw: bigint): Evaluation {
  const inF = dp.nodes[dp.input]!.fmt;
  if (xRaw < minRaw(inF) || xRaw > maxRaw(inF)) {
    throw new RangeError(`input ${xRaw} is outside ${formatName(inF)} [${minRaw(inF)}, ${maxRaw(inF)}]`);
  }
  const values: bigint[] = new Array(dp.nodes.length);
  for (const n of dp.nodes) {
    if (n.op === 'input') {
      values[n.id] = xRaw;
      continue;
    }
    const args = n.args.map((a) => values[a]!);
    const fmts = n.args.map((a) => dp.nodes[a]!.fmt);
    values[n.id] = evalNode(n, args, fmts);
  }
  const y = values[dp.outputs.y]!;
  return dp.outputs.dy !== undefined ? { y, dy: values[dp.outputs.dy]!, values } : { y, values };
}
