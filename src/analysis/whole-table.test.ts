// The table of every input code (no fold, no tail, no identity half to select): at 8 bits on iCE40,
// where a block RAM holds it whole, it is the chosen core (one registered read, no multiplier).
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { describeDesign } from '../datapath/index.js';
import { analyzeErrors } from './error.js';
import { elaborate } from './elaborate.js';
import { searchChannel } from './direct-search.js';

describe('the whole-input table', () => {
  it.each([
    { function: 'isrlu', alpha: 1, output: 'sQ3.4' },
    { function: 'isru', alpha: 2, output: 'sQ3.4' },
    { function: 'isru-gate', alpha: 1, output: 'uQ0.8' },
  ])('$function alpha $alpha, 8 bits on iCE40-DSP: chosen, one block RAM, no multiplier, faithful on every input', (f) => {
    const spec = resolveSpec({ ...f, input: 'sQ3.4' });
    const { datapath: dp, sizing } = elaborate(spec);
    if (!('y' in dp.params)) throw new Error('not a direct design');
    expect(dp.params.y).toMatchObject({ method: 'table', fold: 'mid', windowBits: 8, blockRam: true });
    expect(describeDesign(dp.params)).toBe('table: table of 2^8 codes of the codes around 0 (block RAM)');
    // No fold, no tail comparator, no identity select: the input addresses the table.
    expect(dp.nodes.filter((n) => n.op === 'select' || n.op === 'mul' || n.op === 'window')).toEqual([]);
    expect(dp.tables.map((t) => t.entries.length)).toEqual([256]);
    expect(sizing!.alternatives.find((a) => a.chosen)!.area.bram).toBe(1);
    const a = analyzeErrors(dp, { exhaustiveBits: 16 });
    expect(a.y.exhaustive).toBe(true);
    expect(a.y.faithfulFraction).toBe(1);
    // Every entry correctly rounded: within half an ulp.
    expect(a.y.maxUlp).toBeLessThanOrEqual(0.5);
  });

  it('an ISRLU with the derivative: both channels whole tables where chosen, and still faithful', () => {
    const spec = resolveSpec({ function: 'isrlu', input: 'sQ3.4', output: 'sQ3.4', derivative: true });
    const { datapath: dp } = elaborate(spec);
    const a = analyzeErrors(dp, { exhaustiveBits: 16 });
    expect(a.y.faithfulFraction).toBe(1);
    expect(a.dy!.faithfulFraction).toBe(1);
  });

  it('is priced up to 12-bit inputs only, and not where a window around 0 already covers every code', () => {
    const whole = (json: Record<string, unknown>) => searchChannel(resolveSpec(json), 'y').filter((c) => c.design.method === 'table' && c.design.fold === 'mid' && c.design.windowBits === 14);
    expect(whole({ function: 'isrlu', input: 'sQ3.10', output: 'sQ3.10' })).toEqual([]);
    const w12 = searchChannel(resolveSpec({ function: 'isrlu', input: 'sQ3.8', output: 'sQ3.8' }), 'y');
    expect(w12.some((c) => c.design.method === 'table' && c.design.fold === 'mid' && c.design.windowBits === 12)).toBe(true);
    // ISRU into sQ1.6 never saturates: its window around 0 is the whole input, priced once.
    const isru = searchChannel(resolveSpec({ function: 'isru', input: 'sQ3.4', output: 'sQ1.6' }), 'y');
    const tables = isru.filter((c) => c.design.method === 'table' && c.design.windowBits === 8);
    expect(new Set(tables.map((c) => c.design.blockRam)).size).toBe(tables.length);
  });
});
