// The op registry: one module per op kind (or per pair of twin kinds), typed so that a kind without
// its module is a compile error. Back ends dispatch through `opOf`, never through a switch of their own.

import { width, type Format } from '../../fixedpoint/index.js';
import type { Node, OpKind } from '../types.js';
import type { NodeOf, OpDef, OpRegistry, VerilogContext } from './types.js';
import { INPUT, SHIFT, BITS, SIGN_BIT } from './wiring.js';
import { CONST } from './const.js';
import { ADD, SUB } from './add-sub.js';
import { SQUARE, MUL } from './multiply.js';
import { RESIZE } from './resize.js';
import { NORM_EXP } from './norm-exp.js';
import { NORM_SHIFT, VSHR } from './case-shift.js';
import { SEED_ADDR, SEED_OFFSET } from './seed.js';
import { ROM } from './rom.js';
import { MAGIC_SEED } from './magic-seed.js';
import { SELECT } from './select.js';
import { SLICE } from './slice.js';
import { CONCAT } from './concat.js';
import { WINDOW } from './window.js';

export const OPS: OpRegistry = {
  input: INPUT, const: CONST, square: SQUARE, mul: MUL, add: ADD, sub: SUB, shift: SHIFT, resize: RESIZE, bits: BITS,
  normExp: NORM_EXP, normShift: NORM_SHIFT, seedAddr: SEED_ADDR, seedOffset: SEED_OFFSET, rom: ROM, magicSeed: MAGIC_SEED,
  vshr: VSHR, signBit: SIGN_BIT, select: SELECT, slice: SLICE, concat: CONCAT, window: WINDOW,
};

/** The module of a node's op kind, typed for that node. */
export function opOf<K extends OpKind>(n: NodeOf<K>): OpDef<K>;
export function opOf(n: Node): OpDef<OpKind>;
export function opOf(n: Node): OpDef<OpKind> {
  return OPS[n.op] as unknown as OpDef<OpKind>;
}

export type * from './types.js';
export { COST_CLASSES } from './types.js';
export { ones, bitRange, topBit, popCount } from './bits.js';
export { lit, ext, slice, p2 } from './spell.js';
export { resizeLogic, isWiringResize, emitOverflow } from './resize.js';
export { vshrFormat } from './case-shift.js';
export { MAGIC_BIAS } from './magic-seed.js';
export { seedLayout } from './seed.js';
export { normExpStates } from './norm-exp.js';
export { romLogic, bramBlocks, mapRoms, knownMask, hasEnable, romWriting, romPlacement, type RomLogic } from './rom.js';
export { mulShape, softMulIce40, softNode, softProducts, partialProducts, fabricProducts, type MulShape } from './multiply.js';
export { dspPostAddOperand } from './add-sub.js';
export { tileMul, type MulCell, type Tiling } from './dsp-tiling.js';

/** Evaluates one node on BigInt raw operands (`fa`: operand formats): the reference semantics. */
export function evalNode(n: Node, a: readonly bigint[], fa: readonly Format[]): bigint {
  return opOf(n).evaluate(n, a, fa);
}

/**
 * Verilog lines computing node `n` into the wire `out` (declared by the caller), from operand
 * wires `a` with formats `fa`. Helper wires are named `${out}__...` (a double underscore: no node
 * or register name has one). Invariant: the wire's bits equal toCode(evalNode(...)) for every input.
 */
export function verilogOf(n: Node, a: readonly string[], fa: readonly Format[], out: string, ctx: VerilogContext): string[] {
  return opOf(n).verilog(n, a, fa, out, ctx);
}

/** Significant bits a node's raw value can carry (see OpDef.significantBits). */
export function significantBits(n: Node, argSig: readonly number[]): number {
  return opOf(n).significantBits(n, argSig);
}

/** A simple LUT4-equivalent cost of one node (faithful sizing ranks candidates by it). */
export function simpleCost(n: Node, fa: readonly Format[], consts: readonly (bigint | undefined)[]): number {
  return opOf(n).simpleCost(n, fa, consts);
}

/** Largest value an unsigned integer format can hold (the shift range of vshr and normShift). */
export function maxUnsigned(f: Format): number {
  return 2 ** width(f) - 1;
}
