// What a direct-method channel approximates, from the spec: the function (or its derivative) at the
// folded input of each local code, exact output codes from the reference, and the windows a fold
// allows, down to the smallest one whose tail is a constant faithful for every code outside it.

import { width, type Format } from '../../fixedpoint/index.js';
import { fn, referenceCode } from '../../reference/index.js';
import type { Spec } from '../../spec/index.js';
import type { ChannelFunction } from './direct.js';
import { codeOf, maxWindowBits, type Fold } from './window.js';

export type Channel = 'y' | 'dy';

/** The format, rounding and overflow of a channel's output. */
export function channelOutput(spec: Spec, which: Channel): { out: Format; overflow: 'wrap' | 'saturate' } {
  return which === 'y' ? { out: spec.output, overflow: spec.outputOverflow } : { out: spec.derivativeFormat, overflow: 'saturate' };
}

/** The folds a channel may use: ISRLU's negative half; the codes around 0; |x| where f is symmetric. */
export function foldsFor(spec: Spec): Fold[] {
  const f = fn(spec.function);
  if (f.identityForNonNegative) return ['neg'];
  return f.symmetryCenter !== undefined ? ['mid', 'abs'] : ['mid'];
}

/** Channel functions made already, per spec object (their samples are costly on wide windows). */
const made = new WeakMap<Spec, Map<string, ChannelFunction>>();

/** Drops a spec's channel functions and their samples (2^k doubles each: 64 MiB at 23 bits) once a search is done. */
export function forgetChannelFunctions(spec: Spec): void {
  made.delete(spec);
}

/** The channel's function on the window of fold `fold` and `k` bits. */
export function channelFunction(spec: Spec, which: Channel, fold: Fold, k: number): ChannelFunction {
  const mine = made.get(spec) ?? new Map<string, ChannelFunction>();
  made.set(spec, mine);
  const key = `${which} ${fold} ${k}`;
  const hit = mine.get(key);
  if (hit) return hit;
  const f = fn(spec.function);
  const { out, overflow } = channelOutput(spec, which);
  const scale = 2 ** -spec.input.frac;
  const real = which === 'y' ? (x: number) => f.value(spec.alpha, x) : (x: number) => f.derivative(spec.alpha, x);
  const reflect = fold !== 'abs' || which === 'dy' ? 'none' : f.symmetryCenter === 0 ? 'negate' : 'complement';
  const h = (u: number) => real(codeOf(fold, k, u) * scale);
  let samples: Float64Array | undefined;
  const made1: ChannelFunction = {
    out, rounding: spec.outputRounding, inputWidth: width(spec.input), reflect, h,
    samples: () => {
      if (!samples) {
        samples = new Float64Array(2 ** k);
        for (let u = 0; u < samples.length; u++) samples[u] = h(u);
      }
      return samples;
    },
    code: (x) => referenceCode(spec, which, BigInt(x), out, spec.outputRounding, overflow),
  };
  mine.set(key, made1);
  return made1;
}

/**
 * The smallest window (bits) of a fold whose tail constant is faithful on every input code outside
 * it: the constant is the correctly rounded value at the far end; a code's faithful outputs are the
 * floor and ceiling of its exact value (clamped to the output range), decided here in float64.
 */
export function minimalWindow(spec: Spec, which: Channel, fold: Fold): number {
  const w = width(spec.input);
  const kMax = maxWindowBits(fold, w) + (fold === 'abs' ? 1 : 0);
  const { out } = channelOutput(spec, which);
  const f = fn(spec.function);
  const real = which === 'y' ? (x: number) => f.value(spec.alpha, x) : (x: number) => f.derivative(spec.alpha, x);
  const lo = Number(-(2n ** BigInt(w - 1)));
  const hi = -lo - 1;
  const oLo = out.signed ? -(2 ** (width(out) - 1)) : 0;
  const oHi = out.signed ? 2 ** (width(out) - 1) - 1 : 2 ** width(out) - 1;
  const faithfulTo = (x: number, c: number) => {
    const s = real(x * 2 ** -spec.input.frac) * 2 ** out.frac;
    const a = Math.min(oHi, Math.max(oLo, Math.floor(s)));
    const b = Math.min(oHi, Math.max(oLo, Math.ceil(s)));
    return c === a || c === b;
  };
  // The tail of a window of k bits: the codes below (neg, mid) and above (mid, abs) it.
  const tailOk = (k: number): boolean => {
    if (fold === 'neg' || fold === 'mid') {
      const edge = fold === 'neg' ? -(2 ** k) : -(2 ** (k - 1));
      const c = Number(referenceCode(spec, which, BigInt(lo), out, spec.outputRounding, 'saturate'));
      for (let x = lo; x < edge; x++) if (!faithfulTo(x, c)) return false;
    }
    if (fold === 'mid' || fold === 'abs') {
      const edge = fold === 'mid' ? 2 ** (k - 1) : 2 ** k;
      const far = fold === 'mid' ? hi : -lo;
      const c = Number(referenceCode(spec, which, BigInt(far), out, spec.outputRounding, 'saturate'));
      for (let x = edge; x <= far; x++) if (!faithfulTo(x, c)) return false;
    }
    return true;
  };
  let k = kMax;
  while (k > 1 && tailOk(k - 1)) k--;
  return k;
}
