// Bit-exact semantics of every datapath op, in one function (BigInt, any width), with the op's
// JavaScript fast-path spelling and its simple cost beside it. Back ends read these; none of them
// re-derives the arithmetic.

import { width, resizeBig, roundShiftBig, type Format } from '../fixedpoint/index.js';
import type { Node } from './types.js';

const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;

/** Largest value an unsigned integer format can hold (the shift range of vshr). */
export function maxUnsigned(f: Format): number {
  return 2 ** width(f) - 1;
}

/** Magic-seed encoding bias: I = (E' + MAGIC_BIAS) * 2^d + f keeps J = K - (I >> 1) positive. */
export const MAGIC_BIAS = 3;

/**
 * Evaluates one node on BigInt raw operands. This is the reference semantics of the op.
 * `fmts` are the operand formats, in argument order.
 */
export function evalNode(n: Node, a: readonly bigint[], fmts: readonly Format[]): bigint {
  switch (n.op) {
    case 'input':
      throw new Error('input nodes are set, not evaluated');
    case 'const':
      return n.valueRaw;
    case 'square':
      return a[0]! * a[0]!;
    case 'mul':
      return a[0]! * a[1]!;
    case 'add':
    case 'sub': {
      const x = a[0]! << BigInt(n.fmt.frac - fmts[0]!.frac);
      const y = a[1]! << BigInt(n.fmt.frac - fmts[1]!.frac);
      return n.op === 'add' ? x + y : x - y;
    }
    case 'shift':
      return a[0]!;
    case 'resize':
      return resizeBig(a[0]!, fmts[0]!, n.fmt, n.rounding, n.overflow);
    case 'bits':
      return BigInt.asUintN(width(fmts[0]!), a[0]!);
    case 'normExp': {
      const t = a[0]!;
      if (t <= 0n) return 0n;
      const p = t.toString(2).length - 1 - fmts[0]!.frac; // floor(log2(t))
      const e = p > 0 ? p >> 1 : 0;
      return BigInt(Math.min(e, maxUnsigned(n.fmt)));
    }
    case 'normShift': {
      const e = Number(a[1]!);
      return roundShiftBig(a[0]!, fmts[0]!.frac + 2 * e, n.fmt.frac, 'truncate') & mask(width(n.fmt));
    }
    case 'seedAddr': {
      const m = a[0]!;
      const M = fmts[0]!.frac;
      const k = n.bits;
      const hi = (m >> BigInt(M + 1)) & 1n;
      const idx = hi ? (m >> BigInt(M + 2 - k)) & mask(k - 1) : (m >> BigInt(M + 1 - k)) & mask(k - 1);
      return (hi << BigInt(k - 1)) | idx;
    }
    case 'seedOffset': {
      const m = a[0]!;
      const M = fmts[0]!.frac;
      const k = n.bits;
      const hi = (m >> BigInt(M + 1)) & 1n;
      return hi ? m & mask(M + 2 - k) : (m & mask(M + 1 - k)) << 1n;
    }
    case 'rom': {
      const e = n.table.entries[Number(a[0]!)];
      if (e === undefined) throw new RangeError(`${n.name}: address ${a[0]} outside table ${n.table.name}`);
      return e;
    }
    case 'magicSeed': {
      const m = a[0]!;
      const d = fmts[0]!.frac;
      const bd = BigInt(d);
      const ex = (m >> BigInt(d + 1)) & 1n;
      const f = ex ? (m >> 1n) & mask(d) : m & mask(d);
      const i = ((ex + BigInt(MAGIC_BIAS)) << bd) | f;
      let j = n.magic - (i >> 1n);
      if (j < 0n) j = 0n;
      const ey = Number(j >> bd) - MAGIC_BIAS;
      const mant = (1n << bd) | (j & mask(d));
      const s = ey + 2; // output is uQ0.(d+2): 2^ey * mant * 2^-d
      const y = s >= 0 ? mant << BigInt(s) : mant >> BigInt(-s);
      return y > mask(width(n.fmt)) ? mask(width(n.fmt)) : y;
    }
    case 'vshr': {
      const emax = maxUnsigned(fmts[1]!);
      return a[0]! << BigInt(n.factor * (emax - Number(a[1]!)));
    }
    case 'signBit':
      return a[0]! < 0n ? 1n : 0n;
    case 'select':
      return a[0]! !== 0n ? a[1]! : a[2]!;
  }
}

/** Result format of vshr: the same integer bits, factor * max(e) more fraction bits. */
export function vshrFormat(a: Format, e: Format, factor: number): Format {
  const grow = factor * maxUnsigned(e);
  return { signed: a.signed, int: a.int, frac: a.frac + grow };
}

/**
 * Significant bits a node's raw value can carry. Equal to the width except for shift and vshr,
 * whose raw values are another node's value times a power of two: a double holds those exactly
 * even when the width exceeds 53.
 */
export function significantBits(n: Node, argSig: readonly number[]): number {
  if (n.op === 'shift' || n.op === 'vshr') return argSig[0]!;
  return width(n.fmt);
}

/** A simple LUT4-equivalent cost per op, used by faithful sizing until the area model exists. */
export function simpleCost(n: Node, fmts: readonly Format[], consts: readonly (bigint | undefined)[]): number {
  const w = width(n.fmt);
  switch (n.op) {
    case 'square':
      return (width(fmts[0]!) ** 2) / 2;
    case 'mul': {
      const c = consts.find((v) => v !== undefined);
      if (c !== undefined) {
        const other = fmts[consts[0] !== undefined ? 1 : 0]!;
        return (c.toString(2).split('1').length - 2) * width(other); // one adder per extra set bit
      }
      return width(fmts[0]!) * width(fmts[1]!);
    }
    case 'add':
    case 'sub':
      return w;
    case 'resize':
      return (n.rounding !== 'truncate' && fmts[0]!.frac > n.fmt.frac ? w : 0) + (n.overflow === 'saturate' ? w / 2 : 0);
    case 'normExp':
      return width(fmts[0]!) * 1.5;
    case 'normShift':
    case 'vshr':
      return w * Math.max(1, width(fmts[1]!));
    case 'seedAddr':
    case 'seedOffset':
      return n.bits;
    case 'rom':
      return Math.max(width(n.fmt), (n.table.entries.length * width(n.table.data)) / 16 * 1.25);
    case 'magicSeed':
      return w;
    case 'select':
      return w;
    default:
      return 0;
  }
}
