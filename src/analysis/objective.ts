// What the faithful search minimises: the area objective prices a core's resources in LUT-equivalents
// of silicon on the spec's device (the target record's weights: a logic cell holds a LUT and its
// FFs; a DSP block or a block RAM takes the place of so many cells), under the spec's objective
// (no DSP, no block RAM, or latency first) and hard budgets (maxDsp, maxBram); on a device with a
// fixed part (the iCE40 UP5K), the cores that fit it rank before every core that does not.

import type { Spec } from '../spec/index.js';
import { TARGETS, type CostWeights, type TargetName } from '../targets/index.js';
import type { AreaCounts } from '../area/index.js';

/**
 * The weights a spec's objective prices resources by. The device's silicon weights, except under
 * no-bram on a device with a fixed part: that objective is for a core that shares the part with a
 * network holding its block RAMs, and such a network holds the part's few DSP blocks for its own
 * products too, so a DSP block is priced between the silicon it takes (32 cells on the UP5K) and its
 * share of the part (5280 LUTs / 8 DSPs = 660): their geometric mean, 145 LUT-equivalents. A core
 * then spends a DSP block only where it saves about 145 LUTs (on the default spec: one DSP block and
 * 168 LUTs, not two and 116), and never the several hundred LUTs of a core with every product in LUTs.
 */
export function objectiveWeights(spec: Pick<Spec, 'device' | 'objective'>): CostWeights {
  const t = TARGETS[spec.device];
  const cap = t.capacity;
  if (spec.objective !== 'no-bram' || !cap || cap.dsp === 0) return t.cost;
  const share = cap.lut / cap.dsp;
  return { ...t.cost, dsp: Math.round(Math.sqrt(t.cost.dsp * share)), basis: `objective no-bram on the ${cap.part}: a DSP block at the geometric mean of its silicon (${t.cost.dsp}) and its share of the part (${share})` };
}

/** LUT-equivalents of a core's resources on a device: max(LUT, FF / FFs per cell) + DSP and BRAM weights. */
export function areaCost(target: TargetName, a: AreaCounts, weights: CostWeights = TARGETS[target].cost): number {
  const w = weights;
  return Math.max(a.lut, a.ff / w.ffPerCell) + w.dsp * a.dsp + w.bram * a.bram;
}

/** Why a core is out of the objective's reach, or undefined when it is allowed. */
export function objectiveViolation(spec: Spec, a: AreaCounts): string | undefined {
  if (spec.objective === 'no-dsp' && a.dsp > 0) return `objective no-dsp: ${a.dsp} DSP block(s)`;
  if (spec.objective === 'no-bram' && a.bram > 0) return `objective no-bram: ${a.bram} block RAM(s)`;
  if (spec.maxDsp !== 'none' && a.dsp > spec.maxDsp) return `maxDsp ${spec.maxDsp}: ${a.dsp} DSP block(s)`;
  if (spec.maxBram !== 'none' && a.bram > spec.maxBram) return `maxBram ${spec.maxBram}: ${a.bram} block RAM(s)`;
  return undefined;
}

/** Why a core does not fit the device's part (a UP5K's 5280 LUTs, 8 DSPs, 30 block RAMs), or undefined. */
export function fitViolation(spec: Pick<Spec, 'device'>, a: AreaCounts): string | undefined {
  const cap = TARGETS[spec.device].capacity;
  if (!cap) return undefined;
  const over = ([['lut', 'LUTs'], ['ff', 'FFs'], ['dsp', 'DSP blocks'], ['bram', 'block RAMs']] as const).find(([k]) => a[k] > cap[k]);
  return over ? `does not fit the ${cap.part}: ${a[over[0]]} ${over[1]} of ${cap[over[0]]}` : undefined;
}

/**
 * Added to the cost of a core that does not fit the part: every core that fits ranks first, and
 * where none does the cheapest is still chosen (and the search says it does not fit).
 */
export const OVER_PART = 1e12;

/** A cost as the tables show it: without the over-the-part penalty. */
export const shownCost = (cost: number): number => (cost >= OVER_PART && cost !== Infinity ? cost - OVER_PART : cost);

/** The objective's cost of a core (Infinity where a budget or the objective excludes it). */
export function objectiveCost(spec: Spec, a: AreaCounts, latency: number): number {
  if (objectiveViolation(spec, a) !== undefined) return Infinity;
  const c = areaCost(spec.device, a, objectiveWeights(spec)) + (fitViolation(spec, a) ? OVER_PART : 0);
  return spec.objective === 'latency' ? latency * 1e6 + c : c;
}
