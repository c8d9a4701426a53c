// Non-uniform segmentations of the piecewise polynomials: merges by quarter and trees of pieces,
// and their validation (the search's tree designs are proved in src/analysis/tree.test.ts).
import { describe, expect, it } from 'vitest';
import { isTreeMerge, polyPieces } from './approx.js';

describe('polyPieces', () => {
  it('merges by quarter: each region its own piece size', () => {
    const ps = polyPieces({ m: 6, merge: [3, 2, 1, 0] });
    expect(ps.length).toBe(2 + 4 + 8 + 16);
    expect(ps.slice(0, 3)).toEqual([{ seg: 0, dm: 3 }, { seg: 8, dm: 3 }, { seg: 16, dm: 2 }]);
    expect(isTreeMerge({ m: 6, merge: [3, 2, 1, 0] })).toBe(false);
    expect(polyPieces({ m: 4, merge: [] })).toHaveLength(16);
  });
  it('a tree: pieces spanning regions, aligned on their size', () => {
    const merge = [2, 2, 2, 2, 1, 1, 0, 0];
    expect(polyPieces({ m: 3, merge })).toEqual([{ seg: 0, dm: 2 }, { seg: 4, dm: 1 }, { seg: 6, dm: 0 }, { seg: 7, dm: 0 }]);
    expect(isTreeMerge({ m: 3, merge })).toBe(true);
  });
  it('refuses a piece that is not aligned, regions that disagree, a region count that is not a power of two', () => {
    expect(() => polyPieces({ m: 2, merge: [0, 1, 1, 0] })).toThrow(/cannot start at segment 1/);
    expect(() => polyPieces({ m: 2, merge: [1, 0, 0, 0] })).toThrow(/covers regions of other merges/);
    expect(() => polyPieces({ m: 3, merge: [0, 0, 0] })).toThrow(/power of two/);
    expect(() => polyPieces({ m: 2, merge: [3, 3, 3, 3] })).toThrow(/cannot start|covers/);
  });
});
