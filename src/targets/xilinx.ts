// Xilinx 7-series (synth_xilinx): LUT6 fabric, signed-only 25x18 DSP48E1 (two input register levels,
// one output), RAMB18E1/RAMB36E1, SRL16E shift chains. Delays are datasheet-order guesses: no
// 7-series timer runs here.

import type { Target } from './types.js';

export const XILINX: Target = {
  name: 'xilinx',
  description: 'Xilinx 7-series with DSP48E1 (synth_xilinx)',
  lutInputs: 6,
  delay: { lut: 0.55, carryBit: 0.03, register: 0.6, dsp: { delay: 3.9, a: 25, b: 18 } },
  defaultClockMHz: 150,
  dsp: { aMax: 25, bMax: 18, aPartial: 18, bPartial: 18, aMin: 2, bMin: 2, yMin: 9, signedOnly: true, registers: { input: 2, output: 1 }, slicesKeepRegisters: false, postAddFullWidth: false },
  bram: { shapes: [[512, 36], [1024, 18], [2048, 9], [4096, 4], [8192, 2], [16384, 1]], bitsPerBlock: 18432, minBits: 8192, tilesPerBlock: 0.5 },
  // A CLB holds 8 LUT6 and 16 FFs; a DSP48E1 takes 2.5 CLB heights (20 LUTs), a RAMB36 tile 5 (40: a RAMB18 20).
  cost: { ffPerCell: 2, dsp: 20, bram: 40, basis: '7-series floorplan: DSP48E1 = 2.5 CLBs (20 LUTs), RAMB36 tile = 5 CLBs (40 LUTs)' },
  srlMinLength: 3,
  mergesLaneDsps: false,
  synth: {
    command: 'synth_xilinx',
    cells: [
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
    ],
  },
};
