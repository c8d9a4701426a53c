// Small comparison datapaths for the workload view, in the same IR so the same area model prices
// them: ReLU (sign test and select), a table-based ELU (every input code, like hls4ml), and one
// MAC of the convolution array (multiply by a weight, add to an accumulator).

import { width, uQ, sQ, quantize, type Format } from '../fixedpoint/index.js';
import type { Spec } from '../spec/index.js';
import type { Datapath, Node, NodeParams, Table } from '../datapath/index.js';
import { addFormat, mulFormat } from '../fixedpoint/index.js';

function datapath(spec: Spec, build: (add: (name: string, p: NodeParams, args: number[], f: Format) => number) => { y: number }): Datapath {
  const nodes: Node[] = [];
  const tables: Table[] = [];
  const add = (name: string, p: NodeParams, args: number[], f: Format) => {
    nodes.push({ ...p, id: nodes.length, name, fmt: f, args } as Node);
    if (p.op === 'rom') tables.push(p.table);
    return nodes.length - 1;
  };
  const { y } = build(add);
  return { spec, params: { method: 'direct', steps: 0, tableAddressBits: 0, tableDataBits: 0, stepBits: [], mantissaBits: 1, argFracBits: 1, alphaBits: 1 }, nodes, input: 0, outputs: { y }, tables, alphaUsed: spec.alpha };
}

/** ReLU on the spec's formats: y = x < 0 ? 0 : x (resized to the output format). */
export function reluDatapath(spec: Spec): Datapath {
  return datapath(spec, (add) => {
    const x = add('x', { op: 'input' }, [], spec.input);
    const pos = add('y_pos', { op: 'resize', rounding: spec.outputRounding, overflow: 'saturate' }, [x], spec.output);
    const neg = add('x_neg', { op: 'signBit' }, [x], uQ(1, 0));
    const zero = add('zero', { op: 'const', valueRaw: 0n }, [], spec.output);
    return { y: add('y', { op: 'select' }, [neg, zero, pos], spec.output) };
  });
}

/** ELU (alpha 1) as a table of every input code, rounded to nearest into the output format. */
export function eluTableDatapath(spec: Spec): Datapath {
  const w = width(spec.input);
  const entries: bigint[] = [];
  for (let code = 0; code < 2 ** w; code++) {
    const x = (code >= 2 ** (w - 1) ? code - 2 ** w : code) * 2 ** -spec.input.frac;
    entries.push(quantize(x >= 0 ? x : Math.expm1(x), spec.output, 'nearest-even', 'saturate'));
  }
  const table: Table = { name: 'elu_table', addrBits: w, data: spec.output, entries, description: 'ELU for every input code' };
  return datapath(spec, (add) => {
    const x = add('x', { op: 'input' }, [], spec.input);
    const code = add('x_code', { op: 'bits' }, [x], uQ(w, 0));
    return { y: add('y', { op: 'rom', table }, [code], spec.output) };
  });
}

/** One MAC: activation-format operand times a weight of the same width, into a 32-bit accumulator. */
export function macDatapath(spec: Spec, accBits = 32): Datapath {
  return datapath(spec, (add) => {
    const x = add('x', { op: 'input' }, [], spec.input);
    const wgt = add('w', { op: 'input' }, [], sQ(0, width(spec.input) - 1));
    const p = add('p', { op: 'mul' }, [x, wgt], mulFormat(spec.input, sQ(0, width(spec.input) - 1)));
    const pf = mulFormat(spec.input, sQ(0, width(spec.input) - 1));
    const acc = add('acc', { op: 'input' }, [], sQ(accBits - 1 - pf.frac, pf.frac));
    const s = add('sum', { op: 'add' }, [p, acc], addFormat(pf, sQ(accBits - 1 - pf.frac, pf.frac)));
    return { y: add('acc_next', { op: 'resize', rounding: 'truncate', overflow: 'wrap' }, [s], sQ(accBits - 1 - pf.frac, pf.frac)) };
  });
}
