// CycleSim: latency per schedule, the control of templates/core.v.hbs (stalls, reset, in_ready),
// the register layout against the Verilog view model, and the two engines register for register.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath, interpret, type Datapath } from '../datapath/index.js';
import { mulberry32 } from '../common/index.js';
import { minRaw, maxRaw, width } from '../fixedpoint/index.js';
import { scheduleDatapath, type Schedule } from '../schedule/index.js';
import { coreView } from '../rtl-gen/index.js';
import { CycleSim, ScheduleError, type CycleInputs } from './index.js';

/** A small custom core (8-bit input, 2 Newton-Raphson steps, derivative) and its schedule. */
function smallCore(extra: Record<string, unknown> = {}, stages = 3): { dp: Datapath; sched: Schedule } {
  const spec = resolveSpec({ input: 'sQ2.5', accuracy: 'custom', steps: 2, tableAddressBits: 4, tableDataBits: 6, derivative: true, ...extra });
  const dp = buildDatapath(spec, spec.custom!);
  return { dp, sched: scheduleDatapath(dp, stages) };
}

/** Edges from the one sampling in_valid = 1 (pipeline empty) to the one sampling out_valid = 1. */
function measuredLatency(sim: CycleSim, x: bigint): number {
  sim.set({ rst: true, in_valid: false, out_ready: true }).step();
  sim.set({ rst: false, in_valid: true, in_x: x });
  const start = sim.cycle;
  for (let i = 0; i < 100; i++) {
    if (sim.out_valid) return sim.cycle - start;
    sim.step();
    sim.in_valid = false;
  }
  return -1;
}

describe('CycleSim', () => {
  it('latency is the schedule\'s for 0 to 6 stages, and the registers are the Verilog\'s', () => {
    for (const iface of ['valid', 'ready-valid', 'axis']) {
      for (let k = 0; k <= 6; k++) {
        const { dp, sched } = smallCore({ interface: iface }, k);
        expect(sched.latency).toBe(k);
        for (const engine of ['fast', 'structural'] as const) {
          const sim = new CycleSim(dp, sched, { engine });
          expect(sim.latency).toBe(k);
          expect(measuredLatency(sim, -37n), `${iface}, ${k} stages, ${engine}`).toBe(k);
          expect(sim.out_y).toBe(interpret(dp, -37n).y);
        }
        const view = coreView(dp, sched);
        expect(new CycleSim(dp, sched).registers.map((r) => [r.name, r.width])).toEqual(view.regs.map((r) => [r.name, r.width]));
      }
    }
  });

  it('the fast (with and without memo) and structural engines agree on every output and register, every cycle', () => {
    for (const k of [1, 2, 4, 6]) {
      const { dp, sched } = smallCore({ interface: 'axis' }, k);
      const fast = new CycleSim(dp, sched);
      const memo = new CycleSim(dp, sched, { memo: true });
      const ref = new CycleSim(dp, sched, { engine: 'structural' });
      const rnd = mulberry32(k);
      const lo = Number(minRaw(dp.spec.input));
      const span = 2 ** width(dp.spec.input);
      for (let c = 0; c < 300; c++) {
        const inputs: CycleInputs = { rst: rnd() % 40 === 0, in_valid: rnd() % 4 !== 0, out_ready: rnd() % 3 !== 0, in_user: rnd() % 2 === 0, in_x: BigInt(lo + (rnd() % span)) };
        for (const s of [fast, memo, ref]) s.set(inputs);
        const view = (s: CycleSim) => [s.out_valid, s.in_ready, s.out_user, s.out_y, s.out_dy, s.occupancy, ...s.registers.map((r) => s.register(r.nodeName, r.seg))];
        const want = view(ref);
        expect(view(fast), `${k} stages, cycle ${c}`).toEqual(want);
        expect(view(memo), `${k} stages, cycle ${c}, memo`).toEqual(want);
        for (const s of [fast, memo, ref]) s.step();
      }
    }
  });

  it('a combinational core passes valid, ready and data through within the cycle', () => {
    const { dp, sched } = smallCore({ interface: 'ready-valid' }, 0);
    const sim = new CycleSim(dp, sched);
    expect(sim.registers).toEqual([]);
    for (const x of [-128n, -1n, 0n, 5n, 127n]) {
      sim.set({ in_valid: true, in_x: x, out_ready: false });
      expect([sim.out_valid, sim.in_ready, sim.out_y, sim.out_dy]).toEqual([true, false, interpret(dp, x).y, interpret(dp, x).dy]);
      sim.set({ in_valid: false, out_ready: true });
      expect([sim.out_valid, sim.in_ready]).toEqual([false, true]);
    }
  });

  it('a stalled ready-valid pipeline freezes, holds in_ready low, and then delivers in order', () => {
    const { dp, sched } = smallCore({ interface: 'ready-valid' }, 3);
    const sim = new CycleSim(dp, sched);
    sim.set({ rst: true }).step();
    sim.set({ rst: false, out_ready: false });
    const xs = [10n, -20n, 30n];
    for (const x of xs) sim.set({ in_valid: true, in_x: x }).step();
    sim.in_valid = false;
    sim.step();
    // Full: the first item waits at the output, in_ready follows out_ready.
    expect([sim.out_valid, sim.in_ready, sim.occupancy]).toEqual([true, false, 3]);
    const frozen = sim.registers.map((r) => sim.register(r.nodeName, r.seg));
    sim.set({ in_valid: true, in_x: 99n });
    for (let i = 0; i < 5; i++) sim.step();
    expect(sim.registers.map((r) => sim.register(r.nodeName, r.seg))).toEqual(frozen);
    expect(sim.in_ready).toBe(false);
    sim.set({ in_valid: false, out_ready: true });
    expect(sim.in_ready).toBe(true);
    const got: bigint[] = [];
    for (let i = 0; i < 6; i++) {
      if (sim.out_valid) got.push(sim.out_y);
      sim.step();
    }
    expect(got).toEqual(xs.map((x) => interpret(dp, x).y));
  });

  it('reset clears the stage valid bits, even while stalled, and leaves the data registers loading', () => {
    const { dp, sched } = smallCore({ interface: 'ready-valid' }, 2);
    const sim = new CycleSim(dp, sched);
    sim.set({ rst: true }).step();
    sim.set({ rst: false, in_valid: true, in_x: 3n, out_ready: false }).step();
    sim.step();
    expect([sim.stageValid(2), sim.stageValid(3), sim.out_valid]).toEqual([true, true, true]);
    sim.set({ rst: true, in_x: 7n }).step(); // stalled: no enable, only the valid bits clear
    expect([sim.stageValid(2), sim.stageValid(3), sim.out_valid, sim.occupancy]).toEqual([false, false, false, 0]);
    expect(sim.out_y).toBe(interpret(dp, 3n).y);
    sim.step(); // out_valid low again: the enable is back and the data registers load under reset
    sim.step();
    expect([sim.out_valid, sim.out_y]).toEqual([false, interpret(dp, 7n).y]);
  });

  it('the number fast path agrees with the BigInt ports', () => {
    const { dp, sched } = smallCore({}, 4);
    const a = new CycleSim(dp, sched);
    const b = new CycleSim(dp, sched);
    for (let x = -128; x < 128; x++) {
      a.set({ in_valid: true, in_x: BigInt(x) });
      b.in_valid = true;
      b.in_x_number = x;
      expect([b.in_x, b.out_y_number, b.out_dy_number]).toEqual([BigInt(x), Number(a.out_y), Number(a.out_dy)]);
      a.step();
      b.step();
    }
  });

  it('refuses inputs out of range, unknown registers and an unrealisable schedule, with the reason', () => {
    const { dp, sched } = smallCore({}, 2);
    const sim = new CycleSim(dp, sched);
    expect(() => { sim.in_x = 128n; }).toThrow('in_x: 128 is outside sQ2.5 [-128, 127]');
    expect(() => { sim.in_x_number = 0.5; }).toThrow('in_x: 0.5 is outside sQ2.5');
    expect(() => sim.register('nope', 2)).toThrow('no datapath node named "nope"');
    const t = dp.nodes.find((n) => n.name === 't')!;
    expect(() => sim.register('t', 1)).toThrow(`t has no register in segment 1: it is computed in segment ${sched.stage[t.id]}`);
    expect(() => sim.stageValid(4)).toThrow('stage valid bits exist for banks 2..3, got 4');
    const late = { ...sched, stage: sched.stage.map((s, i) => (i === t.id ? 2 : s)).map((s, i) => (dp.nodes[i]!.args.includes(t.id) ? 1 : s)) };
    expect(() => new CycleSim(dp, late)).toThrow(ScheduleError);
    expect(() => new CycleSim(dp, { ...sched, stage: sched.stage.slice(1) })).toThrow('schedule has');
  });

  it('power-up state: valid bits low, data registers as if code 0 had filled the pipeline', () => {
    const { dp, sched } = smallCore({}, 3);
    for (const engine of ['fast', 'structural'] as const) {
      const sim = new CycleSim(dp, sched, { engine });
      expect([sim.out_valid, sim.occupancy, sim.out_y]).toEqual([false, 0, interpret(dp, 0n).y]);
      const zero = interpret(dp, 0n).values;
      for (const r of sim.registers) expect(sim.register(r.nodeName, r.seg)).toBe(zero[r.node]);
    }
  });

  it('a wide core (BigInt evaluator) runs in both engines', () => {
    const spec = resolveSpec({ input: 'sQ4.40', output: 'sQ1.60', accuracy: 'custom', steps: 2, pipeline: 3 });
    const dp = buildDatapath(spec, spec.custom!);
    const sched = scheduleDatapath(dp, 3);
    const xs = [minRaw(spec.input), -1n, 0n, 123456789012n, maxRaw(spec.input)];
    for (const engine of ['fast', 'structural'] as const) {
      const sim = new CycleSim(dp, sched, { engine });
      const got: bigint[] = [];
      for (let c = 0; c < xs.length + 3; c++) {
        sim.set({ in_valid: c < xs.length, in_x: xs[Math.min(c, xs.length - 1)]! });
        if (sim.out_valid) got.push(sim.out_y);
        sim.step();
      }
      expect(got, engine).toEqual(xs.map((x) => interpret(dp, x).y));
      expect(() => sim.out_y_number).toThrow('wider than 53 bits');
    }
  });
});
