// A custom direct-method spec resolved into a full design: the automatic fold, window, segments,
// coefficient LSBs and offset tables filled in by fixed rules (the faithful search chooses its own).

import { SpecError, type DirectKnobs, type Spec } from '../../spec/index.js';
import { TARGETS } from '../../targets/index.js';
import { width } from '../../fixedpoint/index.js';
import type { DirectDesign } from '../types.js';
import type { ChannelDesign } from './direct.js';
import { foldsFor, minimalWindow, channelOutput, type Channel } from './channel.js';
import type { Fold } from './window.js';

/** Fraction bits of c_i for a custom poly: the output's plus the guard bits, one more than each higher term needs. */
export function polyLsbRule(outFrac: number, guard: number, degree: number): number[] {
  return Array.from({ length: degree + 1 }, (_, i) => outFrac + guard + (i === 0 ? 0 : 1) - Math.max(0, i - 1));
}

/** Whether a table of `bits` bits (entries x width) belongs in block RAM under the spec's romStyle. */
export function wantsBlockRam(spec: Spec, bits: number): boolean {
  if (spec.romStyle === 'block') return spec.pipeline !== 0;
  if (spec.romStyle === 'logic' || spec.romStyle === 'case' || spec.pipeline === 0 || spec.objective === 'no-bram') return false;
  return bits > TARGETS[spec.device].bram.minBits;
}

/** The widest input the direct methods take: their windows are fitted and checked code by code. */
export const DIRECT_MAX_BITS = 24;

function channelFromKnobs(spec: Spec, k: DirectKnobs, which: Channel): ChannelDesign {
  if (width(spec.input) > DIRECT_MAX_BITS) {
    throw new SpecError('method', `"${k.method}" fits and checks its window code by code: inputs up to ${DIRECT_MAX_BITS} bits, got ${spec.input.signed ? 's' : 'u'}Q${spec.input.int}.${spec.input.frac} (${width(spec.input)} bits); use newton, pwl or magic`);
  }
  const fold: Fold = k.fold === 'auto' ? foldsFor(spec)[0]! : k.fold;
  const win = k.windowBits === 'auto' ? minimalWindow(spec, which, fold) : k.windowBits;
  const fo = channelOutput(spec, which).out.frac;
  const seg = k.segmentBits !== 'auto' ? k.segmentBits : k.method === 'poly' ? Math.min(5, win - 1) : Math.min(win - 1, Math.max(1, Math.round((2 * win) / 3)));
  // The window may be automatic: the cross-field rules are checked here, on the resolved sizes.
  if (k.method !== 'table' && seg >= win) {
    throw new SpecError('segmentBits', `must be less than the window (${win} bits${k.windowBits === 'auto' ? ', chosen automatically' : ''}): each segment needs offset bits, got ${seg}`);
  }
  const offBits = k.offsetBits !== 'auto' ? k.offsetBits : [win - seg];
  const prefixes = k.offsetPrefixBits !== 'auto' ? k.offsetPrefixBits : offBits.map(() => Math.min(seg, Math.floor(win / 3)));
  if (k.method === 'multipartite') {
    const sum = offBits.reduce((a, b) => a + b, 0);
    if (sum !== win - seg) throw new SpecError('offsetBits', `must sum to the window minus segmentBits (${win} - ${seg} = ${win - seg}), got ${offBits.join(',')}`);
    const bad = prefixes.find((p) => p > seg);
    if (bad !== undefined) throw new SpecError('offsetPrefixBits', `must be at most segmentBits (${seg}): a prefix is top bits of the window, got ${bad}`);
  }
  const base = { method: k.method, fold, windowBits: win, segmentBits: 0, degree: 0, lsb: [] as number[], tBits: [] as number[], merge: [] as number[], offsets: [] as { prefix: number; bits: number }[], blockRam: false };
  if (k.method === 'table') return { ...base, blockRam: wantsBlockRam(spec, 2 ** win * channelOutput(spec, which).out.frac) };
  if (k.method === 'poly') {
    if (k.lutProducts > k.degree) throw new SpecError('lutProducts', `must be at most degree (${k.degree}): a piece of degree ${k.degree} has ${k.degree} products, got ${k.lutProducts}`);
    const lut = k.lutProducts > 0 ? { lutProducts: k.lutProducts } : {};
    return { ...base, segmentBits: seg, degree: k.degree, lsb: polyLsbRule(fo, k.guardBits, k.degree), tBits: Array.from({ length: k.degree }, () => win - seg), blockRam: wantsBlockRam(spec, 2 ** seg * (fo + k.guardBits) * (k.degree + 1)), ...lut };
  }
  return {
    ...base, segmentBits: seg, lsb: [fo + k.guardBits], offsets: offBits.map((bits, j) => ({ bits, prefix: prefixes[j] ?? prefixes[prefixes.length - 1]! })),
    blockRam: wantsBlockRam(spec, 2 ** seg * (fo + k.guardBits)),
  };
}

/** The design of a custom direct-method spec (both channels when the spec has the derivative). */
export function resolveDirectKnobs(spec: Spec, k: DirectKnobs): DirectDesign {
  return { method: k.method, y: channelFromKnobs(spec, k, 'y'), ...(spec.derivative ? { dy: channelFromKnobs(spec, k, 'dy') } : {}) };
}
