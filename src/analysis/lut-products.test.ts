// Horner products in LUTs beside a DSP block (ChannelDesign.lutProducts): the faithful search prices
// each piecewise polynomial with its narrowest products in LUTs on devices with DSP blocks, keeps a
// variant only where it takes fewer DSP blocks, and every such candidate is faithful on every input.
import { describe, expect, it } from 'vitest';
import { resolveSpec, SpecError } from '../spec/index.js';
import { buildDatapath, describeDesign } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { estimateArea } from '../area/index.js';
import { analyzeErrors } from './error.js';
import { searchChannel } from './direct-search.js';

describe('LUT products in the faithful search', () => {
  it('on iCE40-DSP, the LUT-product variants take fewer DSP blocks than the same pieces without, and are faithful', () => {
    const spec = resolveSpec({ function: 'isrlu', input: 'sQ3.12', objective: 'no-bram' });
    const found = searchChannel(spec, 'y');
    const soft = found.filter((c) => c.design.lutProducts !== undefined);
    expect(soft.length).toBeGreaterThan(0);
    for (const c of soft.slice(0, 2)) {
      const { lutProducts, ...plain } = c.design;
      expect(lutProducts).toBeGreaterThanOrEqual(1);
      expect(lutProducts).toBeLessThan(c.design.degree);
      const twin = found.find((o) => JSON.stringify(o.design) === JSON.stringify(plain));
      expect(twin).toBeDefined();
      expect(c.area.dsp).toBeLessThan(twin!.area.dsp);
      const dp = buildDatapath(spec, { method: 'poly', y: c.design });
      expect(describeDesign(dp.params)).toMatch(/the first (\d+ )?products? in LUTs/);
      const products = dp.nodes.filter((n) => n.op === 'mul');
      expect(products.filter((n) => n.op === 'mul' && n.soft).length).toBe(lutProducts);
      const a = analyzeErrors(dp, { exhaustiveBits: 16 });
      expect(a.y.exhaustive).toBe(true);
      expect(a.y.faithfulFraction).toBe(1);
      expect(a.y.maxUlp).toBeLessThan(1);
    }
  });

  it('specs whose products are all in LUTs already, and devices without DSP blocks, get no variants', () => {
    for (const json of [
      { function: 'isrlu', input: 'sQ2.9', objective: 'no-dsp' },
      { function: 'isrlu', input: 'sQ2.9', device: 'ice40' },
      { function: 'isru', alpha: 2, input: 'sQ2.9', device: 'xilinx', maxDsp: 0 },
    ]) {
      const found = searchChannel(resolveSpec(json), 'y');
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((c) => c.design.lutProducts !== undefined)).toEqual([]);
    }
  });

  it('the custom knob lutProducts puts that many products in LUTs, at most the degree', () => {
    const at = (lutProducts: number) => resolveSpec({ function: 'isru', alpha: 2, input: 'sQ2.9', accuracy: 'custom', method: 'poly', degree: 3, segmentBits: 3, lutProducts });
    for (const n of [0, 1, 2, 3]) {
      const spec = at(n);
      const dp = buildDatapath(spec, spec.custom!);
      expect(dp.nodes.filter((x) => x.op === 'mul' && x.soft).length).toBe(n);
      // The soft ones are the first (highest order) products of the Horner chain.
      const muls = dp.nodes.filter((x) => x.op === 'mul');
      expect(muls.map((x) => x.op === 'mul' && x.soft === true)).toEqual(muls.map((_, i) => i < n));
      expect(estimateArea(dp, scheduleDatapath(dp), 'ice40-dsp').dsp).toBeLessThanOrEqual(3 - n);
    }
    const spec = resolveSpec({ function: 'isru', alpha: 2, input: 'sQ2.9', accuracy: 'custom', method: 'poly', degree: 2, lutProducts: 3 });
    expect(() => buildDatapath(spec, spec.custom!)).toThrow(SpecError);
    expect(() => buildDatapath(spec, spec.custom!)).toThrow(/lutProducts: must be at most degree \(2\).*got 3/);
  });
});
