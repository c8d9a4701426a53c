// What a synthesized cell costs: per-target tables mapping Yosys cell types to LUT, FF, carry, DSP
// and memory figures. Classification is data (the tables below), never code paths per cell name.

/** Synthesis flows this module runs; `ice40-dsp` is `synth_ice40 -dsp` (SB_MAC16 inference). */
export type SynthTarget = 'ice40' | 'ice40-dsp' | 'xilinx';
export const SYNTH_TARGETS: readonly SynthTarget[] = ['ice40', 'ice40-dsp', 'xilinx'];

/** Resource totals derived from cell counts. */
export interface ResourceCounts {
  /** Logic LUTs (SB_LUT4; Xilinx LUT1..LUT6, LUT6_2 and INV, which Vivado places as a LUT1). */
  readonly lut: number;
  /** Flip-flops and latches (SB_DFF*; Xilinx FD*, LDCE/LDPE). */
  readonly ff: number;
  /** Carry-chain cells (SB_CARRY; CARRY4/CARRY8). */
  readonly carry: number;
  /** Hard multipliers (SB_MAC16; DSP48E1/E2). */
  readonly dsp: number;
  /**
   * Storage bits: block RAM capacity, distributed-RAM primitive capacity (depth x width x banks as
   * the primitive is named, e.g. RAM64M = 4 x 64 x 1 = 256), iCE40 SPRAM, and memories Yosys left
   * unmapped ($mem cells, RTLIL memories). Capacity, not bits in use.
   */
  readonly memoryBits: number;
  /**
   * Block RAM tiles as the vendor counts them: one per SB_RAM40_4K; one per RAMB36E1 and one half
   * per RAMB18E1 (Vivado's "Block RAM Tile"). SPRAM and distributed RAM are not block RAM.
   */
  readonly bram: number;
}

export type Contribution = Partial<ResourceCounts>;

/** One table row: cell types matching `match` each add `per` (or `per(match)`, for sized names). */
export interface CellRule {
  readonly match: RegExp;
  readonly per: Contribution | ((m: RegExpMatchArray) => Contribution);
}

const ICE40_RULES: readonly CellRule[] = [
  { match: /^SB_LUT4$/, per: { lut: 1 } },
  { match: /^SB_DFF\w*$/, per: { ff: 1 } },
  { match: /^SB_CARRY$/, per: { carry: 1 } },
  { match: /^SB_MAC16$/, per: { dsp: 1 } },
  { match: /^SB_RAM40_4K(?:NR|NW|NRNW)?$/, per: { bram: 1, memoryBits: 4096 } },
  { match: /^SB_SPRAM256KA$/, per: { memoryBits: 256 * 1024 } },
];

const XILINX_RULES: readonly CellRule[] = [
  { match: /^(?:LUT[1-6]|LUT6_2|INV)$/, per: { lut: 1 } },
  { match: /^(?:FD\w*|LD[CP]E(?:_1)?)$/, per: { ff: 1 } },
  { match: /^CARRY[48]$/, per: { carry: 1 } },
  { match: /^DSP48E[12]$/, per: { dsp: 1 } },
  { match: /^RAMB18E[12]$/, per: { bram: 0.5, memoryBits: 18 * 1024 } },
  { match: /^RAMB36E[12]$/, per: { bram: 1, memoryBits: 36 * 1024 } },
  // Distributed RAM named DEPTHxWIDTH: RAM32X1D, RAM64X1S_1, RAM128X1D, RAM16X4S, ...
  { match: /^RAM(\d+)X(\d+)[SD](?:_1)?$/, per: (m) => ({ memoryBits: Number(m[1]) * Number(m[2]) }) },
  // Multi-port distributed RAM: four (or eight) banks sharing one write address.
  { match: /^RAM32M$/, per: { memoryBits: 32 * 2 * 4 } },
  { match: /^RAM64M$/, per: { memoryBits: 64 * 1 * 4 } },
  { match: /^RAM32M16$/, per: { memoryBits: 32 * 2 * 8 } },
  { match: /^RAM64M8$/, per: { memoryBits: 64 * 1 * 8 } },
];

/** The cell tables per target; exported so reports can show what was counted as what. */
export const CELL_RULES: Readonly<Record<SynthTarget, readonly CellRule[]>> = {
  'ice40': ICE40_RULES,
  'ice40-dsp': ICE40_RULES,
  'xilinx': XILINX_RULES,
};

const FIELDS = ['lut', 'ff', 'carry', 'dsp', 'memoryBits', 'bram'] as const;

/**
 * Totals for raw cell counts (`stat -json` `num_cells_by_type`). The first matching rule wins;
 * cells no rule matches (I/O buffers, $scopeinfo, SRLs, ...) add nothing. `extraMemoryBits` adds
 * storage found outside the cell list (unmapped memories).
 */
export function classifyCells(
  target: SynthTarget,
  cells: Readonly<Record<string, number>>,
  extraMemoryBits = 0,
): ResourceCounts {
  const total: Record<(typeof FIELDS)[number], number> = { lut: 0, ff: 0, carry: 0, dsp: 0, memoryBits: extraMemoryBits, bram: 0 };
  for (const [type, count] of Object.entries(cells)) {
    for (const rule of CELL_RULES[target]) {
      const m = type.match(rule.match);
      if (m === null) continue;
      const per = typeof rule.per === 'function' ? rule.per(m) : rule.per;
      for (const field of FIELDS) total[field] += (per[field] ?? 0) * count;
      break;
    }
  }
  return total;
}
