// The direct methods: the function itself approximated on a window of input codes (a table, a
// piecewise polynomial, or multipartite tables), with the input folded first (ISRLU's identity half,
// odd and point symmetry), a comparator for the saturated tail, and the fold undone at the output.
// One channel per output (y, and dy when the spec has the derivative), each with its own design.

import { extent } from '../../common/index.js';
import { width, type Format, type Rounding } from '../../fixedpoint/index.js';
import type { DirectMethod } from '../../spec/index.js';
import type { Graph } from '../graph.js';
import type { Table } from '../types.js';
import type { Fold } from './window.js';
import { codeOf } from './window.js';
import { fitMultipartite, fitPoly, fieldShift, isTreeMerge, polyPieces } from './approx.js';

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
  /** poly: bits of the offset t each product uses, level 0 (the last product) first. */
  readonly tBits: readonly number[];
  /** poly: non-uniform segments, per region the segment-index bits merged (see PolyShape.merge); empty: uniform. */
  readonly merge: readonly number[];
  /**
   * poly: how many Horner products, the highest order (narrowest) first, are in LUTs on a device
   * with DSP blocks; absent: none (synthesis maps each to a DSP block by its own rules).
   */
  readonly lutProducts?: number;
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
  /** h at every integer code of the window (computed once, then shared by the fits and the search). */
  samples(): Float64Array;
  /** The correctly rounded output code at input code x (for tables and tail constants). */
  code(x: number): bigint;
  /** Input width and the function's reflection for the abs fold: odd (-y), gate (1 - y), even (y). */
  readonly inputWidth: number;
  readonly reflect: 'negate' | 'complement' | 'none';
}

const uInt = (bits: number): Format => ({ signed: false, int: bits, frac: 0 });

/** Two's complement bits of raw values in the narrowest signed (or unsigned) format holding them all. */
export function fieldFormat(values: readonly number[], frac: number): Format {
  const { min: mn, max: mx } = extent(values);
  // At least one bit: a field of zeros is still a value the datapath carries.
  if (mn >= 0) return { signed: false, int: Math.max(1, Math.ceil(Math.log2(mx + 1))) - frac, frac };
  const bits = Math.max(mx > 0 ? Math.ceil(Math.log2(mx + 1)) : 0, Math.ceil(Math.log2(-mn)));
  return { signed: true, int: bits - frac, frac };
}

/**
 * A table of raw values in `f` stored with only the bits that vary: the constant top bits (a sign
 * extension, say) come back by concatenation. Returns the node holding the value in format `f`.
 */
function tableNode(g: Graph, name: string, address: () => number, entries: readonly bigint[], f: Format, desc: string, block: boolean): number {
  // One entry (no address bits): a constant, not a memory.
  if (entries.length === 1) return g.constant(`${name}_v`, entries[0]!, f);
  const addr = address();
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

/**
 * The half ulp that turns the final truncation into a rounding to nearest (ties up), added to c0 or
 * to the initial values instead of an incrementer after the sum (raw, at LSB 2^-lsb).
 */
export function roundingFold(fnc: Pick<ChannelFunction, 'out' | 'rounding'>, lsb: number): number {
  const d = lsb - fnc.out.frac;
  return fnc.rounding === 'truncate' || d <= 0 ? 0 : 2 ** (d - 1);
}

/**
 * The output of a channel's sum (raw at LSB 2^-lsb, the rounding half already in it), truncated
 * into the output format: a saturating resize only where some sum over the window leaves its range.
 */
function truncateInto(g: Graph, sum: number, fnc: ChannelFunction, lsb: number, raw: { readonly min: number; readonly max: number }): number {
  const o = fnc.out;
  const d = lsb - o.frac;
  // The truncation is monotonic: the extremes of the raw sums give the extremes of the codes.
  const lo = Math.floor(raw.min / 2 ** d);
  const hi = Math.floor(raw.max / 2 ** d);
  const oLo = o.signed ? -(2 ** (width(o) - 1)) : 0;
  const oHi = o.signed ? 2 ** (width(o) - 1) - 1 : 2 ** width(o) - 1;
  if (lo < oLo || hi > oHi) return g.resize('y_win', sum, o, 'truncate', 'saturate');
  // In range everywhere: a wrap (wiring), and the top bits every output shares made constants, so
  // that synthesis sees them (an ISRLU output in [-1, 0) has its sign and integer bits known).
  const w = width(o);
  const code = (v: number) => BigInt.asUintN(w, BigInt(v));
  const varying = (code(lo) ^ code(hi)).toString(2).length;
  const y = g.resize('y_win', sum, o, 'truncate', 'wrap');
  if (varying >= w || code(lo) >> BigInt(varying) !== code(hi) >> BigInt(varying)) return y;
  const keep = Math.max(1, varying);
  return g.concat('y_win_c', g.constant('y_top', code(lo) >> BigInt(keep), uInt(w - keep)), g.slice('y_low', y, 0, uInt(keep)), o);
}

/**
 * The centred offset t (n bits) of u in its piece: u's bits [n-1:0] with the top one inverted, or,
 * in a region of merged segments, the top n bits of the longer span (bits [n+dm-1:dm]): a
 * multiplexer over the regions (the top bits of the segment index).
 */
function offsetNode(g: Graph, u: number, k: number, n: number, merge: readonly number[]): number {
  const tf = { signed: true, int: -1, frac: n };
  const at = new Map<number, number>();
  const piece = (dm: number) => {
    if (!at.has(dm)) at.set(dm, g.slice(dm === 0 ? 't' : `t_m${dm}`, u, dm, tf, 1n << BigInt(n - 1)));
    return at.get(dm)!;
  };
  if (merge.length <= 1) return piece(merge[0] ?? 0);
  const r = Math.log2(merge.length);
  // A tree of 2:1 selects on the region bits, top bit first; equal arms need no select.
  const build = (lo: number, size: number, bit: number): number => {
    if (size === 1) return piece(merge[lo]!);
    const half = size / 2;
    const a = build(lo, half, bit - 1);
    const b = build(lo + half, half, bit - 1);
    if (a === b) return a;
    return g.select(`t_r${lo}_${size}`, g.slice(`rb${bit}_${lo}`, u, k - r + bit, { signed: false, int: 1, frac: 0 }), b, a);
  };
  return build(0, merge.length, r - 1);
}

/**
 * The coefficient table's address and rows. Uniform: the segment index. Non-uniform: one row per
 * piece, the regions laid out largest first so each starts at a multiple of its size, the address
 * {region base, the region's local index} chosen by a multiplexer over the region bits.
 */
function pieceAddress(g: Graph, u: number, k: number, m: number, n: number, merge: readonly number[], entries: readonly bigint[]): { addr: number; rows: bigint[] } {
  if (merge.length <= 1 && (merge[0] ?? 0) === 0) return { addr: g.slice('seg', u, n, uInt(m)), rows: [...entries] };
  const r = Math.log2(merge.length);
  const per = m - r;
  const regions = merge.map((dm, j) => ({ j, dm, bits: per - dm })).sort((a, b) => b.bits - a.bits || a.j - b.j);
  const rows: bigint[] = [];
  const base = new Map<number, number>();
  for (const q of regions) {
    base.set(q.j, rows.length);
    for (let i = 0; i < 2 ** q.bits; i++) rows.push(entries[(q.j << per) + (i << q.dm)]!);
  }
  const A = Math.max(1, Math.ceil(Math.log2(rows.length)));
  while (rows.length < 2 ** A) rows.push(rows[rows.length - 1]!);
  const local = (j: number): number => {
    const q = regions.find((x) => x.j === j)!;
    const b = base.get(j)!;
    if (q.bits === 0) return g.constant(`pa${j}`, BigInt(b), uInt(A));
    const l = g.slice(`pl${j}`, u, n + q.dm, uInt(q.bits));
    return q.bits === A ? l : g.concat(`pa${j}`, g.constant(`pb${j}`, BigInt(b >> q.bits), uInt(A - q.bits)), l, uInt(A));
  };
  const build = (lo: number, size: number, bit: number): number => {
    if (size === 1) return local(lo);
    const a = build(lo, size / 2, bit - 1);
    const b = build(lo + size / 2, size / 2, bit - 1);
    return g.select(`pa_r${lo}_${size}`, g.slice(`pab${bit}_${lo}`, u, k - r + bit, { signed: false, int: 1, frac: 0 }), b, a);
  };
  return { addr: build(0, merge.length, r - 1), rows };
}

/**
 * A tree of pieces (see PolyShape.merge): a small table in logic, addressed by the top bits of u
 * down to the finest piece, gives each code its piece's row in the coefficient table and the class
 * of its piece's size; the centred offset t is the slice of u at that size, chosen by the class.
 */
function treeAddress(g: Graph, u: number, k: number, m: number, n: number, merge: readonly number[], entries: readonly bigint[]): { addr: number; t: number; rows: bigint[] } {
  const pieces = polyPieces({ m, merge });
  const depth = Math.max(1, m - Math.min(...pieces.map((p) => p.dm)));
  const sizes = [...new Set(pieces.map((p) => p.dm))].sort((a, b) => a - b);
  const A = Math.max(1, Math.ceil(Math.log2(pieces.length)));
  const C = sizes.length > 1 ? Math.ceil(Math.log2(sizes.length)) : 0;
  const rows = pieces.map((p) => entries[p.seg]!);
  while (rows.length < 2 ** A) rows.push(rows[rows.length - 1]!);
  const index: bigint[] = [];
  for (let pre = 0; pre < 2 ** depth; pre++) {
    const seg = pre << (m - depth);
    const row = pieces.findIndex((p) => seg >= p.seg && seg < p.seg + 2 ** p.dm);
    index.push((BigInt(sizes.indexOf(pieces[row]!.dm)) << BigInt(A)) | BigInt(row));
  }
  const idx = tableNode(g, 'pidx', () => g.slice('pre', u, k - depth, uInt(depth)), index, uInt(A + C), `piece row and size class of ${2 ** depth} prefixes`, false);
  const addr = g.slice('prow', idx, 0, uInt(A));
  const tf = { signed: true, int: -1, frac: n };
  const slices = sizes.map((dm) => g.slice(dm === 0 ? 't' : `t_m${dm}`, u, dm, tf, 1n << BigInt(n - 1)));
  // A tree of 2:1 selects on the class bits, top bit first; classes past the last are the last.
  const build = (lo: number, size: number, bit: number): number => {
    if (size === 1) return slices[Math.min(lo, slices.length - 1)]!;
    const a = build(lo, size / 2, bit - 1);
    const b = build(lo + size / 2, size / 2, bit - 1);
    if (a === b) return a;
    return g.select(`t_c${lo}_${size}`, g.slice(`pc${bit}_${lo}`, idx, A + bit, uInt(1)), b, a);
  };
  return { addr, t: build(0, 2 ** C, C - 1), rows };
}

/** The poly channel: coefficient tables by segment, Horner with truncated products. */
function buildPoly(g: Graph, d: ChannelDesign, fnc: ChannelFunction, u: number): number {
  const k = d.windowBits;
  const m = d.segmentBits;
  const n = k - m;
  const shape = { k, m, degree: d.degree, lsb: d.lsb, tBits: d.tBits, merge: d.merge };
  const fitted = fitPoly((v) => fnc.h(v), shape, fnc.samples());
  const half = roundingFold(fnc, d.lsb[0]!);
  const fit = { ...fitted, coeffs: fitted.coeffs.map((c) => c.map((v, i) => (i === 0 ? v + half : v))) };
  const tree = m > 0 && isTreeMerge(shape);
  let t = n > 0 && !tree ? offsetNode(g, u, k, n, d.merge) : undefined;
  // One table holds every coefficient of a segment, c_d in the top field.
  const formats = Array.from({ length: d.degree + 1 }, (_, i) => fieldFormat(fit.coeffs.map((c) => c[i]!), d.lsb[i]!));
  const widths = formats.map(width);
  const total = widths.reduce((a, b) => a + b, 0);
  const offsetOf = (i: number) => widths.slice(0, i).reduce((a, b) => a + b, 0);
  const entries = fit.coeffs.map((c) => c.reduce((acc, v, i) => acc | (BigInt.asUintN(widths[i]!, BigInt(v)) << BigInt(offsetOf(i))), 0n));
  let coef: number[];
  if (m === 0) {
    // One segment: the coefficients are constants.
    coef = formats.map((f, i) => g.constant(`c${i}`, BigInt(fit.coeffs[0]![i]!), f));
  } else {
    let placed: { addr: number; rows: bigint[] };
    if (tree) {
      const tr = treeAddress(g, u, k, m, n, d.merge, entries);
      if (n > 0) t = tr.t;
      placed = tr;
    } else placed = pieceAddress(g, u, k, m, n, d.merge, entries);
    const { addr, rows } = placed;
    const word = tableNode(g, 'coeffs', () => addr, rows, uInt(total), `degree-${d.degree} coefficients of ${rows.length} pieces`, d.blockRam);
    coef = formats.map((f, i) => g.slice(`c${i}`, word, offsetOf(i), f));
  }
  let acc = coef[d.degree]!;
  for (let i = d.degree - 1; i >= 0; i--) {
    if (t === undefined) break;
    // The top tBits[i] bits of t: a shorter operand for the higher-order products.
    const tb = d.tBits[i] ?? n;
    const ti = tb < n ? g.slice(`t${i}`, t, n - tb, { signed: true, int: -1, frac: tb }) : t;
    const prod = g.mul(`p${i}`, acc, ti, d.degree - i <= (d.lutProducts ?? 0));
    // c_i joins the product at the product's LSB (its low bits are zeros, so truncating after the
    // add equals truncating before it), which lets synthesis pack the add into the DSP block.
    const sum = g.addN(`h${i}_full`, prod, coef[i]!);
    const sf = g.f(sum);
    acc = g.narrow(`h${i}`, sum, { signed: sf.signed, int: sf.int, frac: d.lsb[i]! }, 'truncate', 'wrap');
  }
  return truncateInto(g, acc, fnc, d.lsb[0]!, { min: fitted.raw.min + half, max: fitted.raw.max + half });
}

/** The multipartite channel: the table of initial values plus the offset tables, summed. */
function buildMultipartite(g: Graph, d: ChannelDesign, fnc: ChannelFunction, u: number): number {
  const k = d.windowBits;
  const lsb = d.lsb[0]!;
  const fitted = fitMultipartite((v) => fnc.h(v), { k, tiv: d.segmentBits, offsets: d.offsets, lsb }, fnc.samples());
  const half = roundingFold(fnc, lsb);
  const fit = { ...fitted, tivTable: fitted.tivTable.map((v) => v + half) };
  const tiv = tableNode(g, 'tiv', () => g.slice('tiv_a', u, k - d.segmentBits, uInt(d.segmentBits)), fit.tivTable.map(BigInt), fieldFormat(fit.tivTable, lsb), `initial values, ${2 ** d.segmentBits} entries`, d.blockRam);
  // The offsets are small: summed among themselves first (narrow adders), then added once to the
  // wide initial value.
  let offsets: number | undefined;
  d.offsets.forEach((o, j) => {
    const field = g.slice(`to${j}_c`, u, fieldShift(fit, j), uInt(o.bits));
    const addr = o.prefix > 0 ? g.concat(`to${j}_a`, g.slice(`to${j}_p`, u, k - o.prefix, uInt(o.prefix)), field, uInt(o.prefix + o.bits)) : field;
    const to = tableNode(g, `to${j}`, () => addr, fit.offsetTables[j]!.map(BigInt), fieldFormat(fit.offsetTables[j]!, lsb), `offset table ${j + 1}`, d.blockRam);
    offsets = offsets === undefined ? to : g.addN(`so${j}`, offsets, to);
  });
  const sum = offsets === undefined ? tiv : g.addN('s', tiv, offsets);
  return truncateInto(g, sum, fnc, lsb, { min: fitted.raw.min + half, max: fitted.raw.max + half });
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
  let y: number;
  // A window of one code (a 1-bit input's negative half): the function there is a constant.
  const u = k > 0 ? localCode(g, d, folded) : undefined;
  if (u === undefined) y = g.constant('fn_v', fnc.code(codeOf(d.fold, 0, 0)), fnc.out);
  else if (d.method === 'table') {
    const entries = Array.from({ length: 2 ** k }, (_, v) => fnc.code(codeOf(d.fold, k, v)));
    y = tableNode(g, 'fn', () => u, entries, fnc.out, `the function at ${2 ** k} codes, correctly rounded`, d.blockRam);
  } else {
    y = d.method === 'poly' ? buildPoly(g, d, fnc, u) : buildMultipartite(g, d, fnc, u);
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
