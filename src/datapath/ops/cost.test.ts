// Unit tests of the ops' cost kernels: DSP tiling by mul2dsp's rules, soft multipliers against
// isolated Yosys runs, and tables costed by their contents or as block RAM.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../../targets/index.js';
import { tileMul, softMulIce40, partialProducts, romLogic, bramBlocks } from './index.js';

const ICE40_DSP_RULES = TARGETS['ice40-dsp'].dsp!;
const XC7_DSP_RULES = TARGETS.xilinx.dsp!;

describe('DSP tiling (mul2dsp rules)', () => {
  it('fits a 16x16 product in one SB_MAC16 and splits wider ones into slices plus fabric adders', () => {
    expect(tileMul({ a: 16, b: 16, signed: false, y: 32 }, ICE40_DSP_RULES)).toEqual({ dsp: 1, soft: [], adders: [] });
    const t = tileMul({ a: 20, b: 20, signed: true, y: 39 }, ICE40_DSP_RULES);
    expect(t.dsp).toBe(3);
    expect(t.adders.length).toBeGreaterThan(0);
  });

  it('widens unsigned operands by a sign bit on 7-series (25x18 signed only)', () => {
    expect(tileMul({ a: 24, b: 17, signed: false, y: 41 }, XC7_DSP_RULES).dsp).toBe(1);
    expect(tileMul({ a: 25, b: 17, signed: false, y: 42 }, XC7_DSP_RULES).dsp).toBe(2);
  });

  it('keeps the operand order of a slice (mul2dsp swaps only the whole product)', () => {
    // 30 x 23 unsigned on 7-series, as Yosys 0.55 maps it: A is split into an 18-bit and a 14-bit
    // slice; the 18 x 24 slice splits B again (two blocks), where a swap would fit it in one.
    expect(tileMul({ a: 30, b: 23, signed: false, y: 53 }, XC7_DSP_RULES).dsp).toBe(4);
    // Swapped at the top: 23 x 30 is the same product.
    expect(tileMul({ a: 23, b: 30, signed: false, y: 53 }, XC7_DSP_RULES).dsp).toBe(4);
  });

  it('leaves narrow products in LUTs (result under 11 bits on iCE40, 9 on 7-series)', () => {
    expect(tileMul({ a: 5, b: 5, signed: false, y: 10 }, ICE40_DSP_RULES)).toMatchObject({ dsp: 0, soft: [{ a: 5, b: 5 }] });
    expect(tileMul({ a: 5, b: 5, signed: false, y: 10 }, XC7_DSP_RULES).dsp).toBe(1);
    expect(tileMul({ a: 4, b: 4, signed: false, y: 8 }, XC7_DSP_RULES).dsp).toBe(0);
  });
});

describe('soft multipliers on iCE40', () => {
  const shape = (a: number, b: number, opts: { signed?: boolean; square?: boolean; y?: number; constant?: bigint } = {}) => ({
    a, b, signed: opts.signed ?? false, y: opts.y ?? a + b, square: opts.square ?? false, varWidth: a,
    raw: [{ w: a, signed: opts.signed ?? false }, { w: b, signed: false }] as const, ...(opts.constant !== undefined ? { constant: opts.constant } : {}),
  });

  it('matches isolated Yosys runs of unsigned products within 10 % (8x8: 142, 14x14: 494 LUT4s)', () => {
    expect(softMulIce40(shape(8, 8)).lut).toBeGreaterThan(142 * 0.9);
    expect(softMulIce40(shape(8, 8)).lut).toBeLessThan(142 * 1.1);
    expect(softMulIce40(shape(14, 14)).lut).toBeGreaterThan(494 * 0.9);
    expect(softMulIce40(shape(14, 14)).lut).toBeLessThan(494 * 1.1);
  });

  it('costs a square about two thirds of a general product, and a constant as shift-and-add', () => {
    expect(softMulIce40(shape(10, 10, { square: true })).lut).toBeLessThan(0.75 * softMulIce40(shape(10, 10)).lut);
    expect(softMulIce40(shape(13, 2, { constant: 3n })).lut).toBe(15); // one adder (Yosys: 13)
    expect(softMulIce40(shape(13, 1, { constant: 4n })).lut).toBe(0); // a power of two is wiring
  });

  it('does not build the columns above the highest bit read', () => {
    expect(partialProducts(12, 12, 16)).toBe(144 - 28);
    expect(softMulIce40(shape(12, 12, { y: 16 })).lut).toBeLessThan(softMulIce40(shape(12, 12)).lut);
  });
});

describe('tables', () => {
  it('costs a table by its contents: constant columns are free, a 4-input table is one LUT per bit', () => {
    const entries = Array.from({ length: 16 }, (_, i) => BigInt(0x100 | (i * 5) % 16));
    const r = romLogic(entries, 4, 9, 4, (1n << 9n) - 1n);
    expect(r.leaves).toBeLessThanOrEqual(4);
    expect(r.muxes).toBe(0);
  });

  it('counts whole block RAMs of the shape deep enough', () => {
    expect(bramBlocks(1024, 10, TARGETS.ice40.bram)).toBe(3);
    expect(bramBlocks(1024, 12, TARGETS.xilinx.bram)).toBe(1);
    expect(bramBlocks(2048, 15, TARGETS.ice40.bram)).toBe(8);
  });

  it('packs the columns of a table deeper than the deepest shape (measured: memory_libmap on iCE40)', () => {
    // 2^12 x 7 bits: each bit is two 2048-deep columns, two columns per 2048 x 2 block.
    expect(bramBlocks(4096, 7, TARGETS.ice40.bram)).toBe(7);
    expect(bramBlocks(8192, 19, TARGETS.ice40.bram)).toBe(38);
    expect(bramBlocks(4096, 35, TARGETS.ice40.bram)).toBe(35);
  });
});
