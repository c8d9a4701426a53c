// The datapath under construction: nodes in topological order, each helper giving its node the exact
// result format (the one place formats are derived for new nodes), and unique node names.

import {
  type Format, type Rounding, type Overflow, addFormat, subFormat, mulFormat, squareFormat, shiftFormat, width,
} from '../fixedpoint/index.js';
import type { Node, NodeParams, Table } from './types.js';

export class Graph {
  readonly nodes: Node[] = [];
  readonly tables: Table[] = [];
  private readonly names = new Set<string>();

  add(name: string, params: NodeParams, args: number[], f: Format): number {
    // Verilog helper wires use `__` and pipeline registers `_sK`: node names must not look like either.
    if (name.includes('__') || /_s\d+$/.test(name)) throw new Error(`node name ${name} clashes with generated Verilog names`);
    let unique = name;
    for (let i = 2; this.names.has(unique); i++) unique = `${name}_${i}`;
    this.names.add(unique);
    const id = this.nodes.length;
    this.nodes.push({ ...params, id, name: unique, fmt: f, args } as Node);
    if (params.op === 'rom' && !this.tables.includes(params.table)) this.tables.push(params.table);
    return id;
  }
  f(id: number): Format {
    return this.nodes[id]!.fmt;
  }
  input(name: string, f: Format) { return this.add(name, { op: 'input' }, [], f); }
  constant(name: string, valueRaw: bigint, f: Format) { return this.add(name, { op: 'const', valueRaw }, [], f); }
  square(name: string, a: number) { return this.add(name, { op: 'square' }, [a], squareFormat(this.f(a))); }
  /** a * b; `soft`: in LUTs whatever the device (see NodeParams). */
  mul(name: string, a: number, b: number, soft = false) {
    return this.add(name, soft ? { op: 'mul', soft } : { op: 'mul' }, [a, b], mulFormat(this.f(a), this.f(b)));
  }
  addN(name: string, a: number, b: number) { return this.add(name, { op: 'add' }, [a, b], addFormat(this.f(a), this.f(b))); }
  sub(name: string, a: number, b: number) { return this.add(name, { op: 'sub' }, [a, b], subFormat(this.f(a), this.f(b))); }
  shift(name: string, a: number, by: number) { return this.add(name, { op: 'shift', by }, [a], shiftFormat(this.f(a), by)); }
  resize(name: string, a: number, to: Format, rounding: Rounding, overflow: Overflow) {
    return this.add(name, { op: 'resize', rounding, overflow }, [a], to);
  }
  /**
   * An internal narrowing: a resize node only where it drops bits. Where the target format would
   * merely widen the source (no bit lost), the source is used as it is, with its exact format.
   */
  narrow(name: string, a: number, to: Format, rounding: Rounding, overflow: Overflow) {
    const f = this.f(a);
    const fits = to.frac >= f.frac && to.int >= f.int && (to.signed || !f.signed);
    return fits ? a : this.resize(name, a, to, rounding, overflow);
  }
  /** A table read; `block` places it (block RAM or logic), undefined leaves it to synthesis. */
  rom(name: string, addr: number, table: Table, block?: boolean) {
    return this.add(name, block === undefined ? { op: 'rom', table } : { op: 'rom', table, block }, [addr], table.data);
  }
  /** Bits [lo + w - 1 : lo] of a, `invert` flipping some, read as format `to` (w = its width). */
  slice(name: string, a: number, lo: number, to: Format, invert = 0n) { return this.add(name, { op: 'slice', lo, invert }, [a], to); }
  /** {hi, lo}, read as format `to` (its width: the two widths summed). */
  concat(name: string, hi: number, lo: number, to: Format) {
    if (width(to) !== width(this.f(hi)) + width(this.f(lo))) throw new Error(`concat ${name}: ${width(to)} bits from ${width(this.f(hi))} + ${width(this.f(lo))}`);
    return this.add(name, { op: 'concat' }, [hi, lo], to);
  }
  select(name: string, c: number, a: number, b: number) { return this.add(name, { op: 'select' }, [c, a, b], this.f(a)); }
  signBit(name: string, a: number) { return this.add(name, { op: 'signBit' }, [a], { signed: false, int: 1, frac: 0 }); }
  /** 1 when a's top bits from `lo` are all ones, all zeros, or (from lo - 1) all the same. */
  window(name: string, a: number, lo: number, kind: 'ones' | 'zeros' | 'same') {
    return this.add(name, { op: 'window', lo, kind }, [a], { signed: false, int: 1, frac: 0 });
  }
}
