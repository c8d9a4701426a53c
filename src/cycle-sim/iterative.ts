// Cycle-level simulator of the iterative architecture (and its round-robin lanes), reading the same
// folded loop as the Verilog (src/rtl-gen/iterative.ts, templates/iterative.v.hbs, lanes.v.hbs).
// The control is the RTL's by construction: each lane runs src/control's iterativeControl plan and
// the wrapper its lanesControl plan, the same plans the Verilog prints (busy, pass count and output
// valid per lane, the round-robin pointers); the data registers load on the plan's signals.

import { minRaw, maxRaw, formatName, width } from '../fixedpoint/index.js';
import { LoopEvaluator, type Datapath } from '../datapath/index.js';
import type { Schedule } from '../schedule/index.js';
import { applyInputs, type CycleInputs } from './sim.js';
import { VcdWriter, type VcdSignal, type VcdSink } from './vcd.js';
import { axisSignals, axisValues, vcdScope } from './axis-vcd.js';
import { VERSION } from '../version.js';
import { ControlRunner, counterWidth, iterativeControl, lanesControl } from '../control/index.js';

export interface IterativeSimOptions {
  /** Writes a VCD of the ports, each lane's control and state registers (opens in GTKWave). */
  readonly vcd?: VcdSink;
  /** Clock period in the VCD, ns (even) [default 10]. */
  readonly vcdPeriodNs?: number;
}

interface Lane {
  readonly ctl: ControlRunner;
  state: bigint[];
  stateUser: boolean;
  outY: bigint;
  outDy: bigint;
  outU: boolean;
}

/** The iterative core (lanes >= 1) with CycleSim's port API: set inputs, read outputs, step(). */
export class IterativeSim {
  readonly latency: number;
  readonly readyValid = true;
  readonly hasUser: boolean;
  readonly hasDy: boolean;
  readonly steps: number;
  readonly lanes: number;
  private ports = { rst: false, in_valid: false, out_ready: true, in_user: false };
  get rst(): boolean { return this.ports.rst; }
  set rst(v: boolean) { this.ports.rst = v; this.settle(); }
  get in_valid(): boolean { return this.ports.in_valid; }
  set in_valid(v: boolean) { this.ports.in_valid = v; this.settle(); }
  get out_ready(): boolean { return this.ports.out_ready; }
  set out_ready(v: boolean) { this.ports.out_ready = v; this.settle(); }
  /** Side-band bit (axis: TLAST), loaded with the state registers. */
  in_user = false;
  private x = 0n;
  private readonly ev: LoopEvaluator;
  private readonly lane: Lane[];
  private readonly wrap: ControlRunner;
  private cycles = 0;
  /** Input codes' state registers and outputs, cached (the same code always loads the same state). */
  private readonly loads = new Map<bigint, bigint[]>();

  private readonly vcd: VcdWriter | undefined;
  private readonly period: number;
  private readonly stateNames: readonly string[];
  private readonly loadNames: { readonly state: string; readonly loop: string | undefined; readonly output: string };

  constructor(private readonly dp: Datapath, sched: Schedule, opts: IterativeSimOptions = {}) {
    const it = sched.iterative;
    if (!it) throw new RangeError('IterativeSim needs an iterative schedule (architecture "iterative")');
    this.ev = new LoopEvaluator(it.fold);
    this.latency = sched.latency;
    this.steps = it.steps;
    this.lanes = it.lanes;
    this.hasUser = dp.spec.interface === 'axis';
    this.hasDy = dp.outputs.dy !== undefined;
    // Power-up: every data register holds what input code 0 would have left there.
    const s0 = this.load(0n);
    const o0 = this.ev.outputs(s0);
    const plan = iterativeControl(this.steps);
    this.loadNames = { state: plan.loads.state!, loop: plan.loads.loop, output: plan.loads.output! };
    this.lane = Array.from({ length: this.lanes }, () => ({
      ctl: new ControlRunner(plan), state: s0, stateUser: false, outY: o0.y, outDy: o0.dy ?? 0n, outU: false,
    }));
    this.wrap = new ControlRunner(lanesControl(this.lanes));
    this.settle();
    this.stateNames = it.fold.state.map((id) => `q_${it.fold.dp.nodes[id]!.name}`);
    this.period = opts.vcdPeriodNs ?? 10;
    if (!Number.isInteger(this.period) || this.period < 2 || this.period % 2 !== 0) throw new RangeError(`vcdPeriodNs must be an even integer >= 2, got ${this.period}`);
    this.vcd = opts.vcd ? new VcdWriter(opts.vcd, vcdScope(dp.spec), this.vcdSignals(it.fold.state.map((id) => width(it.fold.dp.nodes[id]!.fmt))), { version: `isrlu-codesign ${VERSION} cycle-sim (iterative)` }) : undefined;
  }

  private vcdSignals(stateWidths: readonly number[]): VcdSignal[] {
    const spec = this.dp.spec;
    const cw = counterWidth(this.steps);
    const rw = counterWidth(this.lanes);
    return [
      ...axisSignals(spec),
      { name: 'clk', width: 1 }, { name: 'rst', width: 1 }, { name: 'in_valid', width: 1 }, { name: 'in_ready', width: 1 },
      { name: 'in_x', width: width(spec.input) }, ...(this.hasUser ? [{ name: 'in_user', width: 1 }] : []),
      { name: 'out_valid', width: 1 }, { name: 'out_ready', width: 1 }, { name: 'out_y', width: width(spec.output) },
      ...(this.hasDy ? [{ name: 'out_dy', width: width(spec.derivativeFormat) }] : []), ...(this.hasUser ? [{ name: 'out_user', width: 1 }] : []),
      ...(this.lanes > 1 ? [{ name: 'rr_in', width: rw }, { name: 'rr_out', width: rw }] : []),
      ...this.lane.flatMap((_, k) => [
        { name: `lane${k}_busy`, width: 1 }, { name: `lane${k}_count`, width: cw }, { name: `lane${k}_out_v`, width: 1 },
        ...this.stateNames.map((n, i) => ({ name: `lane${k}_${n}`, width: stateWidths[i]! })),
      ]),
    ];
  }

  private vcdValues(clk: bigint): bigint[] {
    const b = (v: boolean) => (v ? 1n : 0n);
    return [
      ...axisValues(this.dp.spec, {
        clk, rst: this.rst, inValid: this.in_valid, inReady: this.in_ready, inX: this.x, inUser: this.hasUser && this.in_user,
        outValid: this.out_valid, outReady: this.out_ready, outY: this.out_y, ...(this.hasDy ? { outDy: this.out_dy! } : {}), outUser: this.hasUser && this.out_user,
      }),
      clk, b(this.rst), b(this.in_valid), b(this.in_ready), this.x, ...(this.hasUser ? [b(this.in_user)] : []),
      b(this.out_valid), b(this.out_ready), this.out_y, ...(this.hasDy ? [this.out_dy!] : []), ...(this.hasUser ? [b(this.out_user)] : []),
      ...(this.lanes > 1 ? [BigInt(this.rrIn), BigInt(this.rrOut)] : []),
      ...this.lane.flatMap((l) => [BigInt(l.ctl.get('busy')), BigInt(this.steps > 1 ? l.ctl.get('count') : 0), BigInt(l.ctl.get('out_v')), ...l.state]),
    ];
  }

  private load(x: bigint): bigint[] {
    let s = this.loads.get(x);
    if (!s) {
      s = this.ev.load(x);
      if (this.loads.size < 1 << 17) this.loads.set(x, s);
    }
    return s;
  }

  get in_x(): bigint { return this.x; }
  set in_x(v: bigint) {
    const f = this.dp.spec.input;
    if (v < minRaw(f) || v > maxRaw(f)) throw new RangeError(`in_x: ${v} is outside ${formatName(f)} [${minRaw(f)}, ${maxRaw(f)}]`);
    this.x = v;
  }

  /** Sets several inputs at once; those not given keep their values. */
  set(inputs: CycleInputs): this {
    applyInputs(this, inputs);
    return this;
  }

  get cycle(): number { return this.cycles; }

  private get rrIn(): number { return this.wrap.get('rr_in'); }
  private get rrOut(): number { return this.wrap.get('rr_out'); }

  /**
   * Settles every plan's wires from the ports and the registers: the wrapper's lane selects, each
   * lane's control, then the selected lanes' in_ready and out_valid back into the wrapper.
   */
  private settle(): void {
    if (!this.wrap) return;
    const w = this.wrap;
    w.set('rst', this.ports.rst);
    w.set('in_valid', this.ports.in_valid);
    w.set('out_ready', this.ports.out_ready);
    this.lane.forEach((l, k) => {
      l.ctl.set('rst', this.ports.rst);
      l.ctl.set('in_valid', w.get(`l${k}_in_valid`));
      l.ctl.set('out_ready', w.get(`l${k}_out_ready`));
    });
    w.set('in_ready', this.lane[this.rrIn]!.ctl.get('in_ready'));
    w.set('out_valid', this.lane[this.rrOut]!.ctl.get('out_valid'));
  }

  get in_ready(): boolean { return this.lane[this.rrIn]!.ctl.get('in_ready') === 1; }
  get out_valid(): boolean { return this.lane[this.rrOut]!.ctl.get('out_valid') === 1; }
  get out_y(): bigint { return this.lane[this.rrOut]!.outY; }
  get out_dy(): bigint | undefined { return this.hasDy ? this.lane[this.rrOut]!.outDy : undefined; }
  get out_user(): boolean { return this.hasUser && this.lane[this.rrOut]!.outU; }

  /** Items inside: lanes whose unit is busy. */
  get occupancy(): number { return this.lane.reduce((a, l) => a + l.ctl.get('busy'), 0); }
  /** Most items the unit(s) can hold: one per lane. */
  get capacity(): number { return this.lanes; }

  /** Lane k's control and loop register (for inspection and tests). */
  laneState(k: number): { busy: boolean; count: number; outValid: boolean; loopReg: bigint } {
    const l = this.lane[k];
    if (!l) throw new RangeError(`lane ${k} does not exist (lanes 0..${this.lanes - 1})`);
    return { busy: l.ctl.get('busy') === 1, count: this.steps > 1 ? l.ctl.get('count') : 0, outValid: l.ctl.get('out_v') === 1, loopReg: l.state[0]! };
  }

  /** One rising clock edge. */
  step(): void {
    const t = this.cycles * this.period;
    if (this.vcd) this.vcd.sample(t, this.vcdValues(0n));
    this.settle();
    const ld = this.loadNames;
    // Data registers, from the plans' load signals before the edge.
    for (const l of this.lane) {
      const c = l.ctl;
      const wasState = l.state;
      const wasUser = l.stateUser;
      if (c.get(ld.state)) { l.state = this.load(this.x); l.stateUser = this.in_user; }
      else if (ld.loop !== undefined && c.get(ld.loop)) l.state = this.ev.iterate(wasState);
      if (c.get(ld.output)) {
        const o = this.ev.outputs(wasState);
        l.outY = o.y;
        l.outDy = o.dy ?? 0n;
        l.outU = wasUser;
      }
    }
    for (const l of this.lane) l.ctl.edge();
    this.wrap.edge();
    this.settle();
    this.cycles++;
    if (this.vcd) this.vcd.sample(t + this.period / 2, this.vcdValues(1n));
  }

  /** Ends the VCD at the current time; a no-op without VCD. */
  finish(): void {
    this.vcd?.close(this.cycles * this.period);
  }
}
