// Bit-level view of a scheduled datapath, as Yosys sees it after constant propagation and clean-up:
// which node bits are wires of another node (aliases), which are known constants, and which bits
// some consumer actually reads (in which pipeline segment). Registers and logic are costed on these.

import { width, type Format } from '../fixedpoint/index.js';
import { maxUnsigned, type Datapath, type Node } from '../datapath/index.js';

/** Where one bit of a node comes from: a bit of a logic ("root") node, or a constant. */
export type BitSource = { readonly root: number; readonly bit: number } | { readonly value: 0 | 1 };

/** A read of a root bit: by a logic node (its id) in its segment, or by an output port (-1). */
export interface BitReader {
  readonly node: number;
  readonly seg: number;
}

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

const ones = (n: number): bigint => (n <= 0 ? 0n : (1n << BigInt(n)) - 1n);
/** Mask of bits lo..hi inclusive, clipped to [0, w). */
export const bitRange = (lo: number, hi: number, w: number): bigint => {
  const a = Math.max(0, lo);
  const b = Math.min(w - 1, hi);
  return b < a ? 0n : ones(b - a + 1) << BigInt(a);
};
/** Highest set bit of a mask, -1 for 0n. */
export const topBit = (m: bigint): number => m.toString(2).length - (m === 0n ? 2 : 1);
export const popCount = (m: bigint): number => {
  let c = 0;
  for (let v = m; v > 0n; v >>= 1n) c += Number(v & 1n);
  return c;
};

/** Whether verilogResize emits rounding logic and saturation logic for this resize. */
export function resizeLogic(n: Node & { op: 'resize' }, from: Format): { round: boolean; saturate: boolean } {
  const d = from.frac - n.fmt.frac;
  const round = d > 0 && n.rounding !== 'truncate';
  const wq = d <= 0 ? width(from) - d : Math.max(1, width(from) - d);
  const wr = wq + (round ? 1 : 0);
  const rMax = (1n << BigInt(from.signed ? wr - 1 : wr)) - 1n;
  const rMin = from.signed ? -(1n << BigInt(wr - 1)) : 0n;
  const wt = width(n.fmt);
  const hi = (1n << BigInt(n.fmt.signed ? wt - 1 : wt)) - 1n;
  const lo = n.fmt.signed ? -(1n << BigInt(wt - 1)) : 0n;
  return { round, saturate: n.overflow === 'saturate' && !(rMin >= lo && rMax <= hi) };
}

/** A resize that is only wiring: no rounding logic and no overflow logic. */
export function isWiringResize(n: Node & { op: 'resize' }, from: Format): boolean {
  const l = resizeLogic(n, from);
  return !l.round && !l.saturate;
}

/** Source index in the operand of output bit k for a bit-preserving shift by `s` (left), or -1 / the extension. */
function shifted(k: number, s: number, wa: number, signed: boolean): number | 'zero' {
  const i = k - s;
  if (i < 0) return 'zero';
  if (i >= wa) return signed ? wa - 1 : 'zero';
  return i;
}

/** Builds the bit view of `dp` under the segment assignment `stage` (latency N). */
export function bitView(dp: Datapath, stage: readonly number[], latency: number): BitView {
  const nodes = dp.nodes;
  const source: BitSource[][] = [];
  const alias: boolean[] = [];
  const srcOf = (id: number, k: number): BitSource => source[id]![k]!;
  const known = (s: BitSource | 'zero'): 0 | 1 | undefined => (s === 'zero' ? 0 : 'value' in s ? s.value : undefined);
  const argBit = (a: number, i: number | 'zero'): BitSource => (i === 'zero' ? { value: 0 } : srcOf(a, i));

  for (const n of nodes) {
    const w = width(n.fmt);
    const fa = (i: number) => nodes[n.args[i]!]!.fmt;
    const bits: BitSource[] = [];
    const own = (k: number, v: 0 | 1 | undefined): BitSource => (v === undefined ? { root: n.id, bit: k } : { value: v });
    let isAlias = false;
    switch (n.op) {
      case 'bits':
      case 'shift':
        isAlias = true;
        for (let k = 0; k < w; k++) bits.push(srcOf(n.args[0]!, k));
        break;
      case 'signBit':
        isAlias = true;
        bits.push(fa(0).signed ? srcOf(n.args[0]!, width(fa(0)) - 1) : { value: 0 });
        break;
      case 'resize': {
        const from = fa(0);
        if (!isWiringResize(n, from)) break;
        isAlias = true;
        const d = from.frac - n.fmt.frac;
        for (let k = 0; k < w; k++) bits.push(argBit(n.args[0]!, shifted(k, -d, width(from), from.signed)));
        break;
      }
      case 'const':
        for (let k = 0; k < w; k++) bits.push({ value: Number((BigInt.asUintN(w, n.valueRaw) >> BigInt(k)) & 1n) as 0 | 1 });
        break;
      case 'rom': {
        const e = n.table.entries.map((v) => BigInt.asUintN(w, v));
        for (let k = 0; k < w; k++) {
          const b = e.map((v) => Number((v >> BigInt(k)) & 1n) as 0 | 1);
          bits.push(own(k, e.length > 0 && b.every((x) => x === b[0]) ? b[0] : undefined));
        }
        break;
      }
      case 'add':
      case 'sub': {
        // Ripple the known low bits (alignment zeros, constants) up to the first unknown one.
        let carry: 0 | 1 | undefined = n.op === 'sub' ? 1 : 0;
        for (let k = 0; k < w; k++) {
          const v = [0, 1].map((i) => {
            const f = fa(i);
            const b = known(argBit(n.args[i]!, shifted(k, n.fmt.frac - f.frac, width(f), f.signed)));
            return b === undefined ? undefined : i === 1 && n.op === 'sub' ? ((1 - b) as 0 | 1) : b;
          });
          if (carry === undefined || v[0] === undefined || v[1] === undefined) { carry = undefined; bits.push(own(k, undefined)); continue; }
          const s = v[0] + v[1] + carry;
          bits.push(own(k, (s & 1) as 0 | 1));
          carry = (s >> 1) as 0 | 1;
        }
        break;
      }
      case 'normShift':
      case 'vshr': {
        const a = n.args[0]!;
        const emax = maxUnsigned(fa(1));
        const f = fa(0);
        for (let k = 0; k < w; k++) {
          let v: 0 | 1 | undefined | null = null;
          for (let ev = 0; ev <= emax && v !== undefined; ev++) {
            const s = n.op === 'vshr' ? n.factor * (emax - ev) : n.fmt.frac - f.frac - 2 * ev;
            const b = known(argBit(a, n.op === 'vshr' ? shifted(k, s, width(f), f.signed) : k - s < 0 || k - s >= width(f) ? 'zero' : k - s));
            v = v === null ? b : v === b ? v : undefined;
          }
          bits.push(own(k, v === null ? undefined : v));
        }
        break;
      }
      case 'select': {
        for (let k = 0; k < w; k++) {
          const x = known(srcOf(n.args[1]!, k));
          bits.push(own(k, x !== undefined && x === known(srcOf(n.args[2]!, k)) ? x : undefined));
        }
        break;
      }
      case 'seedOffset': {
        const M = fa(0).frac;
        const kk = n.bits;
        for (let k = 0; k < w; k++) {
          const hi = known(argBit(n.args[0]!, k <= M - kk + 1 ? k : 'zero'));
          const lo = known(argBit(n.args[0]!, k === 0 ? 'zero' : k - 1 <= M - kk ? k - 1 : 'zero'));
          bits.push(own(k, hi !== undefined && hi === lo ? hi : undefined));
        }
        break;
      }
      default:
        break;
    }
    if (bits.length === 0) for (let k = 0; k < w; k++) bits.push(own(k, undefined));
    source.push(bits);
    alias.push(isAlias);
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
  const outs = [dp.outputs.y, ...(dp.outputs.dy !== undefined ? [dp.outputs.dy] : [])];
  for (const o of outs) read(o, ones(width(nodes[o]!.fmt)), { node: -1, seg: outSeg });
  const used: bigint[] = nodes.map(() => 0n);
  for (let id = nodes.length - 1; id >= 0; id--) {
    const n = nodes[id]!;
    if (alias[id] || n.op === 'const') continue;
    let u = 0n;
    readers[id]!.forEach((r, k) => { if (r.length > 0) u |= 1n << BigInt(k); });
    used[id] = u;
    if (u === 0n || n.op === 'input') continue;
    const masks = operandMasks(n, u, n.args.map((a) => nodes[a]!.fmt));
    n.args.forEach((a, i) => read(a, masks[i]!, { node: id, seg: stage[id]! }));
  }
  return { source, alias, used, readers, outSeg, stage };
}

/** Operand bits a logic node reads to produce the output bits in `u`. */
export function operandMasks(n: Node, u: bigint, fa: readonly Format[]): bigint[] {
  const hi = topBit(u);
  const wa = (i: number) => width(fa[i]!);
  const all = (i: number) => ones(wa(i));
  switch (n.op) {
    case 'square':
    case 'mul':
      return fa.map((_, i) => bitRange(0, hi, wa(i)));
    case 'add':
    case 'sub':
      return fa.map((f, i) => bitRange(0, hi - (n.fmt.frac - f.frac), wa(i)));
    case 'resize': {
      // Truncated bits are read only by rounding; saturation reads every bit above them.
      const d = Math.max(0, fa[0]!.frac - n.fmt.frac);
      const l = resizeLogic(n, fa[0]!);
      return [bitRange(l.round ? 0 : d, l.saturate ? wa(0) - 1 : hi + d, wa(0))];
    }
    case 'normExp':
      return [bitRange(fa[0]!.frac + 2, wa(0) - 1, wa(0))];
    case 'normShift':
    case 'vshr': {
      const emax = maxUnsigned(fa[1]!);
      let m = 0n;
      for (let ev = 0; ev <= emax; ev++) {
        const s = n.op === 'vshr' ? n.factor * (emax - ev) : n.fmt.frac - fa[0]!.frac - 2 * ev;
        for (let k = 0; k <= hi; k++) {
          if (((u >> BigInt(k)) & 1n) === 0n) continue;
          const i = n.op === 'vshr' ? shifted(k, s, wa(0), fa[0]!.signed) : k - s < 0 || k - s >= wa(0) ? 'zero' : k - s;
          if (i !== 'zero') m |= 1n << BigInt(i);
        }
      }
      return [m, all(1)];
    }
    case 'seedAddr': {
      const M = fa[0]!.frac;
      const k = n.bits;
      return [bitRange(M - k + 1, M + 1, wa(0))];
    }
    case 'seedOffset': {
      const M = fa[0]!.frac;
      return [bitRange(0, Math.min(hi, M - n.bits + 1), wa(0)) | (1n << BigInt(M + 1))];
    }
    case 'signBit':
      return [1n << BigInt(wa(0) - 1)];
    case 'select':
      return [1n, u, u];
    case 'rom':
    case 'magicSeed':
      return [all(0)];
    default:
      return fa.map((_, i) => all(i));
  }
}

/** The registers the RTL keeps after Yosys's clean-up: one per live, non-constant root bit per segment crossed. */
export interface RegisterBit {
  readonly root: number;
  readonly bit: number;
  /** Segments whose entry register holds this bit: stage(root)+1 .. last. */
  readonly first: number;
  readonly last: number;
  /** Logic readers per segment (index seg - first), and whether the output port reads it. */
  readonly readersAt: readonly (readonly number[])[];
}

/** Every register chain of the pipeline (empty for a combinational core). */
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
