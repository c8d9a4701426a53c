// Cycle-level simulator of the iterative architecture (and its round-robin lanes), reading the same
// folded loop as the Verilog (src/rtl-gen/iterative.ts, templates/iterative.v.hbs, lanes.v.hbs).
// Invariant: the control is the RTL's, register for register: busy, pass count and output valid per
// lane (reset synchronously); state registers load whenever the lane could take an item; the loop
// register takes the unit's result between passes; the output register loads whenever enabled.

import { minRaw, maxRaw, formatName, width } from '../fixedpoint/index.js';
import { LoopEvaluator, type Datapath } from '../datapath/index.js';
import type { Schedule } from '../schedule/index.js';
import { applyInputs, type CycleInputs } from './sim.js';
import { VcdWriter, type VcdSignal, type VcdSink } from './vcd.js';
import { axisSignals, axisValues, vcdScope } from './axis-vcd.js';
import { VERSION } from '../version.js';

export interface IterativeSimOptions {
  /** Writes a VCD of the ports, each lane's control and state registers (opens in GTKWave). */
  readonly vcd?: VcdSink;
  /** Clock period in the VCD, ns (even) [default 10]. */
  readonly vcdPeriodNs?: number;
}

interface Lane {
  busy: boolean;
  count: number;
  outV: boolean;
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
  rst = false;
  in_valid = false;
  out_ready = true;
  in_user = false;
  private x = 0n;
  private readonly ev: LoopEvaluator;
  private readonly lane: Lane[];
  private rrIn = 0;
  private rrOut = 0;
  private cycles = 0;
  /** Input codes' state registers and outputs, cached (the same code always loads the same state). */
  private readonly loads = new Map<bigint, bigint[]>();

  private readonly vcd: VcdWriter | undefined;
  private readonly period: number;
  private readonly stateNames: readonly string[];

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
    this.lane = Array.from({ length: this.lanes }, () => ({
      busy: false, count: 0, outV: false, state: s0, stateUser: false, outY: o0.y, outDy: o0.dy ?? 0n, outU: false,
    }));
    this.stateNames = it.fold.state.map((id) => `q_${it.fold.dp.nodes[id]!.name}`);
    this.period = opts.vcdPeriodNs ?? 10;
    if (!Number.isInteger(this.period) || this.period < 2 || this.period % 2 !== 0) throw new RangeError(`vcdPeriodNs must be an even integer >= 2, got ${this.period}`);
    this.vcd = opts.vcd ? new VcdWriter(opts.vcd, vcdScope(dp.spec), this.vcdSignals(it.fold.state.map((id) => width(it.fold.dp.nodes[id]!.fmt))), { version: `isrlu-codesign ${VERSION} cycle-sim (iterative)` }) : undefined;
  }

  private vcdSignals(stateWidths: readonly number[]): VcdSignal[] {
    const spec = this.dp.spec;
    const cw = Math.max(1, Math.ceil(Math.log2(this.steps)));
    const rw = Math.max(1, Math.ceil(Math.log2(this.lanes)));
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
      ...this.lane.flatMap((l) => [b(l.busy), BigInt(l.count), b(l.outV), ...l.state]),
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

  private last(l: Lane): boolean { return l.busy && l.count === this.steps - 1; }
  private laneOutReady(k: number): boolean { return this.out_ready && this.rrOut === k; }
  private en(k: number): boolean { return !this.lane[k]!.outV || this.laneOutReady(k); }
  private laneInReady(k: number): boolean { const l = this.lane[k]!; return this.en(k) && (!l.busy || this.last(l)); }

  get in_ready(): boolean { return this.laneInReady(this.rrIn); }
  get out_valid(): boolean { return this.lane[this.rrOut]!.outV; }
  get out_y(): bigint { return this.lane[this.rrOut]!.outY; }
  get out_dy(): bigint | undefined { return this.hasDy ? this.lane[this.rrOut]!.outDy : undefined; }
  get out_user(): boolean { return this.hasUser && this.lane[this.rrOut]!.outU; }

  /** Items inside: lanes whose unit is busy. */
  get occupancy(): number { return this.lane.reduce((a, l) => a + (l.busy ? 1 : 0), 0); }
  /** Most items the unit(s) can hold: one per lane. */
  get capacity(): number { return this.lanes; }

  /** Lane k's control and loop register (for inspection and tests). */
  laneState(k: number): { busy: boolean; count: number; outValid: boolean; loopReg: bigint } {
    const l = this.lane[k];
    if (!l) throw new RangeError(`lane ${k} does not exist (lanes 0..${this.lanes - 1})`);
    return { busy: l.busy, count: l.count, outValid: l.outV, loopReg: l.state[0]! };
  }

  /** One rising clock edge. */
  step(): void {
    const t = this.cycles * this.period;
    if (this.vcd) this.vcd.sample(t, this.vcdValues(0n));
    const take = this.in_valid && this.in_ready;
    const give = this.out_valid && this.out_ready;
    const next = this.lane.map((l, k) => {
      const en = this.en(k);
      const inReady = this.laneInReady(k);
      const last = this.last(l);
      const n: Lane = { ...l };
      if (this.rst) {
        n.busy = false; n.outV = false; n.count = 0;
      } else if (en) {
        n.outV = last;
        if (inReady && this.in_valid && this.rrIn === k) { n.busy = true; n.count = 0; }
        else if (last) n.busy = false;
        else if (l.busy) n.count = l.count + 1;
      }
      if (inReady) { n.state = this.load(this.x); n.stateUser = this.in_user; }
      else if (en && l.busy) n.state = this.ev.iterate(l.state);
      if (en) {
        const o = this.ev.outputs(l.state);
        n.outY = o.y;
        n.outDy = o.dy ?? 0n;
        n.outU = l.stateUser;
      }
      return n;
    });
    for (let k = 0; k < this.lanes; k++) this.lane[k] = next[k]!;
    if (this.rst) { this.rrIn = 0; this.rrOut = 0; }
    else {
      if (take) this.rrIn = (this.rrIn + 1) % this.lanes;
      if (give) this.rrOut = (this.rrOut + 1) % this.lanes;
    }
    this.cycles++;
    if (this.vcd) this.vcd.sample(t + this.period / 2, this.vcdValues(1n));
  }

  /** Ends the VCD at the current time; a no-op without VCD. */
  finish(): void {
    this.vcd?.close(this.cycles * this.period);
  }
}
