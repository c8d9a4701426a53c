// The faithful search's trees of pieces (non-uniform piecewise polynomials whose coefficient table
// has a row per piece, addressed through an index table of the top bits): each candidate built and
// proved faithful on every input.
import { describe, expect, it } from 'vitest';
import { width } from '../fixedpoint/index.js';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, describeDesign, isTreeMerge } from '../datapath/index.js';
import { analyzeErrors } from './error.js';
import { searchChannel } from './direct-search.js';

describe('tree designs of the faithful search', () => {
  // Whichever design wins, the search prices trees of pieces: each is built and proved here.
  it.each([
    { name: 't1', function: 'isrlu', input: 'sQ3.12', objective: 'no-bram' },
    { name: 't2', function: 'isru', alpha: 2, input: 'sQ3.8', objective: 'no-bram', device: 'ice40' },
  ])('$function $input $objective: its trees of pieces are faithful on every input', (json) => {
    const spec = resolveSpec(json);
    const trees = searchChannel(spec, 'y').filter((c) => c.design.method === 'poly' && isTreeMerge({ m: c.design.segmentBits, merge: c.design.merge }));
    expect(trees.length).toBeGreaterThan(0);
    for (const c of trees.slice(0, 3)) {
      const dp = buildDatapath(spec, { method: 'poly', y: c.design });
      const text = describeDesign(dp.params);
      expect(text).toMatch(/a tree of \d+ pieces/);
      expect(dp.nodes.find((n) => n.name === 'pidx')?.op).toBe('rom');
      const a = analyzeErrors(dp, { exhaustiveBits: 16 });
      expect(a.y.exhaustive).toBe(true);
      expect(a.y.count).toBe(2 ** width(spec.input));
      expect(a.y.faithfulFraction).toBe(1);
      // Faithful: every output below 1 ulp from the exact value.
      expect(a.y.maxUlp).toBeLessThan(1);
      // The coefficient table has a row per piece (padded to a power of two), not one per segment.
      const pieces = Number(/a tree of (\d+) pieces/.exec(text)![1]);
      const coeffs = dp.nodes.find((n) => n.name === 'coeffs');
      if (coeffs?.op !== 'rom') throw new Error('no coefficient table');
      expect(coeffs.table.entries.length).toBe(2 ** Math.ceil(Math.log2(pieces)));
    }
  });
});
