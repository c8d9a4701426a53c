// Where a direct method's approximation lives on the input codes. The input is folded (ISRLU: the
// negative half; an odd or point-symmetric function: |x|; otherwise the codes around 0), and a
// window of 2^k codes of the folded input is approximated; outside the window the output is a
// constant (the saturated tail: a comparator, not table rows). Local code u in [0, 2^k).

/** neg: x in [-2^k, 0), u = x + 2^k; mid: x in [-2^(k-1), 2^(k-1)), u = x + 2^(k-1); abs: |x| in [0, 2^k), u = |x|. */
export type Fold = 'neg' | 'mid' | 'abs';
export const FOLDS: readonly Fold[] = ['neg', 'mid', 'abs'];

/** The input code (raw, in the input format) of local code u. */
export function codeOf(fold: Fold, k: number, u: number): number {
  if (fold === 'neg') return u - 2 ** k;
  if (fold === 'mid') return u - 2 ** (k - 1);
  return u;
}

/** The local code of input code x, or undefined outside the window (for abs: of |x|). */
export function localOf(fold: Fold, k: number, x: number): number | undefined {
  const v = fold === 'neg' ? x + 2 ** k : fold === 'mid' ? x + 2 ** (k - 1) : Math.abs(x);
  return v >= 0 && v < 2 ** k ? v : undefined;
}

/** The largest window a fold can have for a `w`-bit signed input. */
export function maxWindowBits(fold: Fold, w: number): number {
  return fold === 'mid' ? w : w - 1;
}
