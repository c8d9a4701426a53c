// Pre-activation profiles: the statistics of known values, and a tiny training run that profiles
// every CNN layer in call order (conv1, conv2, dense1) and the LSTM's gate and cell inputs.
import { describe, expect, it } from 'vitest';
import { loadMnist } from './idx.js';
import { HIST_BINS, profileChart, profileValues } from './profile.js';
import { train } from './train.js';

const SEED = 31;

describe('pre-activation profile', () => {
  it('quantiles, fractions beyond 2^i, suggested integer bits and the histogram of known values', () => {
    // 1000 values: -0.5 .. 2.4975 in steps of 0.003, and one outlier at 100
    const v = Float32Array.from({ length: 999 }, (_, i) => -0.5 + 0.003 * i);
    const p = profileValues('l', [v, Float32Array.from([100])]);
    expect([p.count, p.min, p.max]).toEqual([1000, -0.5, 100]);
    expect(p.beyond[0]!.fraction).toBeCloseTo((999 - Math.ceil(1.5 / 0.003)) / 1000 + 0.001, 2);
    expect(p.beyond[4]!.fraction).toBe(0.001); // only the outlier is beyond 16
    expect(p.absP999).toBe(100);
    expect(p.absP99).toBeLessThan(2.5);
    expect(p.suggestedIntBits).toBe(7); // 2^7 > 100
    expect(p.histogram.counts.reduce((a, b) => a + b, 0) + p.histogram.above + p.histogram.below).toBe(1000);
    expect(p.histogram.above).toBe(1);
    expect(profileChart([p], 't').series[0]!.points).toHaveLength(HIST_BINS);
  });

  it(`train --profile: every CNN layer in order, the LSTM's gate and cell (seed ${SEED}, 128 images)`, async () => {
    const data = loadMnist({ trainSize: 128, testSize: 64 });
    const cnn = await train({ net: 'small', activation: 'isrlu-q', epochs: 1, seed: SEED, data, trainSize: 128, testSize: 64, profileImages: 16 });
    expect(cnn.profile!.map((p) => [p.layer, p.count])).toEqual([['conv1', 16 * 28 * 28 * 8], ['conv2', 16 * 14 * 14 * 16], ['dense1', 16 * 64]]);
    const lstm = await train({ net: 'lstm', activation: 'tanh', gate: 'sigmoid', hidden: 8, epochs: 1, seed: SEED, data, trainSize: 128, testSize: 64, profileImages: 4 });
    expect(lstm.profile!.map((p) => [p.layer, p.count])).toEqual([['gate', 28 * 4 * 3 * 8], ['cell', 28 * 4 * 2 * 8]]);
  });
});
