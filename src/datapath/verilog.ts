// Verilog-2005 spelling of every datapath op, beside its semantics in ops.ts. Each op becomes a few
// continuous assignments over plain bit vectors ([W-1:0], two's complement where the format is
// signed) with every width explicit, so the output is lint-clean under `verilator -Wall`.
// Invariant: the bits of the Verilog wire equal toCode(evalNode(...)) for every input.

import { width, minRaw, maxRaw, type Format } from '../fixedpoint/index.js';
import { maxUnsigned, MAGIC_BIAS } from './ops.js';
import type { Node } from './types.js';

/** A sized Verilog literal of `w` bits holding the two's-complement code of `v`. */
export function lit(w: number, v: bigint): string {
  return `${w}'h${BigInt.asUintN(w, v).toString(16)}`;
}

/** `e` (a plain identifier of `from` bits) extended to `to` bits, by sign or by zeros. */
export function ext(e: string, from: number, to: number, signed: boolean): string {
  if (to === from) return e;
  if (to < from) return `${e}[${to - 1}:0]`;
  const pad = to - from;
  return signed ? `{{${pad}{${e}[${from - 1}]}}, ${e}}` : `{${pad}'b0, ${e}}`;
}

/** Bits [hi:lo] of a `w`-bit identifier, zero-filled where the range leaves the vector. */
export function slice(e: string, w: number, hi: number, lo: number): string {
  const parts: string[] = [];
  if (hi >= w) parts.push(`${hi - Math.max(lo, w) + 1}'b0`);
  const top = Math.min(hi, w - 1);
  const bot = Math.max(lo, 0);
  if (top >= bot) parts.push(top === bot ? `${e}[${top}]` : `${e}[${top}:${bot}]`);
  if (lo < 0) parts.push(`${Math.min(hi, -1) - lo + 1}'b0`);
  return parts.length === 1 ? parts[0]! : `{${parts.join(', ')}}`;
}

const decl = (name: string, w: number) => `wire [${w - 1}:0] ${name};`;
const bitsFor = (n: number) => Math.max(1, Math.ceil(Math.log2(n + 1)));

/**
 * Verilog lines computing node `n` into the wire `out` (declared by the caller), from operand
 * wires `a` with formats `fa`. Helper wires are named `${out}__...` (a double underscore: no node or register name has one).
 */
export function verilogOf(n: Node, a: readonly string[], fa: readonly Format[], out: string): string[] {
  const w = width(n.fmt);
  const wa = (i: number) => width(fa[i]!);
  switch (n.op) {
    case 'input':
      throw new Error('inputs are ports');
    case 'const':
      return [`assign ${out} = ${lit(w, n.valueRaw)};`];
    case 'square':
    case 'mul': {
      const [x, y] = n.op === 'square' ? [a[0]!, a[0]!] : [a[0]!, a[1]!];
      const [fx, fy] = n.op === 'square' ? [fa[0]!, fa[0]!] : [fa[0]!, fa[1]!];
      if (fx.signed || fy.signed) return [`assign ${out} = $signed(${ext(x, width(fx), w, fx.signed)}) * $signed(${ext(y, width(fy), w, fy.signed)});`];
      return [`assign ${out} = ${ext(x, width(fx), w, false)} * ${ext(y, width(fy), w, false)};`];
    }
    case 'add':
    case 'sub': {
      // Align binary points by appending zeros, then extend to the result width.
      const lines: string[] = [];
      const ops = [0, 1].map((i) => {
        const sh = n.fmt.frac - fa[i]!.frac;
        if (sh === 0) return ext(a[i]!, wa(i), w, fa[i]!.signed);
        const al = `${out}__a${i}`;
        lines.push(decl(al, wa(i) + sh), `assign ${al} = {${a[i]}, ${sh}'b0};`);
        return ext(al, wa(i) + sh, w, fa[i]!.signed);
      });
      lines.push(`assign ${out} = ${ops[0]} ${n.op === 'add' ? '+' : '-'} ${ops[1]};`);
      return lines;
    }
    case 'shift':
    case 'bits':
      return [`assign ${out} = ${a[0]};`];
    case 'resize':
      return verilogResize(n, a[0]!, fa[0]!, out);
    case 'signBit':
      return [`assign ${out} = ${fa[0]!.signed ? `${a[0]}[${wa(0) - 1}]` : "1'b0"};`];
    case 'select':
      return [`assign ${out} = ${a[0]} ? ${a[1]} : ${a[2]};`];
    case 'normExp': {
      // Leading-one detection: e = floor((position - frac) / 2), a priority chain from the top bit.
      const tf = fa[0]!.frac;
      const emax = maxUnsigned(n.fmt);
      let expr = lit(w, 0n);
      for (let i = tf + 2; i < wa(0); i++) expr = `${a[0]}[${i}] ? ${lit(w, BigInt(Math.min(emax, (i - tf) >> 1)))} : ${expr}`;
      return [`assign ${out} = ${expr};`];
    }
    case 'normShift': {
      // m = t * 4^-e truncated: one constant shift per value of e.
      const tf = fa[0]!.frac;
      const emax = maxUnsigned(fa[1]!);
      let expr = lit(w, 0n);
      for (let e = emax; e >= 0; e--) {
        const s = n.fmt.frac - tf - 2 * e; // left shift by s
        expr = `(${a[1]} == ${lit(wa(1), BigInt(e))}) ? ${slice(a[0]!, wa(0), w - 1 - s, -s)} : ${expr}`;
      }
      return [`assign ${out} = ${expr};`];
    }
    case 'seedAddr':
    case 'seedOffset': {
      const M = fa[0]!.frac;
      const k = n.bits;
      const m = a[0]!;
      const wm = wa(0);
      if (n.op === 'seedAddr') {
        if (k === 1) return [`assign ${out} = ${m}[${M + 1}];`];
        return [`assign ${out} = ${m}[${M + 1}] ? {1'b1, ${slice(m, wm, M, M - k + 2)}} : {1'b0, ${slice(m, wm, M - 1, M - k + 1)}};`];
      }
      return [`assign ${out} = ${m}[${M + 1}] ? ${slice(m, wm, M - k + 1, 0)} : {${slice(m, wm, M - k, 0)}, 1'b0};`];
    }
    case 'rom':
      throw new Error('ROMs are spelled by the module generator (case statement or $readmemh)');
    case 'magicSeed':
      return verilogMagic(n, a[0]!, fa[0]!, out);
    case 'vshr': {
      // a * 2^(factor * (emax - e)): one constant left shift per value of e, sign-extended.
      const emax = maxUnsigned(fa[1]!);
      const lines: string[] = [];
      for (let e = 0; e <= emax; e++) {
        const s = n.factor * (emax - e);
        const sh = `${out}__s${e}`;
        lines.push(decl(sh, wa(0) + s), `assign ${sh} = ${s === 0 ? a[0] : `{${a[0]}, ${s}'b0}`};`);
        lines.push(decl(`${out}__x${e}`, w), `assign ${out}__x${e} = ${ext(sh, wa(0) + s, w, fa[0]!.signed)};`);
      }
      let mux = `${out}__x${emax}`;
      for (let e = emax - 1; e >= 0; e--) mux = `(${a[1]} == ${lit(wa(1), BigInt(e))}) ? ${out}__x${e} : ${mux}`;
      lines.push(`assign ${out} = ${mux};`);
      return lines;
    }
  }
}

/** Round (truncate / nearest-even / nearest-away), then wrap or saturate, as in resizeBig. */
function verilogResize(n: Node & { op: 'resize' }, a: string, from: Format, out: string): string[] {
  const to = n.fmt;
  const wf = width(from);
  const wt = width(to);
  const d = from.frac - to.frac;
  const lines: string[] = [];
  // q: the aligned value (floor), wq bits, same signedness as `from`.
  let q: string;
  let wq: number;
  if (d <= 0) {
    q = `${out}__q`;
    wq = wf - d;
    lines.push(decl(q, wq), `assign ${q} = ${d === 0 ? a : `{${a}, ${-d}'b0}`};`);
  } else {
    q = `${out}__q`;
    wq = Math.max(1, wf - d);
    lines.push(decl(q, wq), `assign ${q} = ${wf - d >= 1 ? `${a}[${wf - 1}:${d}]` : from.signed ? `${a}[${wf - 1}]` : "1'b0"};`);
  }
  let r = q;
  let wr = wq;
  if (d > 0 && n.rounding !== 'truncate') {
    const half = `${a}[${d - 1}]`;
    const sticky = d >= 2 ? `(|${a}[${d - 2}:0])` : "1'b0";
    const inc = n.rounding === 'nearest-even'
      ? `${half} & (${sticky} | ${q}[0])`
      : `${half} & (${sticky} | ${from.signed ? `~${a}[${wf - 1}]` : "1'b1"})`;
    r = `${out}__r`;
    wr = wq + 1;
    lines.push(`wire ${out}__inc;`, `assign ${out}__inc = ${inc};`);
    lines.push(decl(r, wr), `assign ${r} = ${ext(q, wq, wr, from.signed)} + {${wr - 1}'b0, ${out}__inc};`);
  }
  // Overflow: compare in a common width that holds r and the target's bounds.
  const lo = minRaw(to);
  const hi = maxRaw(to);
  const rMin = from.signed ? -(1n << BigInt(wr - 1)) : 0n;
  const rMax = (1n << BigInt(from.signed ? wr - 1 : wr)) - 1n;
  if (rMin >= lo && rMax <= hi) {
    lines.push(`assign ${out} = ${ext(r, wr, wt, from.signed)};`);
    return lines;
  }
  if (n.overflow === 'wrap') {
    lines.push(`assign ${out} = ${ext(r, wr, wt, from.signed)};`);
    return lines;
  }
  const wc = Math.max(wr, wt) + 1;
  const rc = `${out}__c`;
  lines.push(decl(rc, wc), `assign ${rc} = ${ext(r, wr, wc, from.signed)};`);
  const conds: string[] = [];
  if (rMax > hi) conds.push(`($signed(${rc}) > $signed(${lit(wc, hi)})) ? ${lit(wt, hi)}`);
  if (rMin < lo) conds.push(`($signed(${rc}) < $signed(${lit(wc, lo)})) ? ${lit(wt, lo)}`);
  lines.push(`assign ${out} = ${conds.join(' : ')} : ${rc}[${wt - 1}:0];`);
  return lines;
}

/** The magic-constant seed: I = float-like encoding of m, J = K - (I >> 1), decode J. */
function verilogMagic(n: Node & { op: 'magicSeed' }, m: string, fm: Format, out: string): string[] {
  const d = fm.frac;
  const wm = width(fm);
  const w = width(n.fmt);
  const wj = bitsFor(Number(n.magic)) + 1;
  const lines = [
    `wire ${out}__ex;`, `assign ${out}__ex = ${m}[${d + 1}];`,
    decl(`${out}__f`, d), `assign ${out}__f = ${out}__ex ? ${slice(m, wm, d, 1)} : ${slice(m, wm, d - 1, 0)};`,
    decl(`${out}__i`, wj), `assign ${out}__i = {${lit(wj - d, 0n)}, ${out}__f} + {${lit(wj - d, BigInt(MAGIC_BIAS))} + {${wj - d - 1}'b0, ${out}__ex}, ${d}'b0};`,
    decl(`${out}__jr`, wj), `assign ${out}__jr = ${lit(wj, n.magic)} - {1'b0, ${out}__i[${wj - 1}:1]};`,
    // J < 0 (its top bit) clamps to 0, as in the model.
    decl(`${out}__j`, wj), `assign ${out}__j = ${out}__jr[${wj - 1}] ? ${lit(wj, 0n)} : ${out}__jr;`,
    decl(`${out}__m`, d + 1), `assign ${out}__m = {1'b1, ${out}__j[${d - 1}:0]};`,
  ];
  // y = mant << (jtop - MAGIC_BIAS + 2), clamped; one constant shift per exponent value.
  const wtop = wj - d;
  const maxTop = Number(n.magic >> BigInt(d));
  const max = maxRaw(n.fmt);
  let expr = lit(w, 0n);
  for (let t = maxTop; t >= 0; t--) {
    const s = t - MAGIC_BIAS + 2;
    // mant << s has d+1+s bits; wider than the output means every mant clamps to the maximum.
    const v = d + 1 + s > w ? lit(w, max) : slice(`${out}__m`, d + 1, w - 1 - s, -s);
    expr = `(${out}__j[${wj - 1}:${d}] == ${lit(wtop, BigInt(t))}) ? ${v} : ${expr}`;
  }
  lines.push(`assign ${out} = ${expr};`);
  return lines;
}
