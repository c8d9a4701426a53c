// The elaborated datapath: a typed graph of fixed-point operations and the tables they read.
// Invariant: nodes are in topological order (args always have smaller ids) and every node's
// `fmt` holds its exact result; only `resize` narrows, and it names rounding and overflow.

import type { Format, Rounding, Overflow } from '../fixedpoint/index.js';
import type { Spec, RsqrtParams } from '../spec/index.js';
import type { ChannelDesign, DirectMethod } from './methods/direct.js';

/** A read-only table shared by model, simulator and Verilog (entries are raw values of `data`). */
export interface Table {
  readonly name: string;
  readonly addrBits: number;
  readonly data: Format;
  readonly entries: readonly bigint[];
  /** What the table holds, for comments in generated files. */
  readonly description: string;
}

export type NodeParams =
  | { readonly op: 'input' }
  | { readonly op: 'const'; readonly valueRaw: bigint }
  /** soft: spelled in LUTs (partial-product sums) even where the device has DSP blocks. */
  | { readonly op: 'square'; readonly soft?: true }
  | { readonly op: 'mul'; readonly soft?: true }
  | { readonly op: 'add' }
  | { readonly op: 'sub' }
  /** a * 2^by: the raw value is unchanged, the binary point moves. */
  | { readonly op: 'shift'; readonly by: number }
  | { readonly op: 'resize'; readonly rounding: Rounding; readonly overflow: Overflow }
  /** Two's-complement bit pattern of a signed value as an unsigned integer (table addresses). */
  | { readonly op: 'bits' }
  /** e = floor(log2(t) / 2) for t >= 1 (leading-one detection), 0 for t < 1. */
  | { readonly op: 'normExp' }
  /** (t, e) -> m = t * 4^-e truncated to the node format uQ2.M, so m is in [1, 4). */
  | { readonly op: 'normShift' }
  /** m in [1, 4) -> seed address {m >= 2, the next bits-1 mantissa bits after the leading one}. */
  | { readonly op: 'seedAddr'; readonly bits: number }
  /** m -> position inside its seed segment as a fraction in [0, 1). */
  | { readonly op: 'seedOffset'; readonly bits: number }
  /** A table read; `block`: in block RAM (a registered read), or in logic (false); absent: as synthesis decides. */
  | { readonly op: 'rom'; readonly table: Table; readonly block?: boolean }
  /** Fast inverse square root seed: J = K - (I >> 1) on a float-like encoding I of m (bias 3). */
  | { readonly op: 'magicSeed'; readonly magic: bigint }
  /** (a, e) -> a * 2^(-factor * e), exact (the format grows by factor * max(e) fraction bits). */
  | { readonly op: 'vshr'; readonly factor: number }
  /** 1 when the operand is negative, else 0 (uQ1.0). */
  | { readonly op: 'signBit' }
  /** (c, a, b) -> c ? a : b; a and b share a format. */
  | { readonly op: 'select' }
  /** Bits [lo + w - 1 : lo] of the operand's code, `invert` flipping some, read in the node's format (width w). */
  | { readonly op: 'slice'; readonly lo: number; readonly invert: bigint }
  /** (hi, lo) -> {hi, lo}, read in the node's format. */
  | { readonly op: 'concat' }
  /** 1 when the operand's bits from `lo` up are all ones, all zeros, or (from lo - 1) all equal. */
  | { readonly op: 'window'; readonly lo: number; readonly kind: 'ones' | 'zeros' | 'same' };

export type OpKind = NodeParams['op'];

export type Node = NodeParams & {
  readonly id: number;
  /** Short identifier, unique in the datapath; names the wire in Verilog and the stage in reports. */
  readonly name: string;
  readonly fmt: Format;
  readonly args: readonly number[];
};

/** A direct method's design: one channel per output (the function itself approximated). */
export interface DirectDesign {
  readonly method: DirectMethod;
  readonly y: ChannelDesign;
  /** Present when the spec has the derivative output. */
  readonly dy?: ChannelDesign;
}

/** Design parameters after faithful sizing or as resolved from a custom spec. */
export type DesignParams = RsqrtParams | DirectDesign;

export interface Datapath {
  readonly spec: Spec;
  readonly params: DesignParams;
  readonly nodes: readonly Node[];
  readonly input: number;
  readonly outputs: { readonly y: number; readonly dy?: number };
  readonly tables: readonly Table[];
  /** The quantized alpha the hardware uses (equal to spec.alpha when it is a power of two). */
  readonly alphaUsed: number;
  /** Present for the iterative architecture: the Newton-Raphson steps, unrolled here (see loop.ts). */
  readonly loop?: LoopInfo;
}

/**
 * The unrolled Newton-Raphson steps of an iterative core. Step i reads `entry[i]` (an exact widening
 * of the previous estimate to one common format) and its nodes are the ids after entry[i] up to
 * `exit[i]`; every step has the same ops, formats and parameters, so one unit can compute them all.
 */
export interface LoopInfo {
  readonly entry: readonly number[];
  readonly exit: readonly number[];
}
