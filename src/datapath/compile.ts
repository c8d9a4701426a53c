// The fast evaluator: JavaScript generated from the datapath, one statement per node, on plain
// numbers. Used only when every node's raw value provably fits 53 significant bits (then every
// product, sum and power-of-two scale is exact in a double); otherwise it falls back to the BigInt
// interpreter. Tests prove it equal to the interpreter on every input of the supported configs.

import { width } from '../fixedpoint/index.js';
import { interpret } from './interpret.js';
import { opOf, significantBits, emitOverflow, evalNode, p2 } from './ops/index.js';
import type { Datapath } from './types.js';

export interface Evaluator {
  readonly mode: 'number' | 'bigint';
  /** Raw output for a raw input. */
  y(xRaw: number): number;
  /** Raw derivative output (when the datapath has one). */
  dy(xRaw: number): number;
  /** outY[i] = y(start + i) (and outDy likewise) for i < count: the fast bulk path. */
  evalRange(start: number, count: number, outY: Float64Array, outDy?: Float64Array): void;
  /** The generated source (number mode), for inspection. */
  readonly source?: string;
}

/**
 * Products wider than 53 bits are still exact on doubles when their only use is a truncating
 * resize (possibly through constant shifts): the product is split so every partial product fits,
 * and floor(a * b * 2^-d) is assembled exactly. Maps such a resize's id to the product's id.
 */
interface Fusion {
  readonly into: Map<number, { readonly product: number; readonly d: number; readonly split: number; readonly addend?: { readonly id: number; readonly scale: number } }>;
  readonly skipped: Set<number>;
}


function planFusion(dp: Datapath, sig: number[]): Fusion {
  const uses = new Array<number>(dp.nodes.length).fill(0);
  for (const n of dp.nodes) for (const a of n.args) uses[a]! += 1;
  const into = new Map<number, { product: number; d: number; split: number; addend?: { id: number; scale: number } }>();
  const skipped = new Set<number>();
  for (const r of dp.nodes) {
    if (r.op !== 'resize' || r.rounding !== 'truncate' || width(r.fmt) > 53) continue;
    const chain: number[] = [];
    let id = r.args[0]!;
    while (dp.nodes[id]!.op === 'shift' && uses[id] === 1) { chain.push(id); id = dp.nodes[id]!.args[0]!; }
    // A product plus a term with no bits below the truncation (a Horner step's coefficient, added
    // before the truncation so synthesis packs the add into the DSP block): floor((P + C 2^d) / 2^d)
    // = floor(P / 2^d) + C, so the sum is the fused product plus the term.
    let addend: { id: number; scale: number } | undefined;
    const s0 = dp.nodes[id]!;
    if (chain.length === 0 && s0.op === 'add' && uses[id] === 1) {
      const pi = s0.args.findIndex((a) => { const q = dp.nodes[a]!; return (q.op === 'mul' || q.op === 'square') && uses[a] === 1 && (sig[a]! > 53 || sig[id]! > 53); });
      const c = s0.args[1 - pi];
      if (pi >= 0 && c !== undefined && c !== s0.args[pi] && dp.nodes[s0.args[pi]!]!.fmt.frac === s0.fmt.frac && dp.nodes[c]!.fmt.frac <= r.fmt.frac && sig[c]! <= 53 && sig[id]! - (s0.fmt.frac - r.fmt.frac) <= 52) {
        addend = { id: c, scale: 2 ** (r.fmt.frac - dp.nodes[c]!.fmt.frac) };
        chain.push(id);
        id = s0.args[pi]!;
      }
    }
    const p = dp.nodes[id]!;
    if ((p.op !== 'mul' && p.op !== 'square') || uses[id] !== 1 || (sig[id]! <= 53 && !addend)) continue;
    const [a, b] = p.op === 'square' ? [p.args[0]!, p.args[0]!] : [p.args[0]!, p.args[1]!];
    const wa = Math.min(sig[a]!, sig[b]!);
    const wb = Math.max(sig[a]!, sig[b]!);
    const d = dp.nodes[r.args[0]!]!.fmt.frac - r.fmt.frac;
    // b = bh * 2^split + bl: a * bl needs wa + split <= 53, a * bh needs wa + wb - split <= 53,
    // and the final floor needs d >= split.
    const split = Math.min(53 - wa, d);
    if (wa >= 53 || split < 1 || wa + wb - split > 53) continue;
    into.set(r.id, { product: id, d, split, ...(addend ? { addend } : {}) });
    skipped.add(id);
    for (const c of chain) skipped.add(c);
  }
  return { into, skipped };
}

/**
 * Tables wider than 53 bits read only through wiring (a word of packed coefficients and the
 * slices taking them apart): each narrow value the rest of the datapath reads becomes a table of
 * its own, indexed by the ROM's address, precomputed with the ops' own semantics.
 */
interface WideTables {
  readonly frontier: Map<number, { readonly addr: number; readonly values: readonly number[] }>;
  readonly skipped: Set<number>;
}

function planWideTables(dp: Datapath, sig: number[]): WideTables {
  const frontier = new Map<number, { addr: number; values: number[] }>();
  const skipped = new Set<number>();
  const readers = dp.nodes.map(() => [] as number[]);
  for (const n of dp.nodes) for (const a of n.args) readers[a]!.push(n.id);
  const outputs = new Set([dp.outputs.y, ...(dp.outputs.dy !== undefined ? [dp.outputs.dy] : [])]);
  for (const r of dp.nodes) {
    if (r.op !== 'rom' || sig[r.id]! <= 53) continue;
    // The nodes determined by this ROM's word alone: slices and concatenations of it and of constants.
    const inSet = new Set([r.id]);
    for (const n of dp.nodes) {
      if (n.id <= r.id || (n.op !== 'slice' && n.op !== 'concat')) continue;
      if (n.args.some((a) => inSet.has(a)) && n.args.every((a) => inSet.has(a) || dp.nodes[a]!.op === 'const')) inSet.add(n.id);
    }
    const edge = [...inSet].filter((id) => outputs.has(id) || readers[id]!.some((q) => !inSet.has(q)));
    if (edge.some((id) => sig[id]! > 53)) continue;
    const entries = r.op === 'rom' ? r.table.entries : [];
    const order = [...inSet].sort((a, b) => a - b);
    const values = new Map<number, number[]>(edge.map((id) => [id, []]));
    for (const e of entries) {
      const v = new Map<number, bigint>([[r.id, e]]);
      for (const id of order) {
        if (id === r.id) continue;
        const n = dp.nodes[id]!;
        const arg = (a: number) => v.get(a) ?? (dp.nodes[a]!.op === 'const' ? evalNode(dp.nodes[a]!, [], []) : 0n);
        v.set(id, evalNode(n, n.args.map(arg), n.args.map((a) => dp.nodes[a]!.fmt)));
      }
      for (const id of edge) values.get(id)!.push(Number(v.get(id)!));
    }
    for (const id of order) if (!edge.includes(id)) skipped.add(id);
    for (const id of edge) frontier.set(id, { addr: r.args[0]!, values: values.get(id)! });
  }
  return { frontier, skipped };
}

function sigBits(dp: Datapath): number[] {
  const sig: number[] = [];
  for (const n of dp.nodes) sig[n.id] = significantBits(n, n.args.map((a) => sig[a]!));
  return sig;
}

/** True when every node's raw value has at most 53 significant bits, or is a fused product. */
export function fitsNumbers(dp: Datapath): boolean {
  const sig = sigBits(dp);
  const { skipped } = planFusion(dp, sig);
  const wide = planWideTables(dp, sig);
  return dp.nodes.every((n) => skipped.has(n.id) || wide.skipped.has(n.id) || sig[n.id]! <= 53);
}

/** floor(a * b * 2^-d) exactly, b split at s bits (a * (b mod 2^s) < 2^53, d >= s). */
function emitFusedProduct(v: string, a: string, b: string, s: number, d: number): string[] {
  return [
    `const ${v}l = ${b} % ${p2(s)}; const ${v}bl = ${v}l < 0 ? ${v}l + ${p2(s)} : ${v}l;`,
    `const ${v}bh = (${b} - ${v}bl) * ${p2(-s)};`,
    `const ${v}q = ${a} * ${v}bh + Math.floor(${a} * ${v}bl * ${p2(-s)});`,
    `let ${v} = Math.floor(${v}q * ${p2(s - d)});`,
  ];
}

/** Compiles the datapath to the fastest exact evaluator available for it. */
export function compile(dp: Datapath): Evaluator {
  return fitsNumbers(dp) ? compileNumbers(dp) : bigintEvaluator(dp);
}

function bigintEvaluator(dp: Datapath): Evaluator {
  const y = (x: number) => Number(interpret(dp, BigInt(x)).y);
  const dy = (x: number) => Number(interpret(dp, BigInt(x)).dy ?? 0n);
  return {
    mode: 'bigint', y, dy,
    evalRange(start, count, outY, outDy) {
      for (let i = 0; i < count; i++) {
        const r = interpret(dp, BigInt(start + i));
        outY[i] = Number(r.y);
        if (outDy) outDy[i] = Number(r.dy ?? 0n);
      }
    },
  };
}

/** Generates the number-mode source: constant tables, then one loop over input codes. */
export function generateSource(dp: Datapath): string {
  const sig = sigBits(dp);
  const fusion = planFusion(dp, sig);
  const wide = planWideTables(dp, sig);
  const consts: string[] = [];
  const body: string[] = [];
  for (const n of dp.nodes) {
    if (fusion.skipped.has(n.id) || wide.skipped.has(n.id)) continue;
    const split = wide.frontier.get(n.id);
    if (split) {
      consts.push(`const W${n.id} = new Float64Array([${split.values.join(',')}]);`);
      body.push(`const v${n.id} = W${n.id}[v${split.addr}];`);
      continue;
    }
    const args = n.args.map((a) => `v${a}`);
    const fmts = n.args.map((a) => dp.nodes[a]!.fmt);
    const fused = fusion.into.get(n.id);
    if (fused && n.op === 'resize') {
      const p = dp.nodes[fused.product]!;
      const [x, y] = p.op === 'square' ? [p.args[0]!, p.args[0]!] : [p.args[0]!, p.args[1]!];
      const [a, b] = sig[x]! <= sig[y]! ? [x, y] : [y, x];
      const v = `v${n.id}`;
      body.push(...emitFusedProduct(v, `v${a}`, `v${b}`, fused.split, fused.d));
      if (fused.addend) body.push(`${v} += v${fused.addend.id} * ${p2(Math.log2(fused.addend.scale))};`);
      body.push(...emitOverflow(v, { ...fmts[0]!, frac: n.fmt.frac + fused.d }, n, fused.d));
      continue;
    }
    body.push(...opOf(n).js(n, args, fmts, consts));
  }
  const inName = `v${dp.input}`;
  const dyStore = dp.outputs.dy !== undefined ? `if (outDy) outDy[i] = v${dp.outputs.dy};` : '';
  return [
    `'use strict';`,
    ...consts,
    `function evalRange(start, count, outY, outDy) {`,
    `  for (let i = 0; i < count; i++) {`,
    `    const ${inName} = start + i;`,
    ...body.map((s) => `    ${s}`),
    `    outY[i] = v${dp.outputs.y};`,
    dyStore ? `    ${dyStore}` : '',
    `  }`,
    `}`,
    `return evalRange;`,
  ].filter((l) => l !== '').join('\n');
}

function compileNumbers(dp: Datapath): Evaluator {
  const source = generateSource(dp);
  const evalRange = new Function(source)() as Evaluator['evalRange'];
  const oy = new Float64Array(1);
  const ody = new Float64Array(1);
  return {
    mode: 'number', source, evalRange,
    y(x) { evalRange(x, 1, oy); return oy[0]!; },
    dy(x) { evalRange(x, 1, oy, ody); return ody[0]!; },
  };
}

/**
 * Raw outputs (and derivative outputs, where the datapath has them) for a list of input codes,
 * on the fast evaluator where it applies and the interpreter otherwise.
 */
export function evaluateCodes(dp: Datapath, codes: readonly bigint[], ev: Evaluator = compile(dp)): { y: bigint[]; dy?: bigint[] } {
  const hasDy = dp.outputs.dy !== undefined;
  const y: bigint[] = [];
  const dy: bigint[] = [];
  for (const x of codes) {
    if (ev.mode === 'number') {
      y.push(BigInt(ev.y(Number(x))));
      if (hasDy) dy.push(BigInt(ev.dy(Number(x))));
    } else {
      const r = interpret(dp, x);
      y.push(r.y);
      if (hasDy) dy.push(r.dy!);
    }
  }
  return hasDy ? { y, dy } : { y };
}
