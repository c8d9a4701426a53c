// implementCore's place-and-route guard: a core the area model puts beyond the iCE40 UP5K with
// multipliers in LUTs is not synthesized for nextpnr (Yosys alone ran into its 600 s limit on one).
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { generateVerilog } from './generate.js';
import { implementCore } from './implement.js';

describe('implementCore', () => {
  it('skips place and route, saying why, for a core that does not fit the UP5K', async () => {
    const spec = resolveSpec({ function: 'isru', input: 'sQ7.16', accuracy: 'custom', method: 'newton', steps: 3, derivative: true, device: 'ice40' });
    const dp = buildDatapath(spec, spec.custom!);
    const impl = await implementCore(dp, generateVerilog(dp, scheduleDatapath(dp)), [], { pnr: true });
    expect(impl.fmax?.status).toBe('skipped');
    expect(impl.fmax && 'reason' in impl.fmax ? impl.fmax.reason : '').toMatch(/^not placed: with multipliers in LUTs the core does not fit the iCE40 UP5K: \d+ LUTs of 5280 by the area model$/);
  }, 60_000);
});
