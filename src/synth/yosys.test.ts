// Real Yosys runs (WebAssembly, a few seconds each) on small hand-written Verilog-2005 modules:
// figures must come from the design (DSP inference, size response) and failures must be one line.
import { afterAll, describe, expect, it } from 'vitest';
import { closeYosysWorkers, synthesize, SynthError, type SynthResult } from './index.js';
import type { TargetName } from '../targets/index.js';

const TIMEOUT = 90_000;

function registeredMultiplier(name: string, bits: number): string {
  // The product is sized exactly (2*bits): `synth_ice40 -dsp` fails on constant output bits.
  return `module ${name}(input clk, input [${bits - 1}:0] a, input [${bits - 1}:0] b, output reg [${2 * bits - 1}:0] p);
  always @(posedge clk) p <= a * b;
endmodule
`;
}

const MUL8 = { top: 'mul8', files: { 'mul8.v': registeredMultiplier('mul8', 8) } };
const MUL16 = { top: 'mul16', files: { 'mul16.v': registeredMultiplier('mul16', 16) } };

// 16 x 8-bit ROM as a case statement; data from a fixed LCG so no output bit is constant.
const ROM_DATA = Array.from({ length: 16 }, (_, i) => (i * 181 + 77) % 256);
const CASE_ROM = `module rom16(input [3:0] a, output reg [7:0] d);
  always @* begin
    case (a)
${ROM_DATA.map((v, i) => `      4'd${i}: d = 8'h${v.toString(16).padStart(2, '0')};`).join('\n')}
      default: d = 8'h00;
    endcase
  end
endmodule
`;

// 256 x 8-bit ROM with a registered read, initialised from a hex file in a sub-folder.
const HEX = ROM_DATA.concat(ROM_DATA.map((v) => v ^ 0x5a)).flatMap((v) => Array(8).fill(v) as number[]);
const READMEMH_ROM = `module romh(input clk, input [7:0] a, output reg [7:0] d);
  reg [7:0] mem [0:255];
  initial $readmemh("data/table.hex", mem);
  always @(posedge clk) d <= mem[a];
endmodule
`;

const memo = new Map<string, Promise<SynthResult>>();
function run(design: { top: string; files: Record<string, string> }, target: TargetName): Promise<SynthResult> {
  const key = `${design.top}/${target}`;
  if (!memo.has(key)) memo.set(key, synthesize({ ...design, target }));
  return memo.get(key)!;
}

afterAll(() => closeYosysWorkers());

describe.concurrent('synthesize with real Yosys', () => {
  it('8x8 registered multiplier on iCE40 without -dsp: LUTs, carries and 16 FFs, no DSP', { timeout: TIMEOUT }, async () => {
    const r = await run(MUL8, 'ice40');
    expect(r).toMatchObject({ target: 'ice40', top: 'mul8', ff: 16, dsp: 0, bram: 0, memoryBits: 0 });
    expect(r.cells['SB_DFF']).toBe(16);
    expect(r.lut).toBe(r.cells['SB_LUT4']);
    expect(r.lut).toBeGreaterThan(50);
    expect(r.carry).toBeGreaterThan(0);
    expect(r.yosysVersion).toMatch(/^Yosys 0\.55 .*@yowasp\/yosys 0\.55\./);
    expect(r.seconds).toBeGreaterThan(0);
  });

  it('8x8 registered multiplier on iCE40 with -dsp: one SB_MAC16 absorbs multiply and register', { timeout: TIMEOUT }, async () => {
    const r = await run(MUL8, 'ice40-dsp');
    expect(r.cells).toEqual({ SB_MAC16: 1 });
    expect(r).toMatchObject({ dsp: 1, lut: 0, ff: 0, carry: 0 });
  });

  it('8x8 registered multiplier on Xilinx: one DSP48E1, no LUTs', { timeout: TIMEOUT }, async () => {
    const r = await run(MUL8, 'xilinx');
    expect(r.cells['DSP48E1']).toBe(1);
    expect(r).toMatchObject({ dsp: 1, lut: 0, bram: 0 });
  });

  it('a 16x16 multiplier costs more LUTs and FFs than the 8x8 on iCE40', { timeout: TIMEOUT }, async () => {
    const [small, big] = await Promise.all([run(MUL8, 'ice40'), run(MUL16, 'ice40')]);
    expect(big.ff).toBe(32);
    expect(big.lut).toBeGreaterThan(2 * small.lut);
  });

  it('a 16-entry case ROM becomes at most one LUT4 per output bit, no registers or RAM', { timeout: TIMEOUT }, async () => {
    const r = await run({ top: 'rom16', files: { 'rom16.v': CASE_ROM } }, 'ice40');
    expect(r.lut).toBeGreaterThan(0);
    expect(r.lut).toBeLessThanOrEqual(8);
    expect(r).toMatchObject({ ff: 0, dsp: 0, bram: 0, memoryBits: 0 });
  });

  it('passes $readmemh data files (sub-folders too); a registered 256x8 ROM fills one iCE40 block RAM', { timeout: TIMEOUT }, async () => {
    const hex = HEX.map((v) => v.toString(16).padStart(2, '0')).join('\n') + '\n';
    const r = await run({ top: 'romh', files: { 'romh.v': READMEMH_ROM, 'data/table.hex': hex } }, 'ice40');
    expect(r).toMatchObject({ bram: 1, memoryBits: 4096, lut: 0 });
    expect(r.cells['SB_RAM40_4K']).toBe(1);
  });

  it('a syntax error is a one-line SynthError naming target, top and the first ERROR line', { timeout: TIMEOUT }, async () => {
    const files = { 'bad.v': 'module bad(input a, output b);\n  assign b = ~a\nendmodule\n' };
    const error = await synthesize({ top: 'bad', files, target: 'ice40' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SynthError);
    const e = error as SynthError;
    expect(e.message).toBe('synthesis of top "bad" for ice40: Yosys failed: bad.v:3: ERROR: syntax error, unexpected TOK_ENDMODULE');
    expect(e.failure).toBe('yosys');
    expect(e.log).toContain('Executing Verilog-2005 frontend: bad.v');
  });

  it('a missing top module names the Yosys error', { timeout: TIMEOUT }, async () => {
    await expect(synthesize({ ...MUL8, top: 'nope', target: 'xilinx' })).rejects.toThrow(
      'synthesis of top "nope" for xilinx: Yosys failed: ERROR: Module `nope\' not found!',
    );
  });

  it('stops a run past its time limit and stays usable', { timeout: TIMEOUT }, async () => {
    const files = { 'm.v': 'module m(input [31:0] a, input [31:0] b, output [63:0] p); assign p = a * b; endmodule\n' };
    const t0 = performance.now();
    await expect(synthesize({ top: 'm', files, target: 'ice40', timeoutMs: 1000 })).rejects.toThrow(
      'synthesis of top "m" for ice40: Yosys timed out after 1000 ms (its worker thread was stopped)',
    );
    expect(performance.now() - t0).toBeLessThan(20_000);
    const after = await synthesize({ top: 'rom16', files: { 'rom16.v': CASE_ROM }, target: 'ice40' });
    expect(after.lut).toBeGreaterThan(0);
  });
});

describe('synthesize refuses bad options before running Yosys', () => {
  const cases: [string, Parameters<typeof synthesize>[0], string][] = [
    ['top not an identifier', { top: 'a b', files: { 'a.v': '' }, target: 'ice40' }, 'top must be a plain Verilog identifier, got "a b"'],
    ['unsafe file name', { top: 'a', files: { 'a;b.v': '' }, target: 'ice40' }, 'file names must be relative paths of [A-Za-z0-9_.+-] segments, got "a;b.v"'],
    ['no Verilog', { top: 'a', files: { 'a.hex': '00' }, target: 'ice40' }, 'no Verilog source among files (a.hex)'],
    ['bad target', { top: 'a', files: { 'a.v': '' }, target: 'ecp5' as TargetName }, 'target must be one of ice40, ice40-dsp, xilinx, got "ecp5"'],
    ['bad time limit', { top: 'a', files: { 'a.v': '' }, target: 'ice40', timeoutMs: 0 }, 'timeoutMs must be in (0, 2147483647], got 0'],
  ];
  for (const [what, opts, detail] of cases) {
    it(what, async () => {
      const e = await synthesize(opts).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SynthError);
      expect((e as SynthError).failure).toBe('input');
      expect((e as SynthError).message).toBe(`synthesis of top "${opts.top}" for ${opts.target}: ${detail}`);
    });
  }
});
