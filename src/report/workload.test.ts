// The workload view's arithmetic on a layer small enough to check by hand.
import { describe, expect, it } from 'vitest';
import { workloadView, checkLayer, parseShape } from './workload.js';

const unit = (lut: number, dsp = 0) => ({ lut, ff: lut, dsp, memoryBits: 0 });

describe('workloadView', () => {
  it('counts MACs, convolution cycles, lanes to keep up and shares', () => {
    // 8x8x4 outputs = 256; 3x3x2 kernel = 18 MACs per output -> 4608 MACs; 16 MACs/cycle -> 288 cycles.
    const v = workloadView({ h: 8, w: 8, c: 4, kernel: 3, inChannels: 2, macs: 16, clockMHz: 100 }, unit(100, 1), [
      { name: 'isrlu', latency: 4, itemsPerCycle: 1, area: unit(300, 2) },
      { name: 'relu', latency: 1, itemsPerCycle: 1, area: unit(16) },
    ]);
    expect(v.outputs).toBe(256);
    expect(v.macOps).toBe(4608);
    expect(v.convCycles).toBe(288);
    expect(v.convMicroseconds).toBeCloseTo(2.88, 9);
    const [isrlu, relu] = v.activations;
    expect(isrlu!.lanesToKeepUp).toBe(1); // 256 outputs in 288 cycles: under one per cycle
    expect(isrlu!.cyclesOneLane).toBe(260);
    expect(isrlu!.timeShareOneLane).toBeCloseTo(260 / (288 + 260), 9);
    expect(isrlu!.timeShareKeepingUp).toBeCloseTo(4 / 292, 9);
    expect(isrlu!.lutShare).toBeCloseTo(300 / (300 + 1600), 9);
    expect(isrlu!.dspShare).toBeCloseTo(2 / 18, 9);
    expect(relu!.lutShare).toBeLessThan(isrlu!.lutShare);
  });

  it('needs more lanes when the MAC array finishes several outputs per cycle', () => {
    // 1x1 kernel, 1 input channel: every MAC is an output; 64 MACs/cycle -> 64 outputs per cycle.
    const v = workloadView({ h: 16, w: 16, c: 8, kernel: 1, inChannels: 1, macs: 64, clockMHz: 50 }, unit(50), [
      { name: 'isrlu', latency: 3, itemsPerCycle: 1, area: unit(200) },
    ]);
    expect(v.activations[0]!.lanesToKeepUp).toBe(64);
    expect(v.activations[0]!.area.lut).toBe(64 * 200);
  });

  it('checks and parses the layer', () => {
    expect(parseShape('28x28x32')).toEqual({ h: 28, w: 28, c: 32 });
    expect(parseShape('28x28')).toBeUndefined();
    expect(checkLayer({ h: 8, w: 8, c: 4, kernel: 0, inChannels: 1, macs: 1, clockMHz: 1 })).toBe('kernel: must be a positive number, got 0');
    expect(checkLayer({ h: 8, w: 8, c: 4, kernel: 3, inChannels: 1.5, macs: 1, clockMHz: 1 })).toBe('in-channels: must be a whole number, got 1.5');
    expect(checkLayer({ h: 0, w: 28, c: 32, kernel: 3, inChannels: 1, macs: 1, clockMHz: 1 })).toBe('layer (height): must be a positive number, got 0');
  });
});
