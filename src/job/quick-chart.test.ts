// The run's training chart (issue 12, item 9): percent like the tables, labelled as a quick check,
// the noise of the test slice stated, `isrlu sweep` named for the bits answer.
import { describe, expect, it } from 'vitest';
import { quickCheckChart } from './quick-chart.js';

describe('quickCheckChart', () => {
  const rows = [
    { label: 'isrlu bit-exact', bits: 4, accuracy: 0.9094 }, { label: 'isrlu bit-exact', bits: 8, accuracy: 0.9132 },
    { label: 'isrlu float', bits: 4, accuracy: 0.9154 }, { label: 'isrlu float', bits: 8, accuracy: 0.9154 },
  ];
  const q = quickCheckChart(rows, 12000, 5000);

  it('plots percent, not fractions', () => {
    expect(q.chart.yLabel).toBe('test accuracy (%)');
    expect(q.chart.series.flatMap((s) => s.points.map((p) => p.y)).sort()).toEqual([90.94, 91.32, 91.54, 91.54]);
  });

  it('is titled a quick check and points to isrlu sweep', () => {
    expect(q.title).toBe('Quick check: test accuracy (%) against activation bit width (1 epoch, 12000 MNIST images)');
    expect(q.chart.title).toBe(q.title);
    expect(q.lines.join(' ')).toContain('not the bits answer');
    expect(q.lines.join(' ')).toMatch(/standard error is about 0\.\d\d points/);
    expect(q.lines.join(' ')).toContain('`isrlu sweep --groups baseline,bits`');
  });
});
