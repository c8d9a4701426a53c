// Scheduling: stage counts, cuts by name, and "auto" against the clock period.
import { describe, expect, it } from 'vitest';
import { resolveSpec, SpecError } from '../spec/index.js';
import { buildDatapath } from '../datapath/index.js';
import { scheduleDatapath } from './index.js';
import { TARGETS } from '../targets/index.js';

const dp = (extra: Record<string, unknown> = {}) => {
  const spec = resolveSpec({ accuracy: 'custom', steps: 2, derivative: true, ...extra });
  return buildDatapath(spec, spec.custom!);
};

describe('scheduleDatapath', () => {
  it('a stage count gives that latency, operands never later than their users', () => {
    const d = dp();
    for (const N of [0, 1, 2, 5, 9]) {
      const s = scheduleDatapath(d, N);
      expect(s.latency).toBe(N);
      for (const n of d.nodes) for (const a of n.args) expect(s.stage[a]!).toBeLessThanOrEqual(s.stage[n.id]!);
      if (N > 0) for (const n of d.nodes) expect(s.stage[n.id]!).toBeGreaterThanOrEqual(1);
    }
  });

  it('more stages shorten the longest segment', () => {
    const d = dp();
    const crit = [1, 2, 4, 8].map((N) => scheduleDatapath(d, N).critical);
    for (let i = 1; i < crit.length; i++) expect(crit[i]!).toBeLessThan(crit[i - 1]!);
  });

  it('"auto" keeps every segment within the clock period, and a faster clock needs more stages', () => {
    const d = dp();
    let prev = 0;
    for (const mhz of [5, 10, 20, 30]) {
      const s = scheduleDatapath(d, 'auto', { clockMHz: mhz, target: 'ice40-dsp' });
      expect(s.tooSlow).toEqual([]);
      for (const seg of s.segmentDelay) expect(seg + TARGETS['ice40-dsp'].delay.register).toBeLessThanOrEqual(1000 / mhz + 1e-9);
      expect(s.latency).toBeGreaterThanOrEqual(prev);
      prev = s.latency;
    }
    expect(prev).toBeGreaterThan(scheduleDatapath(d, 'auto', { clockMHz: 5, target: 'ice40-dsp' }).latency);
  });

  it('reports ops slower than the period on their own', () => {
    const s = scheduleDatapath(dp(), 'auto', { clockMHz: 400, target: 'ice40-dsp' });
    expect(s.tooSlow.length).toBeGreaterThan(0);
  });

  it('cuts by node name put a register after each named node', () => {
    const d = dp();
    const s = scheduleDatapath(d, ['x_sq', 'seed', 'nr1_y']);
    expect(s.latency).toBe(4);
    const id = (n: string) => d.nodes.find((m) => m.name === n)!.id;
    expect(s.stage[id('x_sq')]).toBe(1);
    expect(s.stage[id('seed')]).toBe(2);
    expect(s.stage[id('nr2_y2_full')]).toBe(4);
    expect(() => scheduleDatapath(d, ['x_sq', 'nope'])).toThrow(SpecError);
    expect(() => scheduleDatapath(d, ['nope'])).toThrow(/pipeline: no datapath node named "nope" to cut after/);
  });

  it('the spec chooses device, clock and pipeline', () => {
    const s = scheduleDatapath(dp({ device: 'xilinx', clockMHz: 250 }));
    expect(s.target).toBe('xilinx');
    expect(s.clockMHz).toBe(250);
    expect(scheduleDatapath(dp({ pipeline: 'x_sq,seed' })).latency).toBe(3);
  });
});
