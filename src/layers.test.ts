// The folders of src/ form a DAG: no folder imports a folder that imports it back (non-test sources).
import { describe, expect, it } from 'vitest';
import { folderCycles, folderGraph } from './layers.js';

describe('folder layering', () => {
  it('has no import cycle between folders', () => {
    const g = folderGraph('src');
    expect(g.size).toBeGreaterThan(10);
    expect(folderCycles(g).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(folderCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('keeps the bottom layers free of the tool above them', () => {
    const g = folderGraph('src');
    expect([...g.get('fixedpoint')!]).toEqual([]);
    expect([...g.get('targets')!]).toEqual([]);
    expect([...g.get('common')!]).toEqual(['fixedpoint']);
    expect(g.get('control')?.size ?? 0).toBe(0);
  });
});
