// Cost of a table (ROM) from its contents: each output bit is a Boolean function of the address,
// decomposed by Shannon expansion on the high address bits down to K-input leaves (one LUT each),
// with identical sub-functions shared across bits as ABC's structural hashing shares them; and
// when a table becomes block RAM instead.

import type { Datapath } from '../datapath/index.js';
import { popCount, type BitView, type RegisterBit } from './bits.js';

/** LUT-level decomposition figures of one table. */
export interface RomLogic {
  /** Distinct non-constant leaf functions (K address bits or fewer): one LUT each. */
  readonly leaves: number;
  /** Distinct 2:1 multiplexer nodes above the leaves (per address bit above K). */
  readonly muxes: number;
  /** Mux nodes whose one arm is constant (an AND/OR: cheaper). */
  readonly gates: number;
  /** Mux and gate nodes by the number of address bits their function spans (index = vars). */
  readonly byVars: readonly number[];
}

/**
 * Decomposes the table `entries` (raw values, `dataBits` wide, 2^addrBits entries) for K-input
 * LUTs. Bits in `liveBits` only (a mask; unused outputs cost nothing).
 */
export function romLogic(entries: readonly bigint[], addrBits: number, dataBits: number, k: number, liveBits: bigint): RomLogic {
  const size = 1 << addrBits;
  const memo = new Map<string, 'const' | 'leaf' | 'node'>();
  const seen = new Set<string>();
  let leaves = 0;
  let muxes = 0;
  let gates = 0;
  const byVars: number[] = Array.from({ length: addrBits + 1 }, () => 0);
  // A sub-function is the truth table of bits [lo, lo + len) of one output bit, as a string.
  const visit = (tt: string, vars: number): 'const' | 'leaf' | 'node' => {
    const known = memo.get(tt);
    if (known !== undefined) return known;
    let kind: 'const' | 'leaf' | 'node';
    if (!tt.includes('0') || !tt.includes('1')) kind = 'const';
    else if (vars <= k) kind = 'leaf';
    else {
      const half = tt.length / 2;
      const lo = tt.slice(0, half);
      const hi = tt.slice(half);
      if (lo === hi) kind = visit(lo, vars - 1);
      else {
        const a = visit(lo, vars - 1);
        const b = visit(hi, vars - 1);
        kind = 'node';
        if (!seen.has(tt)) {
          seen.add(tt);
          byVars[vars]!++;
          if (a === 'const' || b === 'const') gates++;
          else muxes++;
        }
      }
    }
    if (kind === 'leaf' && !seen.has(tt)) {
      seen.add(tt);
      // A leaf and its complement are one LUT each but often merge into the reader: count once.
      const inv = [...tt].map((c) => (c === '1' ? '0' : '1')).join('');
      if (!seen.has(inv)) leaves++;
    }
    memo.set(tt, kind);
    return kind;
  };
  for (let b = 0; b < dataBits; b++) {
    if (((liveBits >> BigInt(b)) & 1n) === 0n) continue;
    let tt = '';
    for (let i = 0; i < size; i++) tt += (BigInt.asUintN(dataBits, entries[i] ?? 0n) >> BigInt(b)) & 1n ? '1' : '0';
    visit(tt, addrBits);
  }
  return { leaves, muxes, gates, byVars };
}

/** How Yosys implements one table on a target. */
export interface RomMapping {
  /** Which register memory_dff merges into the read port: the data after it, the address before it. */
  readonly merged: 'output' | 'address' | 'none';
  /** Block RAM (synchronous read and big enough for memory_libmap to prefer it over logic). */
  readonly bram: boolean;
  readonly blocks: number;
  readonly memoryBits: number;
}

/** Block RAM geometry and the size from which memory_libmap prefers it to logic (measured). */
export interface BramRules {
  /** Widths per depth: [depth, width] pairs of the block's configurations, shallowest first. */
  readonly shapes: readonly (readonly [number, number])[];
  readonly bitsPerBlock: number;
  /** Tables of more bits than this (2^k x live width) go to block RAM when read synchronously. */
  readonly minBits: number;
}

export const ICE40_BRAM: BramRules = { shapes: [[256, 16], [512, 8], [1024, 4], [2048, 2]], bitsPerBlock: 4096, minBits: 1024 };
export const XC7_BRAM: BramRules = { shapes: [[512, 36], [1024, 18], [2048, 9], [4096, 4], [8192, 2], [16384, 1]], bitsPerBlock: 18432, minBits: 8192 };

/** Blocks for a depth x width memory: the shape deep enough, tiled across the width. */
export function bramBlocks(depth: number, width: number, rules: BramRules): number {
  const shape = rules.shapes.find(([d]) => d >= depth) ?? rules.shapes[rules.shapes.length - 1]!;
  const deep = Math.ceil(depth / shape[0]);
  return deep * Math.ceil(width / shape[1]);
}

/**
 * Decides, for every table of the datapath, which register memory_dff merges into its read port
 * (the output register when nothing else reads the table in its own segment, else an address
 * register that only tables read) and whether memory_libmap then takes block RAM.
 */
export function mapRoms(dp: Datapath, v: BitView, chains: readonly RegisterBit[], rules: BramRules): Map<number, RomMapping> {
  const out = new Map<number, RomMapping>();
  for (const n of dp.nodes) {
    if (n.op !== 'rom' || v.used[n.id] === 0n) continue;
    const s = v.stage[n.id]!;
    const own = chains.filter((c) => c.root === n.id);
    const sameStage = v.readers[n.id]!.some((rs) => rs.some((r) => r.seg === s));
    let merged: RomMapping['merged'] = 'none';
    if (own.length > 0 && !sameStage) merged = 'output';
    else {
      const addr = chains.filter((c) => c.last === s && c.first <= s && c.readersAt[s - c.first]!.includes(n.id));
      if (addr.length > 0 && addr.every((c) => c.readersAt[s - c.first]!.every((r) => r >= 0 && dp.nodes[r]!.op === 'rom'))) merged = 'address';
    }
    const liveWidth = popCount(v.used[n.id]! & ~knownMask(v, n.id));
    const depth = 2 ** n.table.addrBits;
    const bram = merged !== 'none' && depth * liveWidth > rules.minBits;
    const blocks = bram ? bramBlocks(depth, liveWidth, rules) : 0;
    out.set(n.id, { merged, bram, blocks, memoryBits: blocks * rules.bitsPerBlock });
  }
  return out;
}

/** Bits of a node that are known constants. */
export function knownMask(v: BitView, id: number): bigint {
  let m = 0n;
  v.source[id]!.forEach((s, k) => { if ('value' in s) m |= 1n << BigInt(k); });
  return m;
}
