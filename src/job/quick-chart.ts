// The quick training check's chart in `isrlu run`: percent like the tables beside it, labelled as
// the quick check it is, pointing to `isrlu sweep` for how many bits an activation needs.

import { accuracyChart, type AccuracyRow, type ChartSpec } from '../charts/index.js';

/**
 * The run's quick accuracy chart: percent (as the tables beside it), titled a quick check, with the
 * noise of one test set stated and `isrlu sweep` named for the bits answer (one epoch on a slice of
 * MNIST says little about how many bits an activation needs).
 */
export function quickCheckChart(rows: readonly AccuracyRow[], trainImages: number, testImages: number): { chart: ChartSpec; title: string; lines: string[] } {
  const percent = rows.map((r) => ({ ...r, accuracy: Number((100 * r.accuracy).toFixed(2)) }));
  const mean = rows.length ? rows.reduce((a, r) => a + r.accuracy, 0) / rows.length : 0.9;
  const se = 100 * Math.sqrt(Math.max(mean * (1 - mean), 1e-4) / testImages);
  const title = `Quick check: test accuracy (%) against activation bit width (1 epoch, ${trainImages} MNIST images)`;
  return {
    chart: accuracyChart(percent, { title, yLabel: 'test accuracy (%)' }),
    title,
    lines: [
      `A quick check, not the bits answer: one epoch on ${trainImages} training images, tested on ${testImages}; one test set's standard error is about ${se.toFixed(2)} points, so differences smaller than about ${(2 * se).toFixed(1)} points are noise.`,
      'For how many bits the activation needs, run `isrlu sweep --groups baseline,bits` (several epochs on full MNIST).',
    ],
  };
}
