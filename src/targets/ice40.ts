// iCE40 with multipliers built in LUTs (synth_ice40): UP5K-class fabric, no DSP inference.

import type { Target } from './types.js';
import { ICE40_BRAM, ICE40_CELLS, ICE40_COST, ICE40_FABRIC_DELAY, ICE40_PNR, ICE40_UP5K } from './ice40-cells.js';

export const ICE40: Target = {
  name: 'ice40',
  description: 'iCE40, multipliers in LUTs (synth_ice40)',
  lutInputs: 4,
  delay: ICE40_FABRIC_DELAY,
  defaultClockMHz: 16,
  bram: ICE40_BRAM,
  mergesLaneDsps: true,
  synth: { command: 'synth_ice40', cells: ICE40_CELLS },
  cost: ICE40_COST,
  capacity: ICE40_UP5K,
  pnr: ICE40_PNR,
};
