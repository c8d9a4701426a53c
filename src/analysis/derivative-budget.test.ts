// Budgets bind the whole core: with the derivative output, the y and dy channels (each searched
// under the budget alone) are paired so that their DSP blocks and block RAMs together keep it.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { estimateArea } from '../area/index.js';
import { elaborate } from './index.js';

const base = { function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12', accuracy: 'faithful', derivative: true } as const;

describe('budgets with the derivative output', () => {
  it('maxDsp 1 under no-bram: a direct core of one DSP block in all (each channel alone could take one)', () => {
    const spec = resolveSpec({ ...base, name: 'dbud_dsp', objective: 'no-bram', maxDsp: 1 });
    const { datapath, sizing } = elaborate(spec);
    expect('y' in datapath.params).toBe(true);
    const a = estimateArea(datapath, scheduleDatapath(datapath), spec.device);
    expect(a.dsp).toBeLessThanOrEqual(1);
    expect(a.bram).toBe(0);
    expect(sizing!.check.y.unfaithful).toBe(0);
    expect(sizing!.check.dy!.unfaithful).toBe(0);
  });
  it('maxBram 2: y and dy share the two block RAMs (the direct pair, not the rsqrt core the budget used to leave)', () => {
    const spec = resolveSpec({ ...base, name: 'dbud_bram', maxBram: 2 });
    const { datapath, sizing } = elaborate(spec);
    expect('y' in datapath.params).toBe(true);
    const a = estimateArea(datapath, scheduleDatapath(datapath), spec.device);
    expect(a.bram).toBeLessThanOrEqual(2);
    const rsqrt = sizing!.alternatives.find((x) => x.family === 'rsqrt')!;
    expect(sizing!.cost).toBeLessThan(rsqrt.cost);
    expect(sizing!.check.dy!.unfaithful).toBe(0);
  });
});
