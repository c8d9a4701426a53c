// The smallest and largest of many numbers without spreading them into Math.min/Math.max (which
// overflows the call stack beyond about 10^5 arguments).

export function extent(values: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
