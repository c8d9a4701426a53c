// Pure wiring ops: `input` (the port), `shift` (the binary point moves, the bits stay), `bits` (a
// signed value's bit pattern as an unsigned integer) and `signBit` (the top bit). No logic, no
// delay, no area; their bits are their operand's bits.

import { width } from '../../fixedpoint/index.js';
import type { OpDef } from './types.js';
import { p2 } from './spell.js';

const NONE = { parts: [] } as const;

export const INPUT: OpDef<'input'> = {
  kind: 'input', costClass: 'mux',
  evaluate() { throw new Error('input nodes are set, not evaluated'); },
  js: () => [],
  verilog() { throw new Error('inputs are ports'); },
  delay: () => 0,
  bits: (n, _fa, _src) => ({ bits: Array.from({ length: width(n.fmt) }, (_, k) => ({ root: n.id, bit: k })), alias: false }),
  reads: () => [],
  area: () => NONE,
  simpleCost: () => 0,
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};

/** a * 2^by: the raw value is unchanged, the binary point moves. */
export const SHIFT: OpDef<'shift'> = {
  kind: 'shift', costClass: 'mux',
  evaluate: (_n, a) => a[0]!,
  js: (n, a) => [`const v${n.id} = ${a[0]};`],
  verilog: (_n, a, _fa, out) => [`assign ${out} = ${a[0]};`],
  delay: () => 0,
  bits: (n, _fa, src) => ({ bits: Array.from({ length: width(n.fmt) }, (_, k) => src(n.args[0]!, k)), alias: true }),
  reads: (_n, _u, fa) => fa.map((f) => (1n << BigInt(width(f))) - 1n),
  area: () => NONE,
  simpleCost: () => 0,
  // Another node's value times a power of two: a double holds it exactly even past 53 bits of width.
  significantBits: (_n, argSig) => argSig[0]!,
  foldedResetBits: () => 0n,
};

/** Two's-complement bit pattern of a signed value as an unsigned integer (table addresses). */
export const BITS: OpDef<'bits'> = {
  kind: 'bits', costClass: 'mux',
  evaluate: (_n, a, fa) => BigInt.asUintN(width(fa[0]!), a[0]!),
  js: (n, a, fa) => [`const v${n.id} = ${a[0]} < 0 ? ${a[0]} + ${p2(width(fa[0]!))} : ${a[0]};`],
  verilog: (_n, a, _fa, out) => [`assign ${out} = ${a[0]};`],
  delay: () => 0,
  bits: (n, _fa, src) => ({ bits: Array.from({ length: width(n.fmt) }, (_, k) => src(n.args[0]!, k)), alias: true }),
  reads: (_n, _u, fa) => fa.map((f) => (1n << BigInt(width(f))) - 1n),
  area: () => NONE,
  simpleCost: () => 0,
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};

/** 1 when the operand is negative, else 0 (uQ1.0). */
export const SIGN_BIT: OpDef<'signBit'> = {
  kind: 'signBit', costClass: 'mux',
  evaluate: (_n, a) => (a[0]! < 0n ? 1n : 0n),
  js: (n, a) => [`const v${n.id} = ${a[0]} < 0 ? 1 : 0;`],
  verilog: (_n, a, fa, out) => [`assign ${out} = ${fa[0]!.signed ? `${a[0]}[${width(fa[0]!) - 1}]` : "1'b0"};`],
  delay: () => 0,
  bits: (n, fa, src) => ({ bits: [fa[0]!.signed ? src(n.args[0]!, width(fa[0]!) - 1) : { value: 0 }], alias: true }),
  reads: (_n, _u, fa) => [1n << BigInt(width(fa[0]!) - 1)],
  area: () => NONE,
  simpleCost: () => 0,
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};
