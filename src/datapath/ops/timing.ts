// Delay building blocks shared by the ops' delay rules: a carry-chain adder and a k-way selection
// (mux tree or table) on a device's fabric.

import type { Target } from '../../targets/index.js';
import { lg2 } from './spell.js';

/** A carry-chain adder of `bits` bits. */
export const adderDelay = (t: Target, bits: number): number => t.delay.lut + t.delay.carryBit * bits;

/** A k-input selection (mux tree or table) in LUT levels. */
export const selectDelay = (t: Target, inputs: number): number => t.delay.lut * Math.max(1, Math.ceil(lg2(inputs) / Math.max(1, t.lutInputs - 2)));
