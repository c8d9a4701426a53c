// The iterative architecture's fold: running one Newton-Raphson unit `steps` times gives what the
// unrolled datapath gives, on every input code; the fold refuses steps that are not the same unit.
import { describe, expect, it } from 'vitest';
import { resolveSpec, SpecError, rsqrtParams } from '../spec/index.js';
import { elaborate, datapathCost } from '../analysis/index.js';
import { minRaw, maxRaw, formatHex } from '../fixedpoint/index.js';
import { buildDatapath, foldLoop, interpret, LoopEvaluator, LoopError, type Datapath } from './index.js';

function everyCodeAgrees(dp: Datapath): string[] {
  const fold = foldLoop(dp);
  const ev = new LoopEvaluator(fold);
  const bad: string[] = [];
  const f = dp.spec.input;
  for (let x = minRaw(f); x <= maxRaw(f); x++) {
    let s = ev.load(x);
    for (let i = 1; i < fold.steps; i++) s = ev.iterate(s);
    const got = ev.outputs(s);
    const want = interpret(dp, x);
    if (got.y !== want.y || got.dy !== want.dy) bad.push(`x=${formatHex(x, f)} folded y=${got.y} dy=${got.dy} unrolled y=${want.y} dy=${want.dy}`);
  }
  return bad.slice(0, 5);
}

describe('foldLoop', () => {
  it.each([
    { function: 'isru', alpha: 3, input: 'sQ3.8', derivative: true },
    { function: 'isrlu', alpha: 0.5, input: 'sQ2.9', accuracy: 'custom', steps: 3, stepBits: 13, tableAddressBits: 2, tableDataBits: 4 },
    { function: 'isrlu', input: 'sQ3.8', accuracy: 'custom', method: 'magic', steps: 2, tableDataBits: 6 },
    { function: 'isru', input: 'sQ3.8', accuracy: 'custom', method: 'pwl', steps: 2, tableAddressBits: 3, tableDataBits: 14, stepBits: 12 },
    { function: 'isru', input: 'sQ2.7', accuracy: 'custom', steps: 1, derivative: true },
  ])('one unit run `steps` times equals the unrolled datapath on every code: %j', (json) => {
    const spec = resolveSpec({ ...json, architecture: 'iterative', interface: 'ready-valid' });
    const dp = elaborate(spec).datapath;
    expect(dp.loop?.entry.length).toBe(rsqrtParams(dp.params).steps);
    expect(everyCodeAgrees(dp)).toEqual([]);
  });

  it('keeps the input side, one step and the output side; the state is the loop register plus what the unit and output side read', () => {
    const spec = resolveSpec({ input: 'sQ3.8', accuracy: 'custom', steps: 3, stepBits: 12, architecture: 'iterative', interface: 'ready-valid' });
    const dp = buildDatapath(spec, spec.custom!);
    const fold = foldLoop(dp);
    const names = fold.dp.nodes.map((n) => n.name);
    expect(names.filter((n) => n.startsWith('nr2_') || n.startsWith('nr3_'))).toEqual([]);
    expect(names).toContain('nr_next');
    expect(fold.state.map((id) => fold.dp.nodes[id]!.name)).toEqual(['nr1_yin', 'x', 'norm_e', 'norm_m']);
    // The simple cost counts the unit once.
    const pipelined = buildDatapath(resolveSpec({ ...specJson(spec), architecture: 'pipelined' }), spec.custom!);
    expect(datapathCost(dp)).toBeLessThan(datapathCost(pipelined));
  });

  it('refuses a datapath whose steps are not the same unit', () => {
    const spec = resolveSpec({ input: 'sQ3.8', accuracy: 'custom', steps: 2, stepBits: 12, architecture: 'iterative', interface: 'ready-valid' });
    const dp = buildDatapath(spec, spec.custom!);
    const wrong = buildDatapath(spec, { ...rsqrtParams(spec.custom!), stepBits: [12, 11] });
    expect(() => foldLoop(wrong)).toThrow(LoopError);
    expect(() => foldLoop(wrong)).toThrow(/step 2 node nr2_\w+ differs from step 1 node nr1_\w+/);
    expect(() => foldLoop({ ...dp, loop: undefined })).toThrow('has no Newton-Raphson loop to fold');
  });
});

describe('iterative spec checks', () => {
  const base = { input: 'sQ3.8', architecture: 'iterative', interface: 'ready-valid' };
  it.each([
    [{ ...base, interface: 'valid' }, 'interface: architecture "iterative" accepts one item every `steps` cycles and needs in_ready: use "ready-valid" or "axis", got "valid"'],
    [{ ...base, pipeline: 3 }, 'pipeline: architecture "iterative" has a fixed structure (input stage, one Newton-Raphson unit, output register): leave pipeline at "auto", got 3'],
    [{ input: 'sQ3.8', lanes: 2 }, 'lanes: parallel lanes raise the throughput of an iterative core; a pipelined core already takes one item per cycle: use architecture "iterative" or lanes 1, got 2'],
    [{ ...base, accuracy: 'custom', steps: 0 }, 'steps: architecture "iterative" reuses one Newton-Raphson unit and needs a method with at least 1 step, got method "newton" with 0 step(s)'],
    [{ ...base, accuracy: 'custom', method: 'direct' }, 'steps: architecture "iterative" reuses one Newton-Raphson unit and needs a method with at least 1 step, got method "direct" with 1 step(s)'],
    [{ ...base, accuracy: 'custom', steps: 2, stepBits: [12, 14] }, 'stepBits: architecture "iterative" runs every step on the same unit, so every step keeps the same width: give one integer, got [12, 14]'],
    [{ ...base, accuracy: 'custom', steps: 2, lanes: 3 }, 'lanes: at most steps (2) lanes: more cannot raise the throughput above one item per cycle, got 3'],
    [{ ...base, lanes: 5 }, 'lanes: must be an integer from 1 to 4, got 5'],
    [{ ...base, architecture: 'folded' }, 'architecture: must be one of "pipelined", "iterative", got "folded"'],
  ])('%j', (json, message) => {
    expect(() => resolveSpec(json)).toThrow(SpecError);
    expect(() => resolveSpec(json)).toThrow(message);
  });

  it('faithful sizing of an iterative core gives equal step widths and at least `lanes` steps', () => {
    const dp = elaborate(resolveSpec({ ...base, function: 'isru', lanes: 3 })).datapath;
    expect(rsqrtParams(dp.params).steps).toBeGreaterThanOrEqual(3);
    expect(new Set(rsqrtParams(dp.params).stepBits).size).toBe(1);
  });
});

function specJson(s: ReturnType<typeof resolveSpec>): Record<string, unknown> {
  return { input: 'sQ3.8', accuracy: 'custom', steps: rsqrtParams(s.custom!).steps, stepBits: rsqrtParams(s.custom!).stepBits[0], interface: s.interface };
}
