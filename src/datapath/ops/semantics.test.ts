// Unit tests of the op semantics that hardware designers read most often.
import { describe, expect, it } from 'vitest';
import { uQ, sQ } from '../../fixedpoint/index.js';
import { evalNode } from './index.js';
import type { Node } from '../types.js';

const node = (p: Partial<Node> & { op: Node['op'] }, fmt = uQ(2, 8)): Node => ({ id: 1, name: 'n', args: [0], fmt, ...p } as Node);

describe('normExp and normShift', () => {
  it('normalise t to m in [1, 4) with an even shift', () => {
    const tF = uQ(7, 8);
    const e = node({ op: 'normExp' }, uQ(2, 0));
    const s = node({ op: 'normShift' }, uQ(2, 10));
    for (const t of [1, 1.5, 3.99, 4, 17.25, 100.5]) {
      const raw = BigInt(Math.round(t * 256));
      const ev = evalNode(e, [raw], [tF]);
      const m = Number(evalNode(s, [raw, ev], [tF, uQ(2, 0)])) / 1024;
      expect(m).toBeGreaterThanOrEqual(1);
      expect(m).toBeLessThan(4);
      expect(m * 4 ** Number(ev)).toBeCloseTo(Number(raw) / 256, 2);
    }
  });
});

describe('seedAddr and seedOffset', () => {
  it('address {m >= 2, next k-1 bits after the leading one}; offset is the rest as a fraction', () => {
    const mF = uQ(2, 6);
    const k = 3;
    const addr = (m: number) => Number(evalNode(node({ op: 'seedAddr', bits: k }), [BigInt(m * 64)], [mF]));
    const off = (m: number) => Number(evalNode(node({ op: 'seedOffset', bits: k }, uQ(0, 5)), [BigInt(m * 64)], [mF])) / 32;
    expect([1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5].map(addr)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(off(1.125)).toBe(0.5);
    expect(off(2.25)).toBe(0.5);
  });
});

describe('magicSeed', () => {
  it('gives 1/sqrt(m) within 4 % over [1, 4)', () => {
    const d = 10;
    const n = node({ op: 'magicSeed', magic: BigInt(Math.round(1.5 * (3 - 0.0450465) * 2 ** d)) }, uQ(0, d + 2));
    for (let m = 1; m < 4; m += 1 / 64) {
      const y = Number(evalNode(n, [BigInt(Math.floor(m * 2 ** d))], [uQ(2, d)])) / 2 ** (d + 2);
      expect(Math.abs(y * Math.sqrt(m) - 1)).toBeLessThan(0.04);
    }
  });
});

describe('select, signBit, bits', () => {
  it('behave as in Verilog', () => {
    expect(evalNode(node({ op: 'signBit' }, uQ(1, 0)), [-3n], [sQ(3, 4)])).toBe(1n);
    expect(evalNode(node({ op: 'signBit' }, uQ(1, 0)), [0n], [sQ(3, 4)])).toBe(0n);
    expect(evalNode(node({ op: 'bits' }, uQ(8, 0)), [-1n], [sQ(3, 4)])).toBe(255n);
    expect(evalNode(node({ op: 'select', args: [0, 1, 2] }), [1n, 5n, 7n], [uQ(1, 0), uQ(2, 8), uQ(2, 8)])).toBe(5n);
  });
});
