// `magicSeed`: the fast inverse square root seed, J = K - (I >> 1) on a float-like encoding I of
// m in [1, 4) (bias MAGIC_BIAS), decoded back to a fixed-point uQ0.(d+2) value (clamped).

import { width, maxRaw, type Format } from '../../fixedpoint/index.js';
import type { NodeOf, OpDef } from './types.js';
import { bitRange, ones } from './bits.js';
import { bitsFor, decl, lit, p2, slice } from './spell.js';
import { adderDelay, selectDelay } from './timing.js';

/** Magic-seed encoding bias: I = (E' + MAGIC_BIAS) * 2^d + f keeps J = K - (I >> 1) positive. */
export const MAGIC_BIAS = 3;

/** The magic-constant seed in Verilog: I = float-like encoding of m, J = K - (I >> 1), decode J. */
function verilog(n: NodeOf<'magicSeed'>, m: string, fm: Format, out: string, drop: (bits: string) => void): string[] {
  const d = fm.frac;
  const wm = width(fm);
  const w = width(n.fmt);
  const wj = bitsFor(Number(n.magic)) + 1;
  const lines = [
    `wire ${out}__ex;`, `assign ${out}__ex = ${m}[${d + 1}];`,
    decl(`${out}__f`, d), `assign ${out}__f = ${out}__ex ? ${slice(m, wm, d, 1)} : ${slice(m, wm, d - 1, 0)};`,
    decl(`${out}__i`, wj), `assign ${out}__i = {${lit(wj - d, 0n)}, ${out}__f} + {${lit(wj - d, BigInt(MAGIC_BIAS))} + {${wj - d - 1}'b0, ${out}__ex}, ${d}'b0};`,
    decl(`${out}__jr`, wj), `assign ${out}__jr = ${lit(wj, n.magic)} - {1'b0, ${out}__i[${wj - 1}:1]};`,
    // J < 0 (its top bit) clamps to 0, as in the model.
    decl(`${out}__j`, wj), `assign ${out}__j = ${out}__jr[${wj - 1}] ? ${lit(wj, 0n)} : ${out}__jr;`,
    decl(`${out}__m`, d + 1), `assign ${out}__m = {1'b1, ${out}__j[${d - 1}:0]};`,
  ];
  // y = mant << (jtop - MAGIC_BIAS + 2), clamped; one constant shift per exponent value.
  const wtop = wj - d;
  const maxTop = Number(n.magic >> BigInt(d));
  const max = maxRaw(n.fmt);
  let expr = lit(w, 0n);
  let mRead = 0n;
  for (let t = maxTop; t >= 0; t--) {
    const s = t - MAGIC_BIAS + 2;
    // mant << s has d+1+s bits; wider than the output means every mant clamps to the maximum.
    const v = d + 1 + s > w ? lit(w, max) : slice(`${out}__m`, d + 1, w - 1 - s, -s);
    if (d + 1 + s <= w) mRead |= bitRange(-s, w - 1 - s, d + 1);
    expr = `(${out}__j[${wj - 1}:${d}] == ${lit(wtop, BigInt(t))}) ? ${v} : ${expr}`;
  }
  lines.push(`assign ${out} = ${expr};`);
  // Bit 0 of I is shifted out; mantissa bits no exponent value selects are unread.
  drop(`${out}__i[0]`);
  for (let b = d; b >= 0; b--) if (((mRead >> BigInt(b)) & 1n) === 0n) drop(`${out}__m[${b}]`);
  return lines;
}

export const MAGIC_SEED: OpDef<'magicSeed'> = {
  kind: 'magicSeed', costClass: 'arith',
  evaluate(n, a, fa) {
    const m = a[0]!;
    const d = fa[0]!.frac;
    const bd = BigInt(d);
    const ex = (m >> BigInt(d + 1)) & 1n;
    const f = ex ? (m >> 1n) & ones(d) : m & ones(d);
    const i = ((ex + BigInt(MAGIC_BIAS)) << bd) | f;
    let j = n.magic - (i >> 1n);
    if (j < 0n) j = 0n;
    const ey = Number(j >> bd) - MAGIC_BIAS;
    const mant = (1n << bd) | (j & ones(d));
    const s = ey + 2; // output is uQ0.(d+2): 2^ey * mant * 2^-d
    const y = s >= 0 ? mant << BigInt(s) : mant >> BigInt(-s);
    return y > ones(width(n.fmt)) ? ones(width(n.fmt)) : y;
  },
  js(n, a, fa) {
    const v = `v${n.id}`;
    const d = fa[0]!.frac;
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
  },
  verilog: (n, a, fa, out, ctx) => verilog(n, a[0]!, fa[0]!, out, ctx.drop),
  delay: (n, _dp, t) => adderDelay(t, width(n.fmt)) * 2 + selectDelay(t, 4),
  bits: (n) => ({ bits: Array.from({ length: width(n.fmt) }, (_, k) => ({ root: n.id, bit: k })), alias: false }),
  reads: (_n, _u, fa) => [ones(width(fa[0]!))],
  area(n, { target }) {
    const w = width(n.fmt);
    const lut4 = target.lutInputs === 4;
    return { parts: [{ cls: 'arith', lut: (lut4 ? 1.6 : 2.1) * w, carry: Math.ceil(w / (lut4 ? 2 : 4)) }] };
  },
  simpleCost: (n) => width(n.fmt),
  significantBits: (n) => width(n.fmt),
  foldedResetBits: () => 0n,
};
