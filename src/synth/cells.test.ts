// The cell tables and the stat/dump readers, on hand-made inputs (no Yosys run).
import { describe, expect, it } from 'vitest';
import { classifyCells, parseStat, unmappedMemoryBits } from './index.js';

describe('classifyCells', () => {
  it('iCE40: every SB_DFF variant is a FF, block RAM is 4096 bits, I/O and $scopeinfo count nothing', () => {
    const cells = { SB_LUT4: 10, SB_DFF: 2, SB_DFFE: 3, SB_DFFNSR: 1, SB_CARRY: 4, SB_MAC16: 1, SB_RAM40_4K: 1, SB_RAM40_4KNR: 1, SB_IO: 9, $scopeinfo: 2 };
    expect(classifyCells('ice40', cells)).toEqual({ lut: 10, ff: 6, carry: 4, dsp: 1, memoryBits: 8192, bram: 2 });
    expect(classifyCells('ice40-dsp', cells)).toEqual(classifyCells('ice40', cells));
  });

  it('Xilinx: LUT1..6, LUT6_2 and INV are LUTs; FD*; RAMB18 is half a tile; LUTRAM by its name', () => {
    const cells = { LUT1: 1, LUT6: 5, LUT6_2: 1, INV: 2, FDRE: 7, FDCE: 1, CARRY4: 3, DSP48E1: 2, RAMB18E1: 1, RAMB36E1: 2, RAM32X1D: 2, RAM64X1S: 1, RAM128X1D: 1, RAM64M: 3, RAM32M: 1, IBUF: 4, MUXF7: 1 };
    expect(classifyCells('xilinx', cells)).toEqual({
      lut: 9, ff: 8, carry: 3, dsp: 2, bram: 2.5,
      memoryBits: 18432 + 2 * 36864 + 2 * 32 + 64 + 128 + 3 * 256 + 256,
    });
  });

  it('adds storage found outside the cell list', () => {
    expect(classifyCells('xilinx', { $mem_v2: 1 }, 512).memoryBits).toBe(512);
  });
});

describe('parseStat', () => {
  const stat = {
    creator: 'Yosys 0.55 (git sha1 60f126cd0, ccache clang 18.1.3 -O3 -flto -flto)',
    modules: { '\\sub': { num_cells_by_type: { FDRE: 8 } }, '\\top': { num_cells_by_type: { sub: 2, IBUF: 9 } } },
    design: { num_memory_bits: 0, num_cells_by_type: { FDRE: 16, IBUF: 9 } },
  };

  it('prefers the hierarchy totals under the top and trims the creator to the version', () => {
    expect(parseStat(JSON.stringify(stat), 'top')).toEqual({ cells: { FDRE: 16, IBUF: 9 }, memoryBits: 0, creator: 'Yosys 0.55 (git sha1 60f126cd0)' });
  });

  it('falls back to the top module; refuses what is not stat JSON', () => {
    expect(parseStat(JSON.stringify({ ...stat, design: undefined }), 'top')?.cells).toEqual({ sub: 2, IBUF: 9 });
    expect(parseStat('not json', 'top')).toBeUndefined();
    expect(parseStat('{"modules":{}}', 'top')).toBeUndefined();
  });
});

describe('unmappedMemoryBits', () => {
  it('sums WIDTH x SIZE of $mem cells in an RTLIL dump, decimal or binary parameters', () => {
    const dump = [
      '  cell $mem_v2 \\mem', '    parameter \\SIZE 64', '    parameter \\WIDTH 8', '  end',
      '  cell $mem \\other', "    parameter \\SIZE 32'00000000000000000000000000010000", '    parameter \\WIDTH 4', '  end',
      '  cell $dff \\q', '    parameter \\WIDTH 8', '  end',
    ].join('\n');
    expect(unmappedMemoryBits(dump)).toBe(64 * 8 + 16 * 4);
    expect(unmappedMemoryBits('')).toBe(0);
  });
});
