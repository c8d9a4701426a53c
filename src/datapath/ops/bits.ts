// Bit-mask helpers shared by the ops' liveness and area rules.

export const ones = (n: number): bigint => (n <= 0 ? 0n : (1n << BigInt(n)) - 1n);

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

/**
 * The operand bit that lands on result bit k when the operand moves up by s bits: 'zero' below the
 * operand, its sign bit above it (signed) or 'zero' (unsigned).
 */
export function shifted(k: number, s: number, wa: number, signed: boolean): number | 'zero' {
  const i = k - s;
  if (i < 0) return 'zero';
  if (i >= wa) return signed ? wa - 1 : 'zero';
  return i;
}

/** A known constant bit of a source ('zero' counts as 0), or undefined for a logic bit. */
export const knownBit = (s: { readonly root: number } | { readonly value: 0 | 1 } | 'zero'): 0 | 1 | undefined =>
  (s === 'zero' ? 0 : 'value' in s ? s.value : undefined);
