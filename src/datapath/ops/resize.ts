// `resize`: the one narrowing op. Rounds (truncate, nearest-even, nearest-away) to the target's
// fraction bits, then wraps or saturates into its range, exactly as resizeBig. A resize that needs
// neither rounding nor overflow logic is pure wiring (an alias in the bit view).

import { width, minRaw, maxRaw, resizeBig, type Format } from '../../fixedpoint/index.js';
import type { AreaContext, AreaPart, BitSource, NodeOf, OpDef } from './types.js';
import { bitRange, popCount, shifted, topBit } from './bits.js';
import { decl, ext, lit, p2 } from './spell.js';
import { adderDelay } from './timing.js';

type Resize = NodeOf<'resize'>;

/** Whether the Verilog of this resize has rounding logic and saturation logic. */
export function resizeLogic(n: Resize, from: Format): { round: boolean; saturate: boolean } {
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
export function isWiringResize(n: Resize, from: Format): boolean {
  const l = resizeLogic(n, from);
  return !l.round && !l.saturate;
}

/** JavaScript overflow handling of a resize, only where the rounded range can leave the target range. */
export function emitOverflow(v: string, from: Format, n: Resize, d: number): string[] {
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

function js(n: Resize, a: readonly string[], fa: readonly Format[]): string[] {
  const v = `v${n.id}`;
  const from = fa[0]!;
  const x = a[0]!;
  const d = from.frac - n.fmt.frac;
  const out: string[] = [];
  if (d <= 0) out.push(`let ${v} = ${x} * ${p2(-d)};`);
  // A value of at most 31 bits (32 signed) is an int32: an arithmetic shift is the floor.
  else if (n.rounding === 'truncate' && d <= 31 && width(from) <= (from.signed ? 32 : 31)) out.push(`let ${v} = ${x} >> ${d};`);
  else if (n.rounding === 'truncate') out.push(`let ${v} = Math.floor(${x} * ${p2(-d)});`);
  else {
    out.push(`const ${v}s = ${x} * ${p2(-d)}; let ${v} = Math.floor(${v}s); const ${v}r = ${v}s - ${v};`);
    const tie = n.rounding === 'nearest-even' ? `${v} % 2 !== 0` : `${x} >= 0`;
    out.push(`if (${v}r > 0.5 || (${v}r === 0.5 && ${tie})) ${v} += 1;`);
  }
  return [...out, ...emitOverflow(v, from, n, d)];
}

/** Round (truncate / nearest-even / nearest-away), then wrap or saturate, as in resizeBig. */
function verilog(n: Resize, a: string, from: Format, out: string, drop: (bits: string) => void): string[] {
  const to = n.fmt;
  const wf = width(from);
  const wt = width(to);
  const d = from.frac - to.frac;
  const lines: string[] = [];
  // q: the aligned value (floor), wq bits, same signedness as `from`.
  const q = `${out}__q`;
  let wq: number;
  if (d <= 0) {
    wq = wf - d;
    lines.push(decl(q, wq), `assign ${q} = ${d === 0 ? a : `{${a}, ${-d}'b0}`};`);
  } else {
    wq = Math.max(1, wf - d);
    lines.push(decl(q, wq), `assign ${q} = ${wf - d >= 1 ? `${a}[${wf - 1}:${d}]` : from.signed ? `${a}[${wf - 1}]` : "1'b0"};`);
  }
  let r = q;
  let wr = wq;
  if (d > 0 && n.rounding !== 'truncate') {
    const half = `${a}[${d - 1}]`;
    const sticky = d >= 2 ? `(|${a}[${d - 2}:0])` : "1'b0";
    const inc = n.rounding === 'nearest-even'
      ? `${half} & (${sticky} | ${q}[0])`
      : `${half} & (${sticky} | ${from.signed ? `~${a}[${wf - 1}]` : "1'b1"})`;
    r = `${out}__r`;
    wr = wq + 1;
    lines.push(`wire ${out}__inc;`, `assign ${out}__inc = ${inc};`);
    lines.push(decl(r, wr), `assign ${r} = ${ext(q, wq, wr, from.signed)} + {${wr - 1}'b0, ${out}__inc};`);
  }
  // Overflow: compare in a common width that holds r and the target's bounds.
  const lo = minRaw(to);
  const hi = maxRaw(to);
  const rMin = from.signed ? -(1n << BigInt(wr - 1)) : 0n;
  const rMax = (1n << BigInt(from.signed ? wr - 1 : wr)) - 1n;
  if ((rMin >= lo && rMax <= hi) || n.overflow === 'wrap') {
    // A narrowing wrap keeps the low bits only.
    if (wt < wr) drop(wr - 1 === wt ? `${r}[${wt}]` : `${r}[${wr - 1}:${wt}]`);
    lines.push(`assign ${out} = ${ext(r, wr, wt, from.signed)};`);
    return lines;
  }
  const wc = Math.max(wr, wt) + 1;
  const rc = `${out}__c`;
  lines.push(decl(rc, wc), `assign ${rc} = ${ext(r, wr, wc, from.signed)};`);
  const conds: string[] = [];
  if (rMax > hi) conds.push(`($signed(${rc}) > $signed(${lit(wc, hi)})) ? ${lit(wt, hi)}`);
  if (rMin < lo) conds.push(`($signed(${rc}) < $signed(${lit(wc, lo)})) ? ${lit(wt, lo)}`);
  lines.push(`assign ${out} = ${conds.join(' : ')} : ${rc}[${wt - 1}:0];`);
  return lines;
}

/** Rounding (an incrementer and a sticky OR) and saturation (compares and a multiplexer). */
function area(n: Resize, { dp, view: v, target }: AreaContext) {
  const from = dp.nodes[n.args[0]!]!.fmt;
  const l = resizeLogic(n, from);
  const nOut = popCount(v.used[n.id]!);
  const d = from.frac - n.fmt.frac;
  const lut4 = target.lutInputs === 4;
  if (l.round && l.saturate) return lut4 ? { lut: 2.4 * nOut + 2, carry: 2 * nOut - 1 } : { lut: 1.9 * nOut + 1, carry: Math.ceil(nOut / 2.5) };
  if (l.round) {
    const sticky = Math.max(0, d - 1);
    return lut4 ? { lut: nOut + 1 + Math.ceil(sticky / 3), carry: Math.max(0, nOut - 1) } : { lut: 1 + Math.ceil(sticky / 5), carry: Math.ceil(nOut / 4) };
  }
  if (l.saturate) {
    if (from.signed) return lut4 ? { lut: 1.1 * nOut + 1, carry: nOut } : { lut: nOut, carry: 0 };
    return lut4 ? { lut: nOut, carry: 0 } : { lut: nOut + Math.max(0, Math.min(3, nOut - 11)), carry: 0 };
  }
  return { lut: 0, carry: 0 };
}

export const RESIZE: OpDef<'resize'> = {
  kind: 'resize', costClass: 'arith',
  evaluate: (n, a, fa) => resizeBig(a[0]!, fa[0]!, n.fmt, n.rounding, n.overflow),
  js: (n, a, fa) => js(n, a, fa),
  verilog: (n, a, fa, out, ctx) => verilog(n, a[0]!, fa[0]!, out, ctx.drop),
  delay(n, dp, t) {
    const round = n.rounding !== 'truncate' && dp.nodes[n.args[0]!]!.fmt.frac > n.fmt.frac ? adderDelay(t, width(n.fmt)) : 0;
    const sat = n.overflow === 'saturate' ? adderDelay(t, width(n.fmt)) + t.delay.lut : 0;
    return round + sat;
  },
  bits(n, fa, src) {
    const from = fa[0]!;
    const w = width(n.fmt);
    if (!isWiringResize(n, from)) return { bits: Array.from({ length: w }, (_, k) => ({ root: n.id, bit: k })), alias: false };
    const d = from.frac - n.fmt.frac;
    const bits: BitSource[] = [];
    for (let k = 0; k < w; k++) {
      const i = shifted(k, -d, width(from), from.signed);
      bits.push(i === 'zero' ? { value: 0 } : src(n.args[0]!, i));
    }
    return { bits, alias: true };
  },
  reads(n, u, fa) {
    // Truncated bits are read only by rounding; saturation reads every bit above them.
    const wa = width(fa[0]!);
    const d = Math.max(0, fa[0]!.frac - n.fmt.frac);
    const l = resizeLogic(n, fa[0]!);
    return [bitRange(l.round ? 0 : d, l.saturate ? wa - 1 : topBit(u) + d, wa)];
  },
  area(n, ctx) {
    const c = area(n, ctx);
    const parts: AreaPart[] = [{ cls: 'arith', ...c }];
    // Saturation right before a register folds into the FF's synchronous set/reset.
    if (c.lut > 0 && foldsIntoRegister(ctx, n.id)) parts.push({ cls: 'fold', lut: popCount(ctx.view.used[n.id]!), carry: 0 });
    return { parts };
  },
  simpleCost(n, fa) {
    const w = width(n.fmt);
    return (n.rounding !== 'truncate' && fa[0]!.frac > n.fmt.frac ? w : 0) + (n.overflow === 'saturate' ? w / 2 : 0);
  },
  significantBits: (n) => width(n.fmt),
  // Two-sided saturation (a signed result) sets some bits and resets others: split cells.
  foldedResetBits: (n, fa) => (n.fmt.signed && resizeLogic(n, fa[0]!).saturate ? (1n << BigInt(width(n.fmt))) - 1n : 0n),
};

/** Whether a node's value goes only into its first pipeline register (nothing reads it in its own segment). */
function foldsIntoRegister({ view: v, chains }: AreaContext, id: number): boolean {
  const s = v.stage[id]!;
  if (v.readers[id]!.some((rs) => rs.some((r) => r.seg === s))) return false;
  return chains.some((c) => c.root === id && c.first === s + 1);
}
