// `rom`: a read of a table (a constant array computed once by src/datapath/tables.ts). Its cost is
// taken from its contents: each output bit a Boolean function of the address, decomposed by Shannon
// expansion down to LUT-sized leaves with shared sub-functions (as ABC's structural hashing shares
// them), or block RAM where the device takes it (synchronous read, big enough).

import { width } from '../../fixedpoint/index.js';
import type { Datapath } from '../types.js';
import type { AreaContext, AreaPart, BitView, NodeOf, OpDef, RegisterBit, RomMapping } from './types.js';
import type { BramRules } from '../../targets/index.js';
import { ones, popCount } from './bits.js';
import { selectDelay } from './timing.js';

type Rom = NodeOf<'rom'>;

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

/**
 * Blocks for a depth x width memory: the shape deep enough, tiled across the width. Deeper than
 * the deepest shape, memory_libmap splits each data bit into depth / D columns of the deepest shape
 * (D x W) and packs W such columns into one block, read through multiplexers: w * (depth / D) / W
 * blocks (measured with Yosys 0.55 on iCE40: 2^12 x 7 bits in 7 SB_RAM40_4K, 2^13 x 19 in 38).
 */
export function bramBlocks(depth: number, w: number, rules: BramRules): number {
  const fit = rules.shapes.find(([d]) => d >= depth);
  if (fit) return Math.ceil(w / fit[1]);
  return Math.ceil((w * bramColumns(depth, rules)) / rules.shapes[rules.shapes.length - 1]![1]);
}

/** Columns of the deepest block RAM shape that one data bit of a depth-deep table spans (1 when it fits). */
export function bramColumns(depth: number, rules: BramRules): number {
  return Math.ceil(depth / rules.shapes[rules.shapes.length - 1]![0]);
}

/** Bits of a node that are known constants. */
export function knownMask(v: BitView, id: number): bigint {
  let m = 0n;
  v.source[id]!.forEach((s, k) => { if ('value' in s) m |= 1n << BigInt(k); });
  return m;
}

/**
 * How a table is written in Verilog: a case statement in a function (romStyle case, and tables the
 * design did not place under auto: synthesis decides), a memory initialised in an initial block
 * (placed tables: with a rom_style attribute), or a memory loaded with $readmemh.
 */
export function romWriting(romStyle: string, block: boolean | undefined): 'case' | 'memory' | 'readmemh' {
  if (romStyle === 'readmemh') return 'readmemh';
  if (romStyle === 'case' || (romStyle === 'auto' && block === undefined)) return 'case';
  return 'memory';
}

/** The Yosys rom_style of a table: where the design (or romStyle block/logic) placed it, if anywhere. */
export function romPlacement(romStyle: string, block: boolean | undefined): 'block' | 'logic' | undefined {
  if (romStyle === 'block') return 'block';
  if (romStyle === 'logic') return 'logic';
  return romStyle === 'case' || block === undefined ? undefined : block ? 'block' : 'logic';
}

/** Whether the core's registers share a clock enable (every interface but plain valid has one). */
export const hasEnable = (dp: Datapath): boolean => dp.spec.interface !== 'valid';

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
    // A table the design placed goes where it was placed (block RAM needs its registered read);
    // otherwise memory_libmap decides by size.
    const place = romPlacement(dp.spec.romStyle, n.block);
    const bram = place === 'block' ? merged === 'output' : place === 'logic' ? false : merged !== 'none' && depth * liveWidth > rules.minBits;
    const blocks = bram ? bramBlocks(depth, liveWidth, rules) : 0;
    // Deeper than the deepest shape, each live bit is read from its columns through a multiplexer.
    const readMuxes = bram ? liveWidth * (bramColumns(depth, rules) - 1) : 0;
    out.set(n.id, { merged, bram, blocks, memoryBits: blocks * rules.bitsPerBlock, readMuxes });
  }
  return out;
}

function area(n: Rom, { dp, view: v, target, roms }: AreaContext) {
  const r = roms.get(n.id);
  if (r?.bram) {
    const parts: AreaPart[] = [{ cls: 'rom', lut: 0, carry: 0, memoryBits: r.memoryBits }];
    if (r.readMuxes > 0) parts.push({ cls: 'mux', lut: r.readMuxes, carry: 0 });
    return { parts };
  }
  const used = v.used[n.id]!;
  const rl = romLogic(n.table.entries, n.table.addrBits, width(n.fmt), target.lutInputs, used);
  const high = rl.byVars.slice(9).reduce((a, b) => a + b, 0);
  const romLut = target.lutInputs === 4 ? rl.leaves + rl.muxes + rl.gates : rl.leaves + 0.5 * high;
  const parts: AreaPart[] = [{ cls: 'rom', lut: romLut, carry: 0 }];
  // A wide table whose address is computed in its own segment: ABC folds the address logic into
  // the table's leaves and duplicates it (delay-driven mapping).
  const addr = dp.nodes[n.args[0]!]!;
  if (n.table.addrBits >= 7 && !v.alias[addr.id] && addr.op !== 'input' && v.stage[addr.id] === v.stage[n.id]) parts.push({ cls: 'romseg', lut: romLut, carry: 0 });
  // A table whose address register memory_dff took in is rebuilt by memory_map as a mux tree of
  // constants, which ABC maps worse than the case statement: a cost per live bit.
  if (r?.merged === 'address') parts.push({ cls: 'memrom', lut: popCount(used), carry: 0 });
  // Under a clock enable that table reads either the kept address register or the new address
  // (a hold multiplexer per address bit in front of the table).
  if (r?.merged === 'address' && hasEnable(dp)) parts.push({ cls: 'mux', lut: n.table.addrBits, carry: 0 });
  return { parts };
}

export const ROM: OpDef<'rom'> = {
  kind: 'rom', costClass: 'rom',
  evaluate(n, a) {
    const e = n.table.entries[Number(a[0]!)];
    if (e === undefined) throw new RangeError(`${n.name}: address ${a[0]} outside table ${n.table.name}`);
    return e;
  },
  js(n, a, _fa, consts) {
    const tbl = `R${n.id}`;
    consts.push(`const ${tbl} = new Float64Array([${n.table.entries.map((e) => Number(e)).join(',')}]);`);
    return [`const v${n.id} = ${tbl}[${a[0]}];`];
  },
  // A case statement in a function, or a memory (declared by the module view; see romWriting).
  verilog: (n, a, _fa, out, ctx) => [romWriting(ctx.romStyle, n.block) === 'case' ? `assign ${out} = rom_${n.name}(${a[0]});` : `assign ${out} = rom_${n.name}_mem[${a[0]}];`],
  delay: (n, _dp, t) => selectDelay(t, n.table.entries.length),
  bits(n) {
    const w = width(n.fmt);
    const e = n.table.entries.map((v) => BigInt.asUintN(w, v));
    return {
      bits: Array.from({ length: w }, (_, k) => {
        const b = e.map((v) => Number((v >> BigInt(k)) & 1n) as 0 | 1);
        return e.length > 0 && b.every((x) => x === b[0]) ? { value: b[0]! } : { root: n.id, bit: k };
      }),
      alias: false,
    };
  },
  reads: (_n, _u, fa) => [ones(width(fa[0]!))],
  area,
  simpleCost: (n) => Math.max(width(n.fmt), (n.table.entries.length * width(n.table.data)) / 16 * 1.25),
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};
