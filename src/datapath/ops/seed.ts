// The seed table's address and offset on the normalised argument m in [1, 4) (uQ2.M): `seedAddr`
// {m >= 2, the next bits-1 mantissa bits after the leading one} and `seedOffset` (the position
// inside that segment as a fraction in [0, 1)). The bit layout is written once (seedLayout); every
// spelling below reads it.

import { width } from '../../fixedpoint/index.js';
import type { BitSource, NodeOf, OpDef } from './types.js';
import { bitRange, knownBit, ones, popCount, topBit } from './bits.js';
import { p2, slice } from './spell.js';

type Seed = NodeOf<'seedAddr'> | NodeOf<'seedOffset'>;

/**
 * Where the fields of a k-bit seed address sit in m (M fraction bits): bit `hi` = [m >= 2]; the
 * index is bits [hiTop:hiBot] when m >= 2, [loTop:loBot] when m < 2; the offset is the bits below
 * the index: [offHiTop:0] when m >= 2, [offLoTop:0] shifted up by one when m < 2.
 */
export function seedLayout(M: number, k: number) {
  return { hi: M + 1, hiTop: M, hiBot: M - k + 2, loTop: M - 1, loBot: M - k + 1, offHiTop: M - k + 1, offLoTop: M - k };
}

/** Bits of an int32 mask (as JavaScript source). */
const mask = (b: number) => (b <= 0 ? '0' : String(2 ** b - 1));

function makeSeed(kind: 'seedAddr' | 'seedOffset'): Omit<OpDef<'seedAddr' | 'seedOffset'>, 'kind'> {
  const addr = kind === 'seedAddr';
  return {
    costClass: 'mux',
    evaluate(n, a, fa) {
      const m = a[0]!;
      const L = seedLayout(fa[0]!.frac, n.bits);
      const hi = (m >> BigInt(L.hi)) & 1n;
      if (!addr) return hi ? m & ones(L.offHiTop + 1) : (m & ones(L.offLoTop + 1)) << 1n;
      const idx = hi ? (m >> BigInt(L.hiBot)) & ones(n.bits - 1) : (m >> BigInt(L.loBot)) & ones(n.bits - 1);
      return (hi << BigInt(n.bits - 1)) | idx;
    },
    js(n, a, fa) {
      const v = `v${n.id}`;
      const L = seedLayout(fa[0]!.frac, n.bits);
      const k = n.bits;
      const m = a[0]!;
      const hi = `${v}h`;
      if (width(fa[0]!) <= 31) {
        // m fits an int32: bit selects by shifts and masks.
        const head = `const ${hi} = (${m} >>> ${L.hi}) & 1;`;
        if (addr) return [head, `const ${v} = ${hi} ? ${p2(k - 1)} + ((${m} >>> ${L.hiBot}) & ${mask(k - 1)}) : (${m} >>> ${L.loBot}) & ${mask(k - 1)};`];
        return [head, `const ${v} = ${hi} ? ${m} & ${mask(L.offHiTop + 1)} : (${m} & ${mask(L.offLoTop + 1)}) * 2;`];
      }
      const head = `const ${hi} = Math.floor(${m} / ${p2(L.hi)}) % 2;`;
      if (addr) return [head, `const ${v} = ${hi} ? ${p2(k - 1)} + Math.floor(${m} / ${p2(L.hiBot)}) % ${p2(k - 1)} : Math.floor(${m} / ${p2(L.loBot)}) % ${p2(k - 1)};`];
      return [head, `const ${v} = ${hi} ? ${m} % ${p2(L.offHiTop + 1)} : (${m} % ${p2(L.offLoTop + 1)}) * 2;`];
    },
    verilog(n, a, fa, out) {
      const L = seedLayout(fa[0]!.frac, n.bits);
      const m = a[0]!;
      const wm = width(fa[0]!);
      if (!addr) return [`assign ${out} = ${m}[${L.hi}] ? ${slice(m, wm, L.offHiTop, 0)} : {${slice(m, wm, L.offLoTop, 0)}, 1'b0};`];
      if (n.bits === 1) return [`assign ${out} = ${m}[${L.hi}];`];
      return [`assign ${out} = ${m}[${L.hi}] ? {1'b1, ${slice(m, wm, L.hiTop, L.hiBot)}} : {1'b0, ${slice(m, wm, L.loTop, L.loBot)}};`];
    },
    delay: (_n, _dp, t) => t.delay.lut,
    bits(n, fa, src) {
      const w = width(n.fmt);
      const own = (k: number) => ({ root: n.id, bit: k });
      if (addr) return { bits: Array.from({ length: w }, (_, k) => own(k)), alias: false };
      const L = seedLayout(fa[0]!.frac, n.bits);
      const bits: BitSource[] = [];
      for (let k = 0; k < w; k++) {
        const hi = knownBit(k <= L.offHiTop ? src(n.args[0]!, k) : 'zero');
        const lo = knownBit(k === 0 ? 'zero' : k - 1 <= L.offLoTop ? src(n.args[0]!, k - 1) : 'zero');
        bits.push(hi !== undefined && hi === lo ? { value: hi } : own(k));
      }
      return { bits, alias: false };
    },
    reads(n, u, fa) {
      const L = seedLayout(fa[0]!.frac, n.bits);
      const wa = width(fa[0]!);
      if (addr) return [bitRange(L.loBot, L.hi, wa)];
      return [bitRange(0, Math.min(topBit(u), L.offHiTop), wa) | (1n << BigInt(L.hi))];
    },
    area(n, { view: v }) {
      const nOut = popCount(v.used[n.id]!);
      return { parts: [{ cls: 'mux', lut: addr ? Math.max(0, nOut - 1) : nOut, carry: 0 }] };
    },
    simpleCost: (n: Seed) => n.bits,
    significantBits: (n) => width(n.fmt),
    foldedResetBits: () => (addr ? 0n : 1n),
  };
}

export const SEED_ADDR: OpDef<'seedAddr'> = { kind: 'seedAddr', ...makeSeed('seedAddr') };
export const SEED_OFFSET: OpDef<'seedOffset'> = { kind: 'seedOffset', ...makeSeed('seedOffset') };
