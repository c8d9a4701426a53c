// Yosys's iCE40 cells and what each counts as (shared by the iCE40 flows with and without DSPs).

import type { CellRule } from './types.js';

export const ICE40_CELLS: readonly CellRule[] = [
  { match: /^SB_LUT4$/, per: { lut: 1 } },
  { match: /^SB_DFF\w*$/, per: { ff: 1 } },
  { match: /^SB_CARRY$/, per: { carry: 1 } },
  { match: /^SB_MAC16$/, per: { dsp: 1 } },
  { match: /^SB_RAM40_4K(?:NR|NW|NRNW)?$/, per: { bram: 1, memoryBits: 4096 } },
  { match: /^SB_SPRAM256KA$/, per: { memoryBits: 256 * 1024 } },
];

/** SB_RAM40_4K: 4 Kbit in four shapes; memory_libmap prefers logic for tables up to 1 Kbit (measured). */
export const ICE40_BRAM = { shapes: [[256, 16], [512, 8], [1024, 4], [2048, 2]], bitsPerBlock: 4096, minBits: 1024, tilesPerBlock: 1 } as const;

/**
 * iCE40 fabric numbers are fitted to nextpnr-ice40 0.4 on a UP5K (default core, multipliers in
 * LUTs: 4.5 MHz combinational, 15.5 MHz in 4 stages, both 1.7x slower than a first datasheet-based
 * guess).
 */
export const ICE40_FABRIC_DELAY = { lut: 2.4, carryBit: 0.22, register: 2.0 } as const;

/** The iCE40 UP5K: 5280 logic cells (a LUT4 and an FF each), 8 SB_MAC16, 30 SB_RAM40_4K. */
export const ICE40_UP5K = { part: 'iCE40 UP5K', lut: 5280, ff: 5280, dsp: 8, bram: 30 } as const;

export const ICE40_PNR = { tool: 'nextpnr-ice40', device: 'up5k', package: 'sg48' } as const;

/**
 * iCE40 UltraPlus floorplan: a logic tile holds 8 cells (LUT4 + FF each) and an SB_MAC16 takes the
 * place of four (32 cells). An SB_RAM40_4K sits in a RAM column that can hold nothing else, so its
 * silicon is spent whether a core uses it or not: it is priced at 7 cells, what it saves a design
 * beyond the logic around it, not at the 16 cells of its two tile positions.
 */
export const ICE40_COST = { ffPerCell: 1, dsp: 32, bram: 7, basis: 'iCE40 UP5K floorplan: SB_MAC16 = 4 logic tiles (32 cells); SB_RAM40_4K in a RAM-only column, priced 7 cells' } as const;
