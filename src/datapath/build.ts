// Elaboration: spec + design parameters -> the one datapath every back end reads. This is the only
// place the ISRU/ISRLU algorithm is written: square, scale by alpha, add 1, normalise to [1, 4),
// seed, Newton-Raphson steps, denormalise, multiply by x, round and saturate, ISRLU select.

import {
  type Format, type Rounding, type Overflow, uQ, width, formatName, addFormat, subFormat, mulFormat, squareFormat, shiftFormat,
} from '../fixedpoint/index.js';
import type { Spec } from '../spec/index.js';
import { vshrFormat } from './ops/index.js';
import { seedTable, pwlTables, magicConstant, functionTable } from './tables.js';
import type { Datapath, DesignParams, Node, NodeParams, Table } from './types.js';

/** Grows a graph in topological order; each helper gives its node the exact result format. */
class Graph {
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
  mul(name: string, a: number, b: number) { return this.add(name, { op: 'mul' }, [a, b], mulFormat(this.f(a), this.f(b))); }
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
  rom(name: string, addr: number, table: Table) { return this.add(name, { op: 'rom', table }, [addr], table.data); }
}

const bitLength = (n: number): number => (n <= 0 ? 0 : Math.floor(Math.log2(n)) + 1);

/** Quantizes alpha to `bits` significant bits: value = raw * 2^-frac, raw odd (or alpha exact). */
export function quantizeAlpha(alpha: number, bits: number): { raw: bigint; frac: number; value: number } {
  const exp = Math.floor(Math.log2(alpha));
  let frac = bits - 1 - exp;
  let raw = Math.round(alpha * 2 ** frac);
  while (raw > 1 && raw % 2 === 0) { raw /= 2; frac -= 1; }
  return { raw: BigInt(raw), frac, value: raw * 2 ** -frac };
}

export function isPowerOfTwo(alpha: number): boolean {
  return Number.isInteger(Math.log2(alpha));
}

/** Elaborates the datapath for a spec with the given (custom or sized) design parameters. */
export function buildDatapath(spec: Spec, p: DesignParams): Datapath {
  const g = new Graph();
  const x = g.input('x', spec.input);
  if (p.method === 'direct') return buildDirect(spec, p, g, x);

  // t = 1 + alpha * x^2, kept with argFracBits fraction bits (truncated).
  const F = p.argFracBits;
  const sq = g.square('x_sq', x);
  let scaled: number;
  let alphaUsed = spec.alpha;
  if (isPowerOfTwo(spec.alpha)) {
    scaled = spec.alpha === 1 ? sq : g.shift('ax_sq', sq, Math.log2(spec.alpha));
  } else {
    const q = quantizeAlpha(spec.alpha, p.alphaBits);
    alphaUsed = q.value;
    // Keep enough bits of x^2 that alpha's gain does not magnify the truncation past 2^-F.
    const guard = Math.max(0, Math.ceil(Math.log2(spec.alpha))) + 1;
    const sqT = g.narrow('x_sq_t', sq, uQ(g.f(sq).int, F + guard), 'truncate', 'wrap');
    const c = g.constant('alpha_c', q.raw, uQ(Math.max(0, bitLength(Number(q.raw)) - q.frac), q.frac));
    scaled = g.mul('ax_sq', sqT, c);
  }
  const sf = g.f(scaled);
  const scaledT = g.narrow('ax_sq_t', scaled, uQ(Math.max(sf.int, 0), F), 'truncate', 'wrap');
  const one = g.constant('one', 1n << BigInt(Math.max(F, 0)), uQ(1, Math.max(F, 0)));
  const tSum = g.addN('t_sum', scaledT, one);
  // The most negative input gives the largest t; size t's integer bits to it.
  const xMax = 2 ** spec.input.int;
  const tMax = 1 + alphaUsed * xMax * xMax;
  const tInt = Math.max(1, bitLength(Math.floor(tMax)));
  const t = g.narrow('t', tSum, uQ(tInt, g.f(tSum).frac), 'truncate', 'wrap');

  // Normalise: t = m * 4^e with m in [1, 4).
  const eMax = Math.max(1, Math.floor((tInt - 1) / 2));
  const e = g.add('norm_e', { op: 'normExp' }, [t], uQ(bitLength(eMax), 0));
  const M = p.mantissaBits;
  const m = g.add('norm_m', { op: 'normShift' }, [t, e], uQ(2, M));

  let y = seed(spec, p, g, m);

  // Newton-Raphson: y' = y * (3 - m * y^2) / 2, truncated to stepBits[i] fraction bits.
  // Iterative: every step first widens its estimate (exactly) to one common format, so that all
  // steps are the same hardware; the loop records where each step starts and ends.
  const iterative = spec.architecture === 'iterative' && p.steps > 0;
  const loopFmt = uQ(0, Math.max(g.f(y).frac, ...p.stepBits));
  if (iterative && g.f(y).int > 0) throw new Error(`unreachable: seed ${formatName(g.f(y))} has integer bits`);
  const entry: number[] = [];
  const exit: number[] = [];
  for (let i = 0; i < p.steps; i++) {
    const w = p.stepBits[i]!;
    const s = `nr${i + 1}`;
    if (iterative) {
      y = g.resize(`${s}_yin`, y, loopFmt, 'truncate', 'wrap');
      entry.push(y);
    }
    const y2 = g.narrow(`${s}_y2`, g.square(`${s}_y2_full`, y), uQ(0, w), 'truncate', 'wrap');
    const my2 = g.resize(`${s}_my2`, g.mul(`${s}_my2_full`, m, y2), uQ(1, w), 'truncate', 'saturate');
    const three = g.constant(`${s}_three`, 3n << BigInt(w), uQ(2, w));
    const corr = g.resize(`${s}_corr`, g.sub(`${s}_corr_full`, three, my2), uQ(2, w), 'truncate', 'wrap');
    const half = g.shift(`${s}_half`, g.mul(`${s}_prod`, y, corr), -1);
    y = g.resize(`${s}_y`, half, uQ(0, w), 'truncate', 'saturate');
    if (iterative) exit.push(y);
  }
  const r = y;

  // y = x * r * 2^-e, rounded once at the output.
  const prod = g.mul('xr', x, r);
  const den = g.add('xr_denorm', { op: 'vshr', factor: 1 }, [prod, e], vshrFormat(g.f(prod), g.f(e), 1));
  let out = g.resize('y_isru', den, spec.output, spec.outputRounding, spec.outputOverflow);
  let neg: number | undefined;
  if (spec.function === 'isrlu') {
    const pos = g.resize('y_pos', x, spec.output, spec.outputRounding, spec.outputOverflow);
    neg = g.add('x_neg', { op: 'signBit' }, [x], uQ(1, 0));
    out = g.add('y', { op: 'select' }, [neg, out, pos], spec.output);
  }

  let dy: number | undefined;
  if (spec.derivative) {
    // r^3 * 2^-3e: (1 + alpha x^2)^-1.5.
    const df = spec.derivativeFormat;
    const wd = Math.max(g.f(r).frac, df.frac + 4);
    const r2 = g.narrow('r2', g.square('r2_full', r), uQ(0, wd), 'truncate', 'wrap');
    const r3 = g.narrow('r3', g.mul('r3_full', r2, r), uQ(0, wd), 'truncate', 'wrap');
    const d3 = g.add('r3_denorm', { op: 'vshr', factor: 3 }, [r3, e], vshrFormat(g.f(r3), g.f(e), 3));
    dy = g.resize('dy_isru', d3, df, spec.outputRounding, 'saturate');
    if (neg !== undefined) {
      const oneD = g.constant('dy_one', 1n << BigInt(df.frac), df);
      dy = g.add('dy', { op: 'select' }, [neg, dy, oneD], df);
    }
  }
  return { spec, params: p, nodes: g.nodes, input: x, outputs: { y: out, ...(dy !== undefined ? { dy } : {}) }, tables: g.tables, alphaUsed, ...(iterative ? { loop: { entry, exit } } : {}) };
}

/** The seed of 1/sqrt(m) by the chosen method. */
function seed(spec: Spec, p: DesignParams, g: Graph, m: number): number {
  const k = p.tableAddressBits;
  const d = p.tableDataBits;
  switch (p.method) {
    case 'newton': {
      const addr = g.add('seed_addr', { op: 'seedAddr', bits: k }, [m], uQ(k, 0));
      return g.rom('seed', addr, seedTable(k, d));
    }
    case 'pwl': {
      const addr = g.add('seed_addr', { op: 'seedAddr', bits: k }, [m], uQ(k, 0));
      const u = g.add('seed_u', { op: 'seedOffset', bits: k }, [m], uQ(0, g.f(m).frac - k + 2));
      const { c0, c1 } = pwlTables(k, d);
      const a0 = g.rom('pwl_c0', addr, c0);
      const a1 = g.rom('pwl_c1', addr, c1);
      const slope = g.narrow('pwl_du', g.mul('pwl_du_full', a1, u), uQ(0, d), 'truncate', 'wrap');
      return g.resize('seed', g.sub('seed_full', a0, slope), uQ(0, d), 'truncate', 'saturate');
    }
    case 'magic': {
      const md = g.narrow('magic_m', m, uQ(2, d), 'truncate', 'wrap');
      return g.add('seed', { op: 'magicSeed', magic: magicConstant(d) }, [md], uQ(0, d + 2));
    }
    case 'direct':
      throw new Error(`unreachable: direct method has no seed (${spec.name})`);
  }
}

/** The direct method: the whole function (and derivative) as tables indexed by the input code. */
function buildDirect(spec: Spec, p: DesignParams, g: Graph, x: number): Datapath {
  const code = g.add('x_code', { op: 'bits' }, [x], uQ(width(spec.input), 0));
  const y = g.rom('y', code, functionTable(spec, 'y'));
  const dy = spec.derivative ? g.rom('dy', code, functionTable(spec, 'dy')) : undefined;
  return { spec, params: p, nodes: g.nodes, input: x, outputs: { y, ...(dy !== undefined ? { dy } : {}) }, tables: g.tables, alphaUsed: spec.alpha };
}

