// The objective's hard limits: budgets, the objectives that exclude a resource, and the part a
// device's figures are for (a core must fit the iCE40 UP5K); which specs keep products in LUTs.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { softProducts } from '../datapath/index.js';
import { areaCost, fitViolation, objectiveCost, objectiveViolation, objectiveWeights, shownCost } from './objective.js';
import { KNOBS } from '../spec/knobs.js';
import { TARGETS } from '../targets/index.js';
import { sizeFaithful } from './search.js';

const area = (a: Partial<{ lut: number; ff: number; dsp: number; bram: number }>) => ({ lut: 0, ff: 0, dsp: 0, bram: 0, carry: 0, memoryBits: 0, ...a });

describe('objective', () => {
  it('on iCE40 the cores that fit the UP5K rank first (block RAMs, DSPs, LUTs); Xilinx 7 names no part', () => {
    const ice = resolveSpec({ device: 'ice40' });
    expect(fitViolation(ice, area({ lut: 400, bram: 30 }))).toBeUndefined();
    expect(fitViolation(ice, area({ lut: 400, bram: 35 }))).toBe('does not fit the iCE40 UP5K: 35 block RAMs of 30');
    expect(fitViolation(resolveSpec({ device: 'ice40-dsp' }), area({ dsp: 9 }))).toBe('does not fit the iCE40 UP5K: 9 DSP blocks of 8');
    expect(fitViolation(ice, area({ lut: 6000 }))).toMatch(/6000 LUTs of 5280/);
    // Not excluded: ranked after every core that fits, still chosen where none fits.
    expect(objectiveViolation(ice, area({ bram: 35 }))).toBeUndefined();
    const over = objectiveCost(ice, area({ lut: 1, bram: 31 }), 2);
    expect(over).toBeGreaterThan(objectiveCost(ice, area({ lut: 5000, bram: 30 }), 9));
    expect(over).toBeLessThan(Infinity);
    expect(shownCost(over)).toBe(1 + 7 * 31);
    expect(fitViolation(resolveSpec({ device: 'xilinx' }), area({ lut: 60000, bram: 200, dsp: 500 }))).toBeUndefined();
  });
  it('no-bram on the UP5K prices a DSP block at the geometric mean of its silicon and its share of the part', () => {
    const w = objectiveWeights({ device: 'ice40-dsp', objective: 'no-bram' });
    const cap = TARGETS['ice40-dsp'].capacity!;
    expect(w.dsp).toBe(Math.round(Math.sqrt(TARGETS['ice40-dsp'].cost.dsp * cap.lut / cap.dsp)));
    expect(w.dsp).toBe(145);
    // The figure the knob reference (README) states.
    expect(KNOBS.find((k) => k.key === 'objective')!.description).toContain(`DSP block priced at ${w.dsp} LUTs`);
    // Every other objective, and a device with no fixed part, keeps the silicon weights.
    for (const objective of ['area', 'no-dsp', 'latency'] as const) expect(objectiveWeights({ device: 'ice40-dsp', objective })).toBe(TARGETS['ice40-dsp'].cost);
    expect(objectiveWeights({ device: 'xilinx', objective: 'no-bram' })).toBe(TARGETS.xilinx.cost);
    expect(objectiveCost(resolveSpec({ objective: 'no-bram' }), area({ lut: 100, ff: 10, dsp: 2 }), 2)).toBe(100 + 2 * 145);
    expect(objectiveCost(resolveSpec({}), area({ lut: 100, ff: 10, dsp: 2 }), 2)).toBe(100 + 2 * 32);
  });
  it('no-bram on the default spec spends one DSP block, not two (the 2-DSP core saves fewer LUTs than a block weighs)', () => {
    const s = sizeFaithful(resolveSpec({ objective: 'no-bram' }));
    const chosen = s.alternatives.find((a) => a.chosen)!;
    expect(chosen.area.dsp).toBe(1);
    expect(chosen.area.bram).toBe(0);
    // A two-DSP design the search passed over that the silicon weights (a DSP = 32) would have taken.
    const two = s.alternatives.find((a) => a.area.dsp === 2 && a.cost < Infinity)!;
    expect(areaCost('ice40-dsp', two.area)).toBeLessThan(areaCost('ice40-dsp', chosen.area));
    expect(two.cost).toBeGreaterThan(chosen.cost);
  });
  it('budgets and objectives name what they exclude', () => {
    expect(objectiveViolation(resolveSpec({ objective: 'no-dsp' }), area({ dsp: 1 }))).toBe('objective no-dsp: 1 DSP block(s)');
    expect(objectiveViolation(resolveSpec({ objective: 'no-bram' }), area({ bram: 2 }))).toBe('objective no-bram: 2 block RAM(s)');
    expect(objectiveViolation(resolveSpec({ maxDsp: 1 }), area({ dsp: 2 }))).toBe('maxDsp 1: 2 DSP block(s)');
  });
  it('a looser DSP budget never costs more: with a derivative, one channel may have every product in LUTs', () => {
    // Before, under maxDsp 1 every poly channel kept a product in a DSP block, so the pair (y, dy)
    // needed two and no design was found, while maxDsp 0 found one.
    const cost = (maxDsp: number) => sizeFaithful(resolveSpec({ function: 'isru', input: 'sQ2.9', derivative: true, device: 'xilinx', maxBram: 0, maxDsp })).cost;
    const [c0, c1, c2] = [cost(0), cost(1), cost(2)];
    expect(c1).toBeLessThanOrEqual(c0);
    expect(c2).toBeLessThanOrEqual(c1);
  }, 60_000);

  it('products stay in LUTs under no-dsp or maxDsp 0, on devices with DSP blocks only', () => {
    expect(softProducts(resolveSpec({ device: 'ice40-dsp', objective: 'no-dsp' }))).toBe(true);
    expect(softProducts(resolveSpec({ device: 'xilinx', maxDsp: 0 }))).toBe(true);
    expect(softProducts(resolveSpec({ device: 'ice40-dsp' }))).toBe(false);
    expect(softProducts(resolveSpec({ device: 'xilinx', maxDsp: 1 }))).toBe(false);
    // iCE40 without DSP inference: products are LUTs already, spelled as plain products.
    expect(softProducts(resolveSpec({ device: 'ice40', objective: 'no-dsp' }))).toBe(false);
  });
});
