// The fast evaluator: JavaScript generated from the datapath, one statement per node, on plain
// numbers. Used only when every node's raw value provably fits 53 significant bits (then every
// product, sum and power-of-two scale is exact in a double); otherwise it falls back to the BigInt
// interpreter. Tests prove it equal to the interpreter on every input of the supported configs.

import { width, minRaw, maxRaw, type Format } from '../fixedpoint/index.js';
import { interpret } from './interpret.js';
import { MAGIC_BIAS, maxUnsigned, significantBits } from './ops.js';
import type { Datapath, Node } from './types.js';

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
  readonly into: Map<number, { readonly product: number; readonly d: number; readonly split: number }>;
  readonly skipped: Set<number>;
}


function planFusion(dp: Datapath, sig: number[]): Fusion {
  const uses = new Array<number>(dp.nodes.length).fill(0);
  for (const n of dp.nodes) for (const a of n.args) uses[a]! += 1;
  const into = new Map<number, { product: number; d: number; split: number }>();
  const skipped = new Set<number>();
  for (const r of dp.nodes) {
    if (r.op !== 'resize' || r.rounding !== 'truncate' || width(r.fmt) > 53) continue;
    const chain: number[] = [];
    let id = r.args[0]!;
    while (dp.nodes[id]!.op === 'shift' && uses[id] === 1) { chain.push(id); id = dp.nodes[id]!.args[0]!; }
    const p = dp.nodes[id]!;
    if ((p.op !== 'mul' && p.op !== 'square') || uses[id] !== 1 || sig[id]! <= 53) continue;
    const [a, b] = p.op === 'square' ? [p.args[0]!, p.args[0]!] : [p.args[0]!, p.args[1]!];
    const wa = Math.min(sig[a]!, sig[b]!);
    const wb = Math.max(sig[a]!, sig[b]!);
    const d = dp.nodes[r.args[0]!]!.fmt.frac - r.fmt.frac;
    // b = bh * 2^split + bl: a * bl needs wa + split <= 53, a * bh needs wa + wb - split <= 53,
    // and the final floor needs d >= split.
    const split = Math.min(53 - wa, d);
    if (wa >= 53 || split < 1 || wa + wb - split > 53) continue;
    into.set(r.id, { product: id, d, split });
    skipped.add(id);
    for (const c of chain) skipped.add(c);
  }
  return { into, skipped };
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
  return dp.nodes.every((n) => skipped.has(n.id) || sig[n.id]! <= 53);
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

const p2 = (k: number): string => {
  const v = 2 ** k;
  return Number.isFinite(v) && v !== 0 ? String(v) : `(2 ** ${k})`;
};

/** Statements computing the resize of `a` from `from` to `n.fmt`, into `v`. */
function emitResize(v: string, a: string, from: Format, n: Node & { op: 'resize' }): string[] {
  const to = n.fmt;
  const d = from.frac - to.frac;
  const out: string[] = [];
  if (d <= 0) out.push(`let ${v} = ${a} * ${p2(-d)};`);
  // A value of at most 31 bits (32 signed) is an int32: an arithmetic shift is the floor.
  else if (n.rounding === 'truncate' && d <= 31 && width(from) <= (from.signed ? 32 : 31)) out.push(`let ${v} = ${a} >> ${d};`);
  else if (n.rounding === 'truncate') out.push(`let ${v} = Math.floor(${a} * ${p2(-d)});`);
  else {
    out.push(`const ${v}s = ${a} * ${p2(-d)}; let ${v} = Math.floor(${v}s); const ${v}r = ${v}s - ${v};`);
    const tie = n.rounding === 'nearest-even' ? `${v} % 2 !== 0` : `${a} >= 0`;
    out.push(`if (${v}r > 0.5 || (${v}r === 0.5 && ${tie})) ${v} += 1;`);
  }
  return [...out, ...emitOverflow(v, from, n, d)];
}

/** Overflow handling of a resize, only where the rounded range can leave the target range. */
function emitOverflow(v: string, from: Format, n: Node & { op: 'resize' }, d: number): string[] {
  const to = n.fmt;
  const out: string[] = [];
  const lo = Number(minRaw(to));
  const hi = Number(maxRaw(to));
  const rlo = Math.floor(Number(minRaw(from)) * 2 ** -d);
  const rhi = Math.floor(Number(maxRaw(from)) * 2 ** -d) + (n.rounding === 'truncate' || d <= 0 ? 0 : 1);
  if (rlo < lo || rhi > hi) {
    if (n.overflow === 'saturate') out.push(`if (${v} < ${lo}) ${v} = ${lo}; else if (${v} > ${hi}) ${v} = ${hi};`);
    else {
      const m = p2(width(to));
      out.push(`if (${v} < ${lo} || ${v} > ${hi}) ${v} = ${v} - Math.floor((${v} - ${lo}) / ${m}) * ${m};`);
    }
  }
  return out;
}

/** JavaScript statements for one node; `a` are the operand variable names. */
function emitNode(n: Node, a: string[], fmts: Format[], consts: string[]): string[] {
  const v = `v${n.id}`;
  const fr = (i: number) => fmts[i]!.frac;
  switch (n.op) {
    case 'input':
      return [];
    case 'const':
      return [`const ${v} = ${Number(n.valueRaw)};`];
    case 'square':
      return [`const ${v} = ${a[0]} * ${a[0]};`];
    case 'mul':
      return [`const ${v} = ${a[0]} * ${a[1]};`];
    case 'add':
    case 'sub':
      return [`const ${v} = ${a[0]} * ${p2(n.fmt.frac - fr(0))} ${n.op === 'add' ? '+' : '-'} ${a[1]} * ${p2(n.fmt.frac - fr(1))};`];
    case 'shift':
      return [`const ${v} = ${a[0]};`];
    case 'resize':
      return emitResize(v, a[0]!, fmts[0]!, n);
    case 'bits':
      return [`const ${v} = ${a[0]} < 0 ? ${a[0]} + ${p2(width(fmts[0]!))} : ${a[0]};`];
    case 'normExp': {
      const t = a[0]!;
      return [
        `const ${v}b = ${t} >= 4294967296 ? 64 - Math.clz32(${t} / 4294967296) : 32 - Math.clz32(${t});`,
        `const ${v}p = ${v}b - 1 - ${fr(0)};`,
        `const ${v} = ${v}p > 0 ? Math.min(${v}p >> 1, ${maxUnsigned(n.fmt)}) : 0;`,
      ];
    }
    case 'normShift': {
      const tbl = `P${consts.length}`;
      const emax = maxUnsigned(fmts[1]!);
      consts.push(`const ${tbl} = [${Array.from({ length: emax + 1 }, (_, e) => p2(n.fmt.frac - fr(0) - 2 * e)).join(', ')}];`);
      const m = p2(width(n.fmt));
      return [`let ${v} = Math.floor(${a[0]} * ${tbl}[${a[1]}]);`, `if (${v} >= ${m}) ${v} -= Math.floor(${v} / ${m}) * ${m};`];
    }
    case 'seedAddr':
    case 'seedOffset': {
      const M = fr(0);
      const k = n.bits;
      const m = a[0]!;
      const hi = `${v}h`;
      if (width(fmts[0]!) <= 31) {
        // m fits an int32: bit selects by shifts and masks.
        const mask = (b: number) => (b <= 0 ? '0' : String(2 ** b - 1));
        const intHead = `const ${hi} = (${m} >>> ${M + 1}) & 1;`;
        if (n.op === 'seedAddr') {
          return [intHead, `const ${v} = ${hi} ? ${p2(k - 1)} + ((${m} >>> ${M + 2 - k}) & ${mask(k - 1)}) : (${m} >>> ${M + 1 - k}) & ${mask(k - 1)};`];
        }
        return [intHead, `const ${v} = ${hi} ? ${m} & ${mask(M + 2 - k)} : (${m} & ${mask(M + 1 - k)}) * 2;`];
      }
      const head = `const ${hi} = Math.floor(${m} / ${p2(M + 1)}) % 2;`;
      if (n.op === 'seedAddr') {
        return [head, `const ${v} = ${hi} ? ${p2(k - 1)} + Math.floor(${m} / ${p2(M + 2 - k)}) % ${p2(k - 1)} : Math.floor(${m} / ${p2(M + 1 - k)}) % ${p2(k - 1)};`];
      }
      return [head, `const ${v} = ${hi} ? ${m} % ${p2(M + 2 - k)} : (${m} % ${p2(M + 1 - k)}) * 2;`];
    }
    case 'rom': {
      const tbl = `R${n.id}`;
      consts.push(`const ${tbl} = new Float64Array([${n.table.entries.map((e) => Number(e)).join(',')}]);`);
      return [`const ${v} = ${tbl}[${a[0]}];`];
    }
    case 'magicSeed': {
      const d = fr(0);
      const m = a[0]!;
      const max = Number(maxRaw(n.fmt));
      return [
        `const ${v}x = Math.floor(${m} / ${p2(d + 1)}) % 2;`,
        `const ${v}f = ${v}x ? Math.floor(${m} / 2) % ${p2(d)} : ${m} % ${p2(d)};`,
        `const ${v}i = (${v}x + ${MAGIC_BIAS}) * ${p2(d)} + ${v}f;`,
        `const ${v}j = Math.max(0, ${Number(n.magic)} - Math.floor(${v}i / 2));`,
        `const ${v}s = Math.floor(${v}j / ${p2(d)}) - ${MAGIC_BIAS} + 2;`,
        `const ${v}m = ${p2(d)} + ${v}j % ${p2(d)};`,
        `const ${v}y = ${v}s >= 0 ? ${v}m * 2 ** ${v}s : Math.floor(${v}m * 2 ** ${v}s);`,
        `const ${v} = ${v}y > ${max} ? ${max} : ${v}y;`,
      ];
    }
    case 'vshr': {
      const tbl = `P${consts.length}`;
      const emax = maxUnsigned(fmts[1]!);
      consts.push(`const ${tbl} = [${Array.from({ length: emax + 1 }, (_, e) => p2(n.factor * (emax - e))).join(', ')}];`);
      return [`const ${v} = ${a[0]} * ${tbl}[${a[1]}];`];
    }
    case 'signBit':
      return [`const ${v} = ${a[0]} < 0 ? 1 : 0;`];
    case 'select':
      return [`const ${v} = ${a[0]} !== 0 ? ${a[1]} : ${a[2]};`];
  }
}

/** Generates the number-mode source: constant tables, then one loop over input codes. */
export function generateSource(dp: Datapath): string {
  const sig = sigBits(dp);
  const fusion = planFusion(dp, sig);
  const consts: string[] = [];
  const body: string[] = [];
  for (const n of dp.nodes) {
    if (fusion.skipped.has(n.id)) continue;
    const args = n.args.map((a) => `v${a}`);
    const fmts = n.args.map((a) => dp.nodes[a]!.fmt);
    const fused = fusion.into.get(n.id);
    if (fused && n.op === 'resize') {
      const p = dp.nodes[fused.product]!;
      const [x, y] = p.op === 'square' ? [p.args[0]!, p.args[0]!] : [p.args[0]!, p.args[1]!];
      const [a, b] = sig[x]! <= sig[y]! ? [x, y] : [y, x];
      const v = `v${n.id}`;
      body.push(...emitFusedProduct(v, `v${a}`, `v${b}`, fused.split, fused.d));
      body.push(...emitOverflow(v, { ...fmts[0]!, frac: n.fmt.frac + fused.d }, n, fused.d));
      continue;
    }
    body.push(...emitNode(n, args, fmts, consts));
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
