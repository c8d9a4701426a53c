// Co-simulation, first half of the matrix (the suite is split so two workers share it).
import { beforeAll, describe, it } from 'vitest';
import { HW_MATRIX } from './matrix.js';
import { cosimulate, requireSimulators } from './cosim.js';

describe('generated cores match the model bit for bit under Icarus and Verilator (A)', () => {
  beforeAll(requireSimulators);
  it.each(HW_MATRIX.filter((_, i) => i % 2 === 0).map((j) => [JSON.stringify(j), j] as const))('%s', (_l, j) => cosimulate(j), 600_000);
});
