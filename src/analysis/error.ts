// Error analysis of a datapath against the exact function: every input code up to a width limit
// (24 bits by default), corner cases plus seeded random codes beyond. Errors are measured in output
// ulps against the exact value clamped to the output range; float64 decides except near a rounding
// boundary, where the BigNumber reference decides (see src/reference).

import { width, minRaw, maxRaw, formatHex, type Format } from '../fixedpoint/index.js';
import { compile, interpret, type Datapath, type Evaluator } from '../datapath/index.js';
import { bracketExact, type Which } from '../reference/index.js';

export interface WorstCase {
  readonly x: string;
  readonly xReal: number;
  readonly got: string;
  readonly gotReal: number;
  readonly exact: number;
  readonly errorUlp: number;
}

export interface ErrorStats {
  readonly output: Which;
  readonly count: number;
  readonly exhaustive: boolean;
  readonly seed: number;
  readonly maxUlp: number;
  readonly meanUlp: number;
  readonly rmsUlp: number;
  readonly faithfulFraction: number;
  readonly correctlyRoundedFraction: number;
  readonly unfaithful: number;
  readonly saturated: number;
  readonly worst: readonly WorstCase[];
  /** Non-decreasing outputs in input order (y only; null for the derivative, which is not monotone). */
  readonly monotonic: boolean | null;
  readonly monotonicViolation?: { readonly x: string; readonly prev: string; readonly got: string };
}

export interface AnalysisOptions {
  /** Inputs up to this many bits are checked exhaustively (default 24). */
  readonly exhaustiveBits?: number;
  /** Random codes checked beyond the exhaustive limit (default 2^18). */
  readonly samples?: number;
  readonly seed?: number;
  /** Stop at the first unfaithful output (used by faithful sizing). */
  readonly stopOnUnfaithful?: boolean;
  readonly evaluator?: Evaluator;
  /** How many worst cases to keep (default 5). */
  readonly worstCount?: number;
}

export interface Analysis {
  readonly y: ErrorStats;
  readonly dy?: ErrorStats;
  readonly seconds: number;
}

/** Seeded 32-bit PRNG (mulberry32): the same seed gives the same codes on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  };
}

/** Corner cases of a format plus `samples` seeded random codes, sorted ascending, unique. */
export function sampleCodes(f: Format, samples: number, seed: number): bigint[] {
  const lo = minRaw(f);
  const hi = maxRaw(f);
  const w = width(f);
  const set = new Set<bigint>([lo, lo + 1n, -1n, 0n, 1n, hi - 1n, hi]);
  for (let b = 0; b < w; b++) {
    const p = 1n << BigInt(b);
    for (const v of [p, p - 1n, p + 1n, -p, -p - 1n, -p + 1n]) set.add(v);
  }
  const rnd = mulberry32(seed);
  const span = hi - lo + 1n;
  for (let i = 0; i < samples; i++) {
    let r = 0n;
    for (let j = 0; j < Math.ceil(w / 32); j++) r = (r << 32n) | BigInt(rnd());
    set.add(lo + (r % span));
  }
  return [...set].filter((v) => v >= lo && v <= hi).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Accumulates error statistics for one output; `add` takes raw input, raw output, exact scaled value. */
class Accumulator {
  count = 0;
  sum = 0;
  sumSq = 0;
  max = 0;
  unfaithful = 0;
  correct = 0;
  saturated = 0;
  worst: WorstCase[] = [];
  monotonic = true;
  violation?: { x: string; prev: string; got: string };
  private prev = -Infinity;
  private readonly lo: number;
  private readonly hi: number;

  constructor(
    readonly dp: Datapath, readonly which: Which, readonly out: Format,
    readonly checkMonotonic: boolean, readonly worstCount: number,
  ) {
    this.lo = Number(minRaw(out));
    this.hi = Number(maxRaw(out));
  }

  /**
   * s: exact value in ulps; fl/isInt/half: its exact bracket (floor, integer?, sign of frac - 1/2).
   * Returns false when the output is not faithful.
   */
  add(x: number, got: number, s: number, fl: number, isInt: boolean, half: number): boolean {
    const { lo, hi } = this;
    const sc = s < lo ? lo : s > hi ? hi : s;
    if (s < lo || s > hi) this.saturated++;
    let fLo = fl < lo ? lo : fl > hi ? hi : fl;
    let fHi = isInt ? fLo : fl + 1 < lo ? lo : fl + 1 > hi ? hi : fl + 1;
    if (fLo > fHi) [fLo, fHi] = [fHi, fLo];
    const ok = got >= fLo && got <= fHi;
    if (!ok) this.unfaithful++;
    // correctly rounded in the spec's rounding mode
    const sp = this.dp.spec;
    let q = fl;
    if (!isInt && sp.outputRounding !== 'truncate') {
      if (half > 0) q += 1;
      else if (half === 0) q += sp.outputRounding === 'nearest-even' ? (q % 2 !== 0 ? 1 : 0) : s > 0 ? 1 : 0;
    }
    if (q < lo) q = lo;
    else if (q > hi) q = hi;
    if (got === q) this.correct++;
    const err = Math.abs(got - sc);
    this.count++;
    this.sum += err;
    this.sumSq += err * err;
    if (err > this.max) this.max = err;
    if (this.worstCount > 0 && (this.worst.length < this.worstCount || err > this.worst[this.worst.length - 1]!.errorUlp)) {
      this.addWorst(x, got, s, err);
    }
    if (this.checkMonotonic) {
      if (got < this.prev && this.monotonic) {
        this.monotonic = false;
        const inF = this.dp.spec.input;
        this.violation = { x: formatHex(BigInt(x), inF), prev: formatHex(BigInt(this.prev), this.out), got: formatHex(BigInt(got), this.out) };
      }
      this.prev = got;
    }
    return ok;
  }

  private addWorst(x: number, got: number, s: number, err: number): void {
    const inF = this.dp.spec.input;
    this.worst.push({
      x: formatHex(BigInt(x), inF), xReal: x * 2 ** -inF.frac,
      got: formatHex(BigInt(got), this.out), gotReal: got * 2 ** -this.out.frac,
      exact: s * 2 ** -this.out.frac, errorUlp: err,
    });
    this.worst.sort((a, b) => b.errorUlp - a.errorUlp || (a.x < b.x ? -1 : 1));
    if (this.worst.length > this.worstCount) this.worst.length = this.worstCount;
  }

  stats(exhaustive: boolean, seed: number): ErrorStats {
    const n = Math.max(1, this.count);
    return {
      output: this.which, count: this.count, exhaustive, seed,
      maxUlp: this.max, meanUlp: this.sum / n, rmsUlp: Math.sqrt(this.sumSq / n),
      faithfulFraction: (this.count - this.unfaithful) / n, correctlyRoundedFraction: this.correct / n,
      unfaithful: this.unfaithful, saturated: this.saturated, worst: this.worst,
      monotonic: this.checkMonotonic ? this.monotonic : null,
      ...(this.violation ? { monotonicViolation: this.violation } : {}),
    };
  }
}

/**
 * Measures the error of the datapath's outputs. Exhaustive up to `exhaustiveBits` input bits,
 * otherwise corner cases plus seeded random codes (the seed is in the result).
 */
export function analyzeErrors(dp: Datapath, opts: AnalysisOptions = {}): Analysis {
  const t0 = performance.now();
  const spec = dp.spec;
  const inF = spec.input;
  const w = width(inF);
  const exhaustive = w <= (opts.exhaustiveBits ?? 24);
  const seed = opts.seed ?? 1;
  const worstCount = opts.worstCount ?? 5;
  const ev = opts.evaluator ?? compile(dp);
  const hasDy = dp.outputs.dy !== undefined;
  const accY = new Accumulator(dp, 'y', spec.output, true, worstCount);
  const accD = hasDy ? new Accumulator(dp, 'dy', spec.derivativeFormat, false, worstCount) : undefined;
  const fi = inF.frac;
  const isrlu = spec.function === 'isrlu';
  const alpha = spec.alpha;
  const foY = spec.output.frac;
  const foD = spec.derivativeFormat.frac;
  const stop = opts.stopOnUnfaithful ?? false;

  // The exact value in output ulps and its bracket, float64 first, exact where it cannot decide.
  const feed = (acc: Accumulator, which: Which, x: number, got: number, fo: number): boolean => {
    const xr = x * 2 ** -fi;
    let s: number;
    if (isrlu && x >= 0) {
      s = which === 'y' ? xr * 2 ** fo : 2 ** fo; // exact in a double
      const fl = Math.floor(s);
      const r = s - fl;
      return acc.add(x, got, s, fl, r === 0, r < 0.5 ? -1 : r > 0.5 ? 1 : 0);
    }
    const t = 1 + alpha * xr * xr;
    s = (which === 'y' ? xr / Math.sqrt(t) : 1 / (t * Math.sqrt(t))) * 2 ** fo;
    const fl = Math.floor(s);
    const r = s - fl;
    const tol = Math.abs(s) * 2 ** -47 + 2 ** -60;
    if (r < tol || 1 - r < tol || Math.abs(r - 0.5) < tol) {
      const b = bracketExact(spec, which, BigInt(x), fo);
      return acc.add(x, got, b.approx, Number(b.floor), b.isInt, b.half);
    }
    return acc.add(x, got, s, fl, false, r < 0.5 ? -1 : 1);
  };

  if (exhaustive && ev.mode === 'number') {
    const CH = 1 << 16;
    const outY = new Float64Array(CH);
    const outD = hasDy ? new Float64Array(CH) : undefined;
    const lo = Number(minRaw(inF));
    const hi = Number(maxRaw(inF));
    outer: for (let start = lo; start <= hi; start += CH) {
      const n = Math.min(CH, hi - start + 1);
      ev.evalRange(start, n, outY, outD);
      for (let i = 0; i < n; i++) {
        const x = start + i;
        const okY = feed(accY, 'y', x, outY[i]!, foY);
        const okD = accD ? feed(accD, 'dy', x, outD![i]!, foD) : true;
        if (stop && !(okY && okD)) break outer;
      }
    }
  } else {
    const codes = exhaustive ? allCodes(inF) : sampleCodes(inF, opts.samples ?? (ev.mode === 'number' ? 2 ** 18 : 2 ** 12), seed);
    for (const xb of codes) {
      const x = Number(xb);
      let gy: number;
      let gd = 0;
      if (ev.mode === 'number') {
        gy = ev.y(x);
        if (accD) gd = ev.dy(x);
      } else {
        const r = interpret(dp, xb);
        gy = Number(r.y);
        gd = Number(r.dy ?? 0n);
      }
      const okY = feed(accY, 'y', x, gy, foY);
      const okD = accD ? feed(accD, 'dy', x, gd, foD) : true;
      if (stop && !(okY && okD)) break;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const y = accY.stats(exhaustive, seed);
  return accD ? { y, dy: accD.stats(exhaustive, seed), seconds } : { y, seconds };
}

function allCodes(f: Format): bigint[] {
  const out: bigint[] = [];
  for (let v = minRaw(f); v <= maxRaw(f); v++) out.push(v);
  return out;
}
