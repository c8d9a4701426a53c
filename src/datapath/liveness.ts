// Bit liveness of a scheduled datapath, computed once and read by the area model (which bits cost
// logic and registers) and by the Verilog generator (which bits nothing reads): where each node bit
// comes from (an alias of another node's bit, a known constant, or its own), and which bits some
// consumer reads, in which pipeline segment. Each op states its own rules (OpDef.bits, .reads).

import { width } from '../fixedpoint/index.js';
import { opOf, ones } from './ops/index.js';
import type { BitReader, BitSource, BitView, RegisterBit } from './ops/index.js';
import type { Datapath } from './types.js';

/** Builds the bit view of `dp` under the segment assignment `stage` (latency N). */
export function bitView(dp: Datapath, stage: readonly number[], latency: number): BitView {
  const nodes = dp.nodes;
  const source: (readonly BitSource[])[] = [];
  const alias: boolean[] = [];
  const src = (id: number, k: number): BitSource => source[id]![k]!;
  for (const n of nodes) {
    const r = opOf(n).bits(n, n.args.map((a) => nodes[a]!.fmt), src);
    source.push(r.bits);
    alias.push(r.alias);
  }

  // Liveness, backwards: each logic node's read bits become reads of its operands' root bits.
  const outSeg = latency + 1;
  const readers: BitReader[][][] = nodes.map((n) => Array.from({ length: width(n.fmt) }, () => []));
  const read = (id: number, mask: bigint, by: BitReader) => {
    for (let k = 0; mask >> BigInt(k) > 0n; k++) {
      if (((mask >> BigInt(k)) & 1n) === 0n) continue;
      const s = source[id]![k];
      if (s !== undefined && 'root' in s) readers[s.root]![s.bit]!.push(by);
    }
  };
  for (const o of outputsOf(dp)) read(o, ones(width(nodes[o]!.fmt)), { node: -1, seg: outSeg });
  const used: bigint[] = nodes.map(() => 0n);
  for (let id = nodes.length - 1; id >= 0; id--) {
    const n = nodes[id]!;
    if (alias[id] || n.op === 'const') continue;
    let u = 0n;
    readers[id]!.forEach((r, k) => { if (r.length > 0) u |= 1n << BigInt(k); });
    used[id] = u;
    if (u === 0n || n.op === 'input') continue;
    const masks = opOf(n).reads(n, u, n.args.map((a) => nodes[a]!.fmt));
    n.args.forEach((a, i) => read(a, masks[i]!, { node: id, seg: stage[id]! }));
  }
  return { source, alias, used, readers, outSeg, stage };
}

/** The datapath's output nodes: y, then dy where present. */
export function outputsOf(dp: Datapath): number[] {
  return [dp.outputs.y, ...(dp.outputs.dy !== undefined ? [dp.outputs.dy] : [])];
}

/** Every register chain of the pipeline: one per live, non-constant root bit per segment crossed. */
export function registerBits(dp: Datapath, v: BitView, latency: number): RegisterBit[] {
  if (latency === 0) return [];
  const out: RegisterBit[] = [];
  dp.nodes.forEach((n, id) => {
    if (v.alias[id] || n.op === 'const') return;
    const s0 = v.stage[id]!;
    v.readers[id]!.forEach((rs, bit) => {
      const last = rs.reduce((m, r) => Math.max(m, r.seg), 0);
      if (last <= s0) return;
      const readersAt: number[][] = Array.from({ length: last - s0 }, () => []);
      for (const r of rs) if (r.seg > s0) readersAt[r.seg - s0 - 1]!.push(r.node);
      out.push({ root: id, bit, first: s0 + 1, last, readersAt });
    });
  });
  return out;
}

/**
 * Node-level reads, for the Verilog generator: which bits of each node's value the readers in each
 * segment need (keyed by segment; outputs are read whole at `outSeg`). The same op rules as
 * bitView (OpDef.reads), applied to every node's own wire, wiring ops included, since the Verilog
 * spells each node as a wire of its own. A bit no segment needs is left unread.
 */
export function segmentReads(dp: Datapath, stage: readonly number[], outSeg: number): Map<number, bigint>[] {
  const nodes = dp.nodes;
  const reads = nodes.map(() => new Map<number, bigint>());
  const note = (id: number, seg: number, mask: bigint) => {
    if (mask !== 0n) reads[id]!.set(seg, (reads[id]!.get(seg) ?? 0n) | mask);
  };
  for (const o of outputsOf(dp)) note(o, outSeg, ones(width(nodes[o]!.fmt)));
  for (let id = nodes.length - 1; id >= 0; id--) {
    const n = nodes[id]!;
    let need = 0n;
    for (const m of reads[id]!.values()) need |= m;
    if (need === 0n || n.args.length === 0) continue;
    const masks = opOf(n).reads(n, need, n.args.map((a) => nodes[a]!.fmt));
    n.args.forEach((a, i) => note(a, stage[id]!, masks[i]!));
  }
  return reads;
}
