// The rsqrt route (the paper's): square, scale by alpha, add 1, normalise to [1, 4), seed (table,
// piecewise-linear or magic constant), Newton-Raphson steps, denormalise, multiply by x, round,
// saturate; ISRLU's identity half by a select; the gate's scale and offset; the derivative r^3.

import { uQ, formatName } from '../../fixedpoint/index.js';
import { fn } from '../../reference/index.js';
import type { Spec, RsqrtParams } from '../../spec/index.js';
import { vshrFormat } from '../ops/index.js';
import { seedTable, pwlTables, magicConstant } from '../tables.js';
import type { Graph } from '../graph.js';
import type { Datapath } from '../types.js';

/** The placement romStyle forces on every table (block or logic), or undefined: synthesis decides. */
const forced = (spec: Spec): boolean | undefined => (spec.romStyle === 'block' ? spec.pipeline !== 0 : spec.romStyle === 'logic' ? false : undefined);

const bitLength = (n: number): number => (n <= 0 ? 0 : Math.floor(Math.log2(n)) + 1);

/** Quantizes alpha to `bits` significant bits: value = raw * 2^-frac, raw odd (or alpha exact). */
export function quantizeAlpha(alpha: number, bits: number): { raw: bigint; frac: number; value: number } {
  const exp = Math.floor(Math.log2(alpha));
  let frac = bits - 1 - exp;
  let raw = Math.round(alpha * 2 ** frac);
  while (raw > 1 && raw % 2 === 0) { raw /= 2; frac -= 1; }
  return { raw: BigInt(raw), frac, value: raw * 2 ** -frac };
}

export function isPowerOfTwo(alpha: number): boolean {
  return Number.isInteger(Math.log2(alpha));
}

/**
 * The rsqrt route on input node x: t = 1 + a x^2 (a = alpha times the function's scale), r ~ t^-1/2,
 * y = x r 2^(outShift - e) + offset, rounded once; the derivative r^3 2^(outShift - 3e).
 */
export function buildRsqrt(spec: Spec, p: RsqrtParams, g: Graph, x: number): Datapath {
  const f = fn(spec.function);
  const a = spec.alpha * f.rsqrt.alphaScale;
  // t = 1 + a * x^2, kept with argFracBits fraction bits (truncated).
  const F = p.argFracBits;
  const sq = g.square('x_sq', x);
  let scaled: number;
  let alphaUsed = a;
  if (isPowerOfTwo(a)) {
    scaled = a === 1 ? sq : g.shift('ax_sq', sq, Math.log2(a));
  } else {
    const q = quantizeAlpha(a, p.alphaBits);
    alphaUsed = q.value;
    // Keep enough bits of x^2 that alpha's gain does not magnify the truncation past 2^-F.
    const guard = Math.max(0, Math.ceil(Math.log2(a))) + 1;
    const sqT = g.narrow('x_sq_t', sq, uQ(g.f(sq).int, F + guard), 'truncate', 'wrap');
    const c = g.constant('alpha_c', q.raw, uQ(Math.max(0, bitLength(Number(q.raw)) - q.frac), q.frac));
    scaled = g.mul('ax_sq', sqT, c);
  }
  const sf = g.f(scaled);
  const scaledT = g.narrow('ax_sq_t', scaled, uQ(Math.max(sf.int, 0), F), 'truncate', 'wrap');
  const one = g.constant('one', 1n << BigInt(Math.max(F, 0)), uQ(1, Math.max(F, 0)));
  const tSum = g.addN('t_sum', scaledT, one);
  // The most negative input gives the largest t; size t's integer bits to it.
  const xMax = 2 ** spec.input.int;
  const tMax = 1 + alphaUsed * xMax * xMax;
  const tInt = Math.max(1, bitLength(Math.floor(tMax)));
  const t = g.narrow('t', tSum, uQ(tInt, g.f(tSum).frac), 'truncate', 'wrap');

  // Normalise: t = m * 4^e with m in [1, 4).
  const eMax = Math.max(1, Math.floor((tInt - 1) / 2));
  const e = g.add('norm_e', { op: 'normExp' }, [t], uQ(bitLength(eMax), 0));
  const M = p.mantissaBits;
  const m = g.add('norm_m', { op: 'normShift' }, [t, e], uQ(2, M));

  let y = seed(spec, p, g, m);

  // Newton-Raphson: y' = y * (3 - m * y^2) / 2, truncated to stepBits[i] fraction bits.
  // Iterative: every step first widens its estimate (exactly) to one common format, so that all
  // steps are the same hardware; the loop records where each step starts and ends.
  const iterative = spec.architecture === 'iterative' && p.steps > 0;
  const loopFmt = uQ(0, Math.max(g.f(y).frac, ...p.stepBits));
  if (iterative && g.f(y).int > 0) throw new Error(`unreachable: seed ${formatName(g.f(y))} has integer bits`);
  const entry: number[] = [];
  const exit: number[] = [];
  for (let i = 0; i < p.steps; i++) {
    const w = p.stepBits[i]!;
    const s = `nr${i + 1}`;
    if (iterative) {
      y = g.resize(`${s}_yin`, y, loopFmt, 'truncate', 'wrap');
      entry.push(y);
    }
    const y2 = g.narrow(`${s}_y2`, g.square(`${s}_y2_full`, y), uQ(0, w), 'truncate', 'wrap');
    const my2 = g.resize(`${s}_my2`, g.mul(`${s}_my2_full`, m, y2), uQ(1, w), 'truncate', 'saturate');
    const three = g.constant(`${s}_three`, 3n << BigInt(w), uQ(2, w));
    const corr = g.resize(`${s}_corr`, g.sub(`${s}_corr_full`, three, my2), uQ(2, w), 'truncate', 'wrap');
    const half = g.shift(`${s}_half`, g.mul(`${s}_prod`, y, corr), -1);
    y = g.resize(`${s}_y`, half, uQ(0, w), 'truncate', 'saturate');
    if (iterative) exit.push(y);
  }
  const r = y;

  // y = x * r * 2^-e (scaled and offset for the gate), rounded once at the output.
  const prod = g.mul('xr', x, r);
  let den = g.add('xr_denorm', { op: 'vshr', factor: 1 }, [prod, e], vshrFormat(g.f(prod), g.f(e), 1));
  if (f.rsqrt.outShift !== 0) den = g.shift('xr_scaled', den, f.rsqrt.outShift);
  if (f.rsqrt.offset !== 0) den = g.addN('xr_offset', den, dyadic(g, 'offset', f.rsqrt.offset));
  let out = g.resize('y_isru', den, spec.output, spec.outputRounding, spec.outputOverflow);
  let neg: number | undefined;
  if (f.identityForNonNegative) {
    const pos = g.resize('y_pos', x, spec.output, spec.outputRounding, spec.outputOverflow);
    neg = g.add('x_neg', { op: 'signBit' }, [x], uQ(1, 0));
    out = g.add('y', { op: 'select' }, [neg, out, pos], spec.output);
  }

  let dy: number | undefined;
  if (spec.derivative) {
    // r^3 * 2^-3e: (1 + alpha x^2)^-1.5.
    const df = spec.derivativeFormat;
    const wd = Math.max(g.f(r).frac, df.frac + 4);
    const r2 = g.narrow('r2', g.square('r2_full', r), uQ(0, wd), 'truncate', 'wrap');
    const r3 = g.narrow('r3', g.mul('r3_full', r2, r), uQ(0, wd), 'truncate', 'wrap');
    let d3 = g.add('r3_denorm', { op: 'vshr', factor: 3 }, [r3, e], vshrFormat(g.f(r3), g.f(e), 3));
    if (f.rsqrt.outShift !== 0) d3 = g.shift('r3_scaled', d3, f.rsqrt.outShift);
    dy = g.resize('dy_isru', d3, df, spec.outputRounding, 'saturate');
    if (neg !== undefined) {
      const oneD = g.constant('dy_one', 1n << BigInt(df.frac), df);
      dy = g.add('dy', { op: 'select' }, [neg, dy, oneD], df);
    }
  }
  return { spec, params: p, nodes: g.nodes, input: x, outputs: { y: out, ...(dy !== undefined ? { dy } : {}) }, tables: g.tables, alphaUsed, ...(iterative ? { loop: { entry, exit } } : {}) };
}

/** A constant holding the dyadic value v exactly (v = 1/2: uQ0.1 raw 1). */
function dyadic(g: Graph, name: string, v: number): number {
  let frac = 0;
  while (!Number.isInteger(v * 2 ** frac)) frac++;
  const raw = v * 2 ** frac;
  return g.constant(name, BigInt(raw), uQ(Math.max(0, bitLength(raw) - frac), frac));
}

/** The seed of 1/sqrt(m) by the chosen method. */
function seed(spec: Spec, p: RsqrtParams, g: Graph, m: number): number {
  const k = p.tableAddressBits;
  const d = p.tableDataBits;
  switch (p.method) {
    case 'newton': {
      const addr = g.add('seed_addr', { op: 'seedAddr', bits: k }, [m], uQ(k, 0));
      return g.rom('seed', addr, seedTable(k, d), forced(spec));
    }
    case 'pwl': {
      const addr = g.add('seed_addr', { op: 'seedAddr', bits: k }, [m], uQ(k, 0));
      const u = g.add('seed_u', { op: 'seedOffset', bits: k }, [m], uQ(0, g.f(m).frac - k + 2));
      const { c0, c1 } = pwlTables(k, d);
      const a0 = g.rom('pwl_c0', addr, c0, forced(spec));
      const a1 = g.rom('pwl_c1', addr, c1, forced(spec));
      const slope = g.narrow('pwl_du', g.mul('pwl_du_full', a1, u), uQ(0, d), 'truncate', 'wrap');
      return g.resize('seed', g.sub('seed_full', a0, slope), uQ(0, d), 'truncate', 'saturate');
    }
    case 'magic': {
      const md = g.narrow('magic_m', m, uQ(2, d), 'truncate', 'wrap');
      return g.add('seed', { op: 'magicSeed', magic: magicConstant(d) }, [md], uQ(0, d + 2));
    }
    case 'direct':
      throw new Error(`unreachable: direct method has no seed (${spec.name})`);
  }
}

