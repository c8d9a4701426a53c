// The shape of one op kind's module: everything the tool knows about the op, beside its reference
// semantics, so that every back end reads the same place. The registry (index.ts) is typed so that
// an op kind without a module, or a module missing a piece, is a compile error.

import type { Format } from '../../fixedpoint/index.js';
import type { Target } from '../../targets/index.js';
import type { Datapath, Node, OpKind } from '../types.js';

/** A node of one op kind (its parameters typed). */
export type NodeOf<K extends OpKind> = Extract<Node, { readonly op: K }>;

/** Where one bit of a node comes from: a bit of a logic ("root") node, or a constant. */
export type BitSource = { readonly root: number; readonly bit: number } | { readonly value: 0 | 1 };

/** A read of a root bit: by a logic node (its id) in its segment, or by an output port (-1). */
export interface BitReader {
  readonly node: number;
  readonly seg: number;
}

/**
 * Bit-level view of a scheduled datapath, as Yosys sees it after constant propagation and clean-up
 * (computed once by src/datapath/liveness.ts; read by the area model and the Verilog generator).
 */
export interface BitView {
  /** For every node and output bit, its source (aliases resolve to their root). */
  readonly source: readonly (readonly BitSource[])[];
  /** True for nodes that are only wiring (bits, shift, signBit, resizes without logic). */
  readonly alias: readonly boolean[];
  /** Bits of each root node some consumer reads (a mask; 0n for dead or alias nodes). */
  readonly used: readonly bigint[];
  /** Readers of each root bit: used[root] bit b -> readers[root][b]. */
  readonly readers: readonly (readonly (readonly BitReader[])[])[];
  /** The segment of the output register (latency + 1), and the schedule's segments. */
  readonly outSeg: number;
  readonly stage: readonly number[];
}

/** One register chain of the pipeline: a live root bit carried from stage(root)+1 to `last`. */
export interface RegisterBit {
  readonly root: number;
  readonly bit: number;
  /** Segments whose entry register holds this bit: stage(root)+1 .. last. */
  readonly first: number;
  readonly last: number;
  /** Logic readers per segment (index seg - first), and whether the output port reads it (-1). */
  readonly readersAt: readonly (readonly number[])[];
}

/** How Yosys implements one table on a target. */
export interface RomMapping {
  /** Which register memory_dff merges into the read port: the data after it, the address before it. */
  readonly merged: 'output' | 'address' | 'none';
  /** Block RAM (synchronous read and big enough for memory_libmap to prefer it over logic). */
  readonly bram: boolean;
  readonly blocks: number;
  readonly memoryBits: number;
  /** 2:1 multiplexers reading a table deeper than the deepest block shape (one per live bit per extra column). */
  readonly readMuxes: number;
}

/** Cost classes, each scaled by a per-target factor fitted on the calibration set. */
export type CostClass = 'soft' | 'adder' | 'rom' | 'romseg' | 'memrom' | 'shift' | 'arith' | 'mux' | 'fold';
export const COST_CLASSES: readonly CostClass[] = ['soft', 'adder', 'rom', 'romseg', 'memrom', 'shift', 'arith', 'mux', 'fold'];

/** One share of a node's area, in LUTs before its class factor. */
export interface AreaPart {
  readonly cls: CostClass;
  readonly lut: number;
  readonly carry: number;
  readonly dsp?: number;
  readonly memoryBits?: number;
}

/** What an op's area rule reads: the datapath, its bit view and register chains, the device. */
export interface AreaContext {
  readonly dp: Datapath;
  readonly view: BitView;
  readonly chains: readonly RegisterBit[];
  readonly target: Target;
  /** How each table maps on this device (from the rom module's `mapRoms`). */
  readonly roms: ReadonlyMap<number, RomMapping>;
}

/** An op's area on a device: its parts, and whether its DSP tiles take in the registers around it. */
export interface OpArea {
  readonly parts: readonly AreaPart[];
  readonly dspRegisters?: boolean;
}

/** Verilog spelling context: how tables are written, and where helper-wire bits left unread go. */
export interface VerilogContext {
  readonly romStyle: string;
  /** Products spelled as partial-product sums that synthesis keeps in LUTs (see softProducts). */
  readonly softProducts: boolean;
  /** Further products (node ids) spelled as partial-product sums: those in the fabric of a LUT4 device (see fabricProducts). */
  readonly fabricProducts?: ReadonlySet<number>;
  /** Takes a bit-select of a helper wire (`${out}__...`) the spelling declares but does not read. */
  readonly drop: (bits: string) => void;
}

export interface OpDef<K extends OpKind> {
  readonly kind: K;
  /** The class whose fitted factor scales this op's logic LUTs (multipliers and tables add their own). */
  readonly costClass: CostClass;
  /** Reference semantics on BigInt raw operands (`fa`: operand formats, in argument order). */
  evaluate(n: NodeOf<K>, a: readonly bigint[], fa: readonly Format[]): bigint;
  /** JavaScript statements computing `v${n.id}` on plain numbers (the fast evaluator); `consts` collects module-level tables. */
  js(n: NodeOf<K>, a: readonly string[], fa: readonly Format[], consts: string[]): string[];
  /** Verilog lines assigning the wire `out` from operand wires `a`; helper wires are named `${out}__...`. */
  verilog(n: NodeOf<K>, a: readonly string[], fa: readonly Format[], out: string, ctx: VerilogContext): string[];
  /** Combinational delay (ns) on a device. */
  delay(n: NodeOf<K>, dp: Datapath, target: Target): number;
  /**
   * Liveness: the source of each output bit (a constant, an operand's bit for pure wiring, or the
   * node's own bit), and whether the node is only wiring. `src(id, k)` is operand bit k's source.
   */
  bits(n: NodeOf<K>, fa: readonly Format[], src: (id: number, k: number) => BitSource): { readonly bits: readonly BitSource[]; readonly alias: boolean };
  /** Operand bits (masks, in argument order) the op reads to produce its output bits `used`. */
  reads(n: NodeOf<K>, used: bigint, fa: readonly Format[]): bigint[];
  /** LUTs, carries, DSP blocks and memory bits of the node on the context's device. */
  area(n: NodeOf<K>, ctx: AreaContext): OpArea;
  /** A quick LUT4-equivalent cost (faithful sizing ranks its candidates by it). */
  simpleCost(n: NodeOf<K>, fa: readonly Format[], consts: readonly (bigint | undefined)[]): number;
  /** Significant bits of the raw value (the width, but for ops that only move the binary point). */
  significantBits(n: NodeOf<K>, argSig: readonly number[]): number;
  /**
   * Output bits whose Verilog ends in a multiplexer with a constant outermost arm: opt_dff folds
   * that arm into a synchronous set/reset of the register after it (splitting the FF cells).
   */
  foldedResetBits(n: NodeOf<K>, fa: readonly Format[], view: BitView): bigint;
}

export type OpRegistry = { readonly [K in OpKind]: OpDef<K> };
