// The direct methods: the function itself approximated on a window of input codes (a table, a
// piecewise polynomial, or multipartite tables), with the input folded first (ISRLU's identity half,
// odd and point symmetry), a comparator for the saturated tail, and the fold undone at the output.
// One channel per output (y, and dy when the spec has the derivative), each with its own design.

import { width, type Format, type Rounding } from '../../fixedpoint/index.js';
import type { DirectMethod } from '../../spec/index.js';
import type { Graph } from '../graph.js';
import type { Table } from '../types.js';
import type { Fold } from './window.js';
import { codeOf } from './window.js';
import { fitMultipartite, fitPoly, fieldShift, type MultipartiteFit, type PolyFit } from './approx.js';

export type { DirectMethod } from '../../spec/index.js';

/** The design of one output channel of a direct method. */
export interface ChannelDesign {
  readonly method: DirectMethod;
  readonly fold: Fold;
  /** k: the window covers 2^k local codes; outside it, the tail constant. */
  readonly windowBits: number;
  /** poly: segment bits m; multipartite: address bits of the table of initial values. */
  readonly segmentBits: number;
  /** poly: the degree (1 to 3). */
  readonly degree: number;
  /** poly: fraction bits of c0..cd (and of the Horner sums); multipartite: [fraction bits of the tables]. */
  readonly lsb: readonly number[];
  /** multipartite: the offset tables, high field first. */
  readonly offsets: readonly { readonly prefix: number; readonly bits: number }[];
  /** Tables in block RAM (read through a register) rather than in logic. */
  readonly blockRam: boolean;
}

/** What the channel approximates: h(u) in real values (continuous in u), and exact output codes. */
export interface ChannelFunction {
  readonly out: Format;
  readonly rounding: Rounding;
  /** f (or f') at the folded input of local code u (continuous u, for fitting). */
  h(u: number): number;
  /** The correctly rounded output code at input code x (for tables and tail constants). */
  code(x: number): bigint;
  /** Input width and the function's reflection for the abs fold: odd (-y), gate (1 - y), even (y). */
  readonly inputWidth: number;
  readonly reflect: 'negate' | 'complement' | 'none';
}

const uInt = (bits: number): Format => ({ signed: false, int: bits, frac: 0 });

/** Two's complement bits of raw values in the narrowest signed (or unsigned) format holding them all. */
function fieldFormat(values: readonly number[], frac: number): Format {
  const mn = Math.min(...values);
  const mx = Math.max(...values);
  if (mn >= 0) return { signed: false, int: Math.max(0, Math.ceil(Math.log2(mx + 1))) - frac, frac };
  const bits = Math.max(mx > 0 ? Math.ceil(Math.log2(mx + 1)) : 0, Math.ceil(Math.log2(-mn)));
  return { signed: true, int: bits - frac, frac };
}

/**
 * A table of raw values in `f` stored with only the bits that vary: the constant top bits (a sign
 * extension, say) come back by concatenation. Returns the node holding the value in format `f`.
 */
function tableNode(g: Graph, name: string, addr: number, entries: readonly bigint[], f: Format, desc: string, block: boolean): number {
  const w = width(f);
  const codes = entries.map((e) => BigInt.asUintN(w, e));
  // Bits [w-1 : keep] are the same in every entry: the table holds bits [keep-1 : 0] only.
  let keep = w;
  while (keep > 1 && codes.every((c) => c >> BigInt(keep - 1) === codes[0]! >> BigInt(keep - 1))) keep--;
  const low = (1n << BigInt(keep)) - 1n;
  const table: Table = {
    name: `${name}_k${Math.round(Math.log2(entries.length))}_w${keep}`, addrBits: Math.round(Math.log2(entries.length)), data: uInt(keep),
    entries: codes.map((c) => c & low), description: desc,
  };
  const rom = g.rom(name, addr, table, block);
  if (keep === w) return g.slice(`${name}_v`, rom, 0, f);
  const top = g.constant(`${name}_top`, codes[0]! >> BigInt(keep), uInt(w - keep));
  return g.concat(`${name}_v`, top, rom, f);
}

/** The local code u of the window as a node (uQk.0), from the (folded) input. */
function localCode(g: Graph, d: ChannelDesign, folded: number): number {
  const k = d.windowBits;
  return g.slice('u', folded, 0, uInt(k), d.fold === 'mid' ? 1n << BigInt(k - 1) : 0n);
}

/** The poly channel: coefficient tables by segment, Horner with truncated products. */
function buildPoly(g: Graph, d: ChannelDesign, fnc: ChannelFunction, u: number): { node: number; fit: PolyFit } {
  const k = d.windowBits;
  const m = d.segmentBits;
  const n = k - m;
  const fit = fitPoly((v) => fnc.h(v), { k, m, degree: d.degree, lsb: d.lsb });
  const seg = m > 0 ? g.slice('seg', u, n, uInt(m)) : undefined;
  const t = n > 0 ? g.slice('t', u, 0, { signed: true, int: -1, frac: n }, 1n << BigInt(n - 1)) : undefined;
  // One table holds every coefficient of a segment, c_d in the top field.
  const formats = Array.from({ length: d.degree + 1 }, (_, i) => fieldFormat(fit.coeffs.map((c) => c[i]!), d.lsb[i]!));
  const widths = formats.map(width);
  const total = widths.reduce((a, b) => a + b, 0);
  const offsetOf = (i: number) => widths.slice(0, i).reduce((a, b) => a + b, 0);
  const entries = fit.coeffs.map((c) => c.reduce((acc, v, i) => acc | (BigInt.asUintN(widths[i]!, BigInt(v)) << BigInt(offsetOf(i))), 0n));
  let coef: number[];
  if (seg === undefined) {
    // One segment: the coefficients are constants.
    coef = formats.map((f, i) => g.constant(`c${i}`, BigInt(fit.coeffs[0]![i]!), f));
  } else {
    const word = tableNode(g, 'coeffs', seg, entries, uInt(total), `degree-${d.degree} coefficients of ${2 ** m} segments`, d.blockRam);
    coef = formats.map((f, i) => g.slice(`c${i}`, word, offsetOf(i), f));
  }
  let acc = coef[d.degree]!;
  for (let i = d.degree - 1; i >= 0; i--) {
    if (t === undefined) break;
    const prod = g.mul(`p${i}`, acc, t);
    const pf = g.f(prod);
    // Truncate to the next level's LSB; keep the integer bits the product can reach.
    const tr = g.narrow(`p${i}_t`, prod, { signed: true, int: pf.int, frac: d.lsb[i]! }, 'truncate', 'wrap');
    acc = g.addN(`h${i}`, tr, coef[i]!);
  }
  return { node: acc, fit };
}

/** The multipartite channel: the table of initial values plus the offset tables, summed. */
function buildMultipartite(g: Graph, d: ChannelDesign, fnc: ChannelFunction, u: number): { node: number; fit: MultipartiteFit } {
  const k = d.windowBits;
  const lsb = d.lsb[0]!;
  const fit = fitMultipartite((v) => fnc.h(v), { k, tiv: d.segmentBits, offsets: d.offsets, lsb });
  const tivAddr = g.slice('tiv_a', u, k - d.segmentBits, uInt(d.segmentBits));
  let sum = tableNode(g, 'tiv', tivAddr, fit.tivTable.map(BigInt), fieldFormat(fit.tivTable, lsb), `initial values, ${2 ** d.segmentBits} entries`, d.blockRam);
  d.offsets.forEach((o, j) => {
    const field = g.slice(`to${j}_c`, u, fieldShift(fit, j), uInt(o.bits));
    const addr = o.prefix > 0 ? g.concat(`to${j}_a`, g.slice(`to${j}_p`, u, k - o.prefix, uInt(o.prefix)), field, uInt(o.prefix + o.bits)) : field;
    const to = tableNode(g, `to${j}`, addr, fit.offsetTables[j]!.map(BigInt), fieldFormat(fit.offsetTables[j]!, lsb), `offset table ${j + 1}`, d.blockRam);
    sum = g.addN(`s${j}`, sum, to);
  });
  return { node: sum, fit };
}

/**
 * Builds one channel from input node `x` (the spec's input code): the folded local code, the
 * approximation rounded into `fnc.out`, the tail constants outside the window, the fold undone.
 * Returns the channel's output node (format fnc.out).
 */
export function buildChannel(g: Graph, d: ChannelDesign, fnc: ChannelFunction, x: number): number {
  const w = fnc.inputWidth;
  const k = d.windowBits;
  const xf = g.f(x);
  let folded = x;
  let neg: number | undefined;
  if (d.fold === 'abs') {
    neg = g.signBit('x_neg', x);
    const zero = g.constant('zero', 0n, { ...xf, int: 0, frac: xf.frac, signed: false });
    const minus = g.sub('x_minus', zero, x);
    const plus = g.resize('x_plus', x, g.f(minus), 'truncate', 'wrap');
    folded = g.select('x_abs', neg, minus, plus);
  }
  const u = localCode(g, d, folded);
  let y: number;
  if (d.method === 'table') {
    const entries = Array.from({ length: 2 ** k }, (_, v) => fnc.code(codeOf(d.fold, k, v)));
    y = tableNode(g, 'fn', u, entries, fnc.out, `the function at ${2 ** k} codes, correctly rounded`, d.blockRam);
  } else {
    const built = d.method === 'poly' ? buildPoly(g, d, fnc, u) : buildMultipartite(g, d, fnc, u);
    y = g.resize('y_win', built.node, fnc.out, fnc.rounding, 'saturate');
  }
  // The tail: outside the window the output is the constant of the nearest end.
  // The window covers every code (abs needs k = w: |x| reaches 2^(w-1)).
  const full = d.fold === 'neg' ? k >= w - 1 : k >= w;
  if (!full) {
    const inWin = d.fold === 'neg' ? g.window('in_win', folded, k, 'ones') : d.fold === 'mid' ? g.window('in_win', folded, k, 'same') : g.window('in_win', folded, k, 'zeros');
    const lo = -(2 ** (w - 1));
    const hi = 2 ** (w - 1) - 1;
    let tail: number;
    if (d.fold === 'mid') {
      const s = g.signBit('x_low', folded);
      tail = g.select('tail', s, g.constant('tail_lo', fnc.code(lo), fnc.out), g.constant('tail_hi', fnc.code(hi), fnc.out));
    } else tail = g.constant('tail', fnc.code(d.fold === 'neg' ? lo : -lo), fnc.out);
    y = g.select('y_in', inWin, y, tail);
  }
  if (neg !== undefined && fnc.reflect !== 'none') {
    const o = fnc.out;
    const r = fnc.reflect === 'negate'
      ? g.sub('y_refl', g.constant('y_zero', 0n, { signed: false, int: 0, frac: o.frac }), y)
      : g.sub('y_refl', g.constant('y_one', 1n << BigInt(o.frac), { signed: false, int: 1, frac: o.frac }), y);
    y = g.select('y_fold', neg, g.resize('y_refl_t', r, o, 'truncate', 'wrap'), y);
  }
  return y;
}
