// What a synthesized cell costs: each target record's cell table (src/targets) maps Yosys cell types
// to LUT, FF, carry, DSP and memory figures. Classification is data, never code paths per cell name.

import { TARGETS, type TargetName, type CellRule, type ResourceCounts } from '../targets/index.js';

/** The cell tables per target; exported so reports can show what was counted as what. */
export const CELL_RULES: Readonly<Record<TargetName, readonly CellRule[]>> = Object.fromEntries(
  Object.entries(TARGETS).map(([name, t]) => [name, t.synth.cells]),
) as Record<TargetName, readonly CellRule[]>;

const FIELDS = ['lut', 'ff', 'carry', 'dsp', 'memoryBits', 'bram'] as const;

/**
 * Totals for raw cell counts (`stat -json` `num_cells_by_type`). The first matching rule wins;
 * cells no rule matches (I/O buffers, $scopeinfo, SRLs, ...) add nothing. `extraMemoryBits` adds
 * storage found outside the cell list (unmapped memories).
 */
export function classifyCells(
  target: TargetName,
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
