// iCE40 UP5K with SB_MAC16 blocks (synth_ice40 -dsp): 16x16 multipliers, one register level each
// side absorbed. The SB_MAC16 delay is a datasheet-order guess: nextpnr 0.4 does not time through it.

import type { Target } from './types.js';
import { ICE40_BRAM, ICE40_CELLS, ICE40_COST, ICE40_FABRIC_DELAY, ICE40_PNR, ICE40_UP5K } from './ice40-cells.js';

export const ICE40_DSP: Target = {
  name: 'ice40-dsp',
  description: 'iCE40 UP5K with SB_MAC16 blocks (synth_ice40 -dsp)',
  lutInputs: 4,
  delay: { ...ICE40_FABRIC_DELAY, dsp: { delay: 9.5, a: 16, b: 16 } },
  defaultClockMHz: 24,
  dsp: { aMax: 16, bMax: 16, aPartial: 16, bPartial: 16, aMin: 2, bMin: 2, yMin: 11, signedOnly: false, registers: { input: 1, output: 1 }, slicesKeepRegisters: true, postAddFullWidth: true },
  bram: ICE40_BRAM,
  mergesLaneDsps: true,
  synth: { command: 'synth_ice40 -dsp', cells: ICE40_CELLS },
  cost: ICE40_COST,
  capacity: ICE40_UP5K,
  pnr: ICE40_PNR,
};
