// The device registry: one record per device (see types.ts). Everything device-specific in the
// tool (delays, DSP tiling, block RAM, Yosys command, cell counting, place and route) reads these.

import type { Target } from './types.js';
import { ICE40 } from './ice40.js';
import { ICE40_DSP } from './ice40-dsp.js';
import { XILINX } from './xilinx.js';

export type { Target, CellRule, Contribution, ResourceCounts, DspRules, BramRules, DelayFacts, CostWeights } from './types.js';

/** Every device, in the order commands list them. */
export const TARGETS = { 'ice40': ICE40, 'ice40-dsp': ICE40_DSP, 'xilinx': XILINX } as const satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;
export const TARGET_NAMES: readonly TargetName[] = Object.keys(TARGETS) as TargetName[];

/** The record of a device. */
export function target(name: TargetName): Target {
  return TARGETS[name];
}
