// Error analysis of a datapath against the exact function: every input code up to a width limit
// (24 bits by default), corner cases plus seeded random codes beyond. Errors are measured in output
// ulps against the exact value clamped to the output range; float64 decides except near a rounding
// boundary, where the BigNumber reference decides (see src/reference).

import { width, minRaw, maxRaw, formatHex, type Format } from '../fixedpoint/index.js';
import { sampleCodes } from '../common/index.js';
import { compile, interpret, type Datapath, type Evaluator } from '../datapath/index.js';
import { bracket, bracketExact, faithfulCodes, roundBracket, fn, type Which } from '../reference/index.js';

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
  prev = -Infinity;
  private readonly lo: number;
  private readonly hi: number;

  private readonly fi: number;
  private readonly fo: number;
  private readonly alpha: number;
  /** The function (or derivative) in float64, and whether x >= 0 is its exact identity part. */
  private readonly real: (alpha: number, x: number) => number;
  private readonly isrlu: boolean;
  private readonly nearest: boolean;

  constructor(
    readonly dp: Datapath, readonly which: Which, readonly out: Format,
    readonly checkMonotonic: boolean, readonly worstCount: number,
  ) {
    this.lo = Number(minRaw(out));
    this.hi = Number(maxRaw(out));
    this.fi = dp.spec.input.frac;
    this.fo = out.frac;
    this.alpha = dp.spec.alpha;
    const f = fn(dp.spec.function);
    this.real = which === 'y' ? f.value : f.derivative;
    this.isrlu = f.identityForNonNegative;
    this.nearest = dp.spec.outputRounding !== 'truncate';
  }

  /** One input: the exact value in output ulps and its bracket, float64 first, exact where it cannot decide. */
  feed(x: number, got: number): boolean {
    const xr = x * 2 ** -this.fi;
    if (this.isrlu && x >= 0) {
      const s = this.which === 'y' ? xr * 2 ** this.fo : 2 ** this.fo; // exact in a double
      const fl = Math.floor(s);
      const r = s - fl;
      return this.add(x, got, s, fl, r === 0, r < 0.5 ? -1 : r > 0.5 ? 1 : 0);
    }
    const s = this.real(this.alpha, xr) * 2 ** this.fo;
    const fl = Math.floor(s);
    const r = s - fl;
    const tol = Math.abs(s) * 2 ** -47 + 2 ** -60;
    if (r < tol || 1 - r < tol || Math.abs(r - 0.5) < tol) {
      const b = bracketExact(this.dp.spec, this.which, BigInt(x), this.fo);
      return this.add(x, got, b.approx, Number(b.floor), b.isInt, b.half);
    }
    return this.add(x, got, s, fl, false, r < 0.5 ? -1 : 1);
  }

  /**
   * The hot loop of exhaustive analysis: inputs start .. start+n-1 with outputs out[0..n-1].
   * Handles the common case (ISRU value safely inside a rounding interval, in range, not a new
   * worst case, no monotonicity break) inline and hands everything else to feed(). Returns false
   * at the first unfaithful output when `stop` is set.
   */
  scan(start: number, n: number, out: Float64Array, stop: boolean): boolean {
    const { lo, hi, alpha, nearest, worstCount, real } = this;
    const isY = this.which === 'y';
    const inScale = 2 ** -this.fi;
    const outScale = 2 ** this.fo;
    const positiveExact = this.isrlu;
    const posScale = 2 ** (this.fo - this.fi);
    let count = this.count, sum = this.sum, sumSq = this.sumSq, max = this.max, correct = this.correct;
    let prev = this.prev;
    const mono = this.checkMonotonic;
    let ok = true;
    for (let i = 0; i < n; i++) {
      const x = start + i;
      const got = out[i]!;
      let s: number;
      let tol: number;
      if (positiveExact && x >= 0) {
        s = isY ? x * posScale : outScale; // exact in a double: ISRLU passes x >= 0 through
        tol = 0;
      } else {
        s = real(alpha, x * inScale) * outScale;
        tol = (s < 0 ? -s : s) * 2 ** -47 + 2 ** -60;
      }
      const fl = Math.floor(s);
      const r = s - fl;
      const err = got > s ? got - s : s - got;
      const worstMin = worstCount === 0 ? Infinity : this.worst.length < worstCount ? -1 : this.worst[this.worst.length - 1]!.errorUlp;
      const onBoundary = tol === 0 ? r === 0.5 : r < tol || 1 - r < tol || (r - 0.5 < tol && 0.5 - r < tol);
      if (s < lo || s > hi || onBoundary || err > worstMin || (mono && got < prev) ||
        (got !== fl && (got !== fl + 1 || r === 0))) {
        this.count = count; this.sum = sum; this.sumSq = sumSq; this.max = max; this.correct = correct; this.prev = prev;
        ok = this.feed(x, got) && ok;
        ({ count, sum, sumSq, max, correct, prev } = this);
        if (stop && !ok) return false;
        continue;
      }
      // faithful (got is floor or ceil of s); correctly rounded when it is the nearest (or floor).
      const q = nearest && r > 0.5 ? fl + 1 : fl; // r === 0 gives fl, the exact value
      if (got === q) correct++;
      count++;
      sum += err;
      sumSq += err * err;
      if (err > max) max = err;
      if (mono) prev = got;
    }
    this.count = count; this.sum = sum; this.sumSq = sumSq; this.max = max; this.correct = correct; this.prev = prev;
    return ok;
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

  /**
   * The all-BigInt path for formats wider than 53 bits, where raw values do not fit a double:
   * the bracket is decided exactly and only the (small) error itself is a float.
   */
  addWide(xb: bigint, got: bigint, b: ReturnType<typeof bracket>): void {
    const out = this.out;
    const [fLo, fHi] = faithfulCodes(b, out);
    if (got < fLo || got > fHi) this.unfaithful++;
    if (got === roundBracket(b, out, this.dp.spec.outputRounding, this.which === 'y' ? this.dp.spec.outputOverflow : 'saturate')) this.correct++;
    const below = b.floor < minRaw(out) || (b.floor === minRaw(out) - 1n && !b.isInt);
    const above = b.floor > maxRaw(out) || (b.floor === maxRaw(out) && !b.isInt);
    let err: number;
    if (below || above) {
      this.saturated++;
      err = Math.abs(Number(got - (below ? minRaw(out) : maxRaw(out))));
    } else {
      err = Math.abs(Number(got - b.floor) - b.frac);
    }
    this.count++;
    this.sum += err;
    this.sumSq += err * err;
    if (err > this.max) this.max = err;
    if (this.worstCount > 0 && (this.worst.length < this.worstCount || err > this.worst[this.worst.length - 1]!.errorUlp)) {
      this.addWorst(xb, got, b.approx, err);
    }
    if (this.checkMonotonic) {
      if (this.prevWide !== undefined && got < this.prevWide && this.monotonic) {
        this.monotonic = false;
        this.violation = { x: formatHex(xb, this.dp.spec.input), prev: formatHex(this.prevWide, out), got: formatHex(got, out) };
      }
      this.prevWide = got;
    }
  }

  private prevWide: bigint | undefined;

  private addWorst(x: number | bigint, got: number | bigint, s: number, err: number): void {
    const inF = this.dp.spec.input;
    this.worst.push({
      x: formatHex(BigInt(x), inF), xReal: Number(x) * 2 ** -inF.frac,
      got: formatHex(BigInt(got), this.out), gotReal: Number(got) * 2 ** -this.out.frac,
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
  const stop = opts.stopOnUnfaithful ?? false;

  if (exhaustive && ev.mode === 'number') {
    const CH = 1 << 16;
    const outY = new Float64Array(CH);
    const outD = hasDy ? new Float64Array(CH) : undefined;
    const lo = Number(minRaw(inF));
    const hi = Number(maxRaw(inF));
    outer: for (let start = lo; start <= hi; start += CH) {
      const n = Math.min(CH, hi - start + 1);
      ev.evalRange(start, n, outY, outD);
      const okY = accY.scan(start, n, outY, stop);
      const okD = accD ? accD.scan(start, n, outD!, stop) : true;
      if (stop && !(okY && okD)) break outer;
    }
  } else {
    const codes = exhaustive ? allCodes(inF) : sampleCodes(inF, opts.samples ?? (ev.mode === 'number' ? 2 ** 18 : 2 ** 12), seed);
    const wide = w > 53 || width(spec.output) > 53 || (hasDy && width(spec.derivativeFormat) > 53);
    for (const xb of codes) {
      if (wide) {
        const r = interpret(dp, xb);
        accY.addWide(xb, r.y, bracket(spec, 'y', xb, spec.output.frac));
        if (accD) accD.addWide(xb, r.dy!, bracket(spec, 'dy', xb, spec.derivativeFormat.frac));
        if (stop && (accY.unfaithful > 0 || (accD?.unfaithful ?? 0) > 0)) break;
        continue;
      }
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
      const okY = accY.feed(x, gy);
      const okD = accD ? accD.feed(x, gd) : true;
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
