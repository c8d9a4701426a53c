// The calibration set: varied cores (functions, alphas, widths 8..20, every rsqrt method, 0..2
// steps, pipeline 0..9 or auto-scheduled, derivative, ready-valid) whose Yosys figures the area model is fitted to.
// Cores first sized faithfully are pinned to the design the sizing chose when they were recorded
// (custom params), so that a change of the faithful search does not change what was measured.

/** One calibration core: a label and its spec JSON (as `isrlu` reads it). */
export interface CalibrationCase {
  readonly label: string;
  readonly spec: Readonly<Record<string, unknown>>;
}

const custom = { accuracy: 'custom' } as const;

/** Widths stay modest so one Yosys pass over the set (3 targets) takes minutes, not hours. */
export const CALIBRATION_SET: readonly CalibrationCase[] = [
  { label: 'c01', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.4', ...custom, method: 'newton', steps: 0, tableAddressBits: 4, tableDataBits: 6, pipeline: 1 } },
  { label: 'c02', spec: { function: 'isru', alpha: 3, input: 'sQ2.7', pipeline: 2, accuracy: 'custom', method: 'newton', steps: 0, tableAddressBits: 8, tableDataBits: 7, stepBits: [], mantissaBits: 7, argFracBits: 5, alphaBits: 12 } },
  { label: 'c03', spec: { function: 'isrlu', alpha: 0.5, input: 'sQ3.8', pipeline: 3, interface: 'ready-valid', accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 5, tableDataBits: 7, stepBits: [10], mantissaBits: 9, argFracBits: 8, alphaBits: 14 } },
  { label: 'c04', spec: { function: 'isru', alpha: 0.3, input: 'sQ2.9', pipeline: 1, derivative: true, accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 7, tableDataBits: 8, stepBits: [12], mantissaBits: 11, argFracBits: 11, alphaBits: 16 } },
  { label: 'c05', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.12', pipeline: 4, accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 7, tableDataBits: 8, stepBits: [14], mantissaBits: 12, argFracBits: 11, alphaBits: 18 } },
  { label: 'c06', spec: { function: 'isru', alpha: 1, input: 'sQ3.8', ...custom, method: 'newton', steps: 0, tableAddressBits: 8, tableDataBits: 10, pipeline: 0 } },
  { label: 'c07', spec: { function: 'isrlu', alpha: 3, input: 'sQ3.10', ...custom, method: 'newton', steps: 1, tableAddressBits: 5, tableDataBits: 7, stepBits: 11, pipeline: 2, interface: 'ready-valid' } },
  { label: 'c08', spec: { function: 'isru', alpha: 0.5, input: 'sQ2.9', ...custom, method: 'newton', steps: 2, tableAddressBits: 3, tableDataBits: 5, stepBits: [8, 11], pipeline: 6 } },
  { label: 'c09', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.10', ...custom, method: 'pwl', steps: 0, tableAddressBits: 4, tableDataBits: 10, pipeline: 1 } },
  { label: 'c10', spec: { function: 'isru', alpha: 0.3, input: 'sQ2.7', ...custom, method: 'pwl', steps: 1, tableAddressBits: 3, tableDataBits: 8, derivative: true, pipeline: 3 } },
  { label: 'c11', spec: { function: 'isrlu', alpha: 0.5, input: 'sQ3.8', ...custom, method: 'magic', steps: 1, tableDataBits: 6, pipeline: 2 } },
  { label: 'c12', spec: { function: 'isru', alpha: 1, input: 'sQ1.10', ...custom, method: 'magic', steps: 2, tableDataBits: 5, stepBits: [9, 12], pipeline: 4, interface: 'ready-valid' } },
  { label: 'c13', spec: { function: 'isru', alpha: 3, input: 'sQ4.5', ...custom, method: 'direct', pipeline: 1 } },
  { label: 'c14', spec: { function: 'isrlu', alpha: 0.3, input: 'sQ2.7', ...custom, method: 'direct', derivative: true, pipeline: 0 } },
  { label: 'c15', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.6', ...custom, method: 'direct', romStyle: 'readmemh', pipeline: 2 } },
  { label: 'c16', spec: { function: 'isru', alpha: 1, input: 'sQ3.16', ...custom, method: 'newton', steps: 1, tableAddressBits: 4, tableDataBits: 6, stepBits: 10, argFracBits: 10, mantissaBits: 10, pipeline: 3 } },
  { label: 'c17', spec: { function: 'isrlu', alpha: 0.5, input: 'sQ4.13', output: 'sQ1.10', ...custom, method: 'newton', steps: 1, tableAddressBits: 5, tableDataBits: 7, stepBits: 12, pipeline: 5 } },
  { label: 'c18', spec: { function: 'isru', alpha: 1, input: 'sQ0.7', pipeline: 0, accuracy: 'custom', method: 'direct', steps: 0, tableAddressBits: 8, tableDataBits: 8, stepBits: [], mantissaBits: 1, argFracBits: 1, alphaBits: 1 } },
  { label: 'c19', spec: { function: 'isrlu', alpha: 3, input: 'sQ5.6', output: 'sQ1.10', outputRounding: 'nearest-away', pipeline: 2, accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 6, tableDataBits: 7, stepBits: [11], mantissaBits: 10, argFracBits: 7, alphaBits: 15 } },
  { label: 'c20', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ0.9', ...custom, method: 'newton', steps: 1, outputRounding: 'truncate', outputOverflow: 'wrap', pipeline: 3 } },
  { label: 'c21', spec: { function: 'isru', alpha: 0.5, input: 'sQ3.10', derivative: true, pipeline: 4, interface: 'ready-valid', accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 8, tableDataBits: 8, stepBits: [13], mantissaBits: 12, argFracBits: 12, alphaBits: 16 } },
  { label: 'c22', spec: { function: 'isrlu', alpha: 3, input: 'sQ3.12', ...custom, method: 'pwl', steps: 0, tableAddressBits: 6, tableDataBits: 12, romStyle: 'readmemh', pipeline: 2 } },
  { label: 'c23', spec: { function: 'isrlu', alpha: 1, input: 'sQ2.13', ...custom, method: 'newton', steps: 0, tableAddressBits: 10, tableDataBits: 12, pipeline: 2 } },
  { label: 'c24', spec: { function: 'isrlu', alpha: 0.3, input: 'sQ3.8', pipeline: 6, accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 5, tableDataBits: 9, stepBits: [11], mantissaBits: 9, argFracBits: 8, alphaBits: 15 } },
  // The built-in default core (faithful sQ3.12, auto-scheduled: 4 stages, 5 DSP products), with
  // valid and ready-valid; the same scheduled for 7-series (5 stages); with the derivative.
  { label: 'c25', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12', accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 7, tableDataBits: 8, stepBits: [14], mantissaBits: 12, argFracBits: 11, alphaBits: 18 } },
  { label: 'c26', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12', interface: 'ready-valid', accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 7, tableDataBits: 8, stepBits: [14], mantissaBits: 12, argFracBits: 11, alphaBits: 18 } },
  { label: 'c27', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12', device: 'xilinx', clockMHz: 110, accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 7, tableDataBits: 8, stepBits: [14], mantissaBits: 12, argFracBits: 11, alphaBits: 18 } },
  { label: 'c28', spec: { function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12', derivative: true, accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 9, tableDataBits: 8, stepBits: [15], mantissaBits: 14, argFracBits: 14, alphaBits: 18 } },
];
