// CycleSim: the scheduled datapath clocked cycle by cycle. Its control is the core's control plan
// (src/control pipelinedControl: a valid bit per stage with synchronous reset, one enable for the
// whole pipeline, in_ready = en with ready/valid), run here and printed into the Verilog from the
// same description; the data registers (unreset) move when the plan's enable says so.

import { minRaw, maxRaw, formatName, width } from '../fixedpoint/index.js';
import type { Datapath } from '../datapath/index.js';
import { VERSION } from '../version.js';
import { pipelineLayout, type Schedule, type PipelineLayout, type StageRegister } from '../schedule/index.js';
import { makeEngine, InputPort, type DataEngine, type EngineKind } from './engines.js';
import { VcdWriter, type VcdSignal, type VcdSink } from './vcd.js';
import { axisSignals, axisValues, vcdScope } from './axis-vcd.js';
import { ControlRunner, pipelinedControl } from '../control/index.js';

export interface CycleSimOptions {
  /** `fast` (default): compiled evaluator per item; `structural`: evalNode per segment, every register held. */
  readonly engine?: EngineKind;
  /**
   * Fast engine only: remember out_y/out_dy per input code (inputs up to 20 bits), so each code is
   * evaluated once per simulator. Off by default: with it, the cost per cycle no longer includes
   * the datapath arithmetic for codes already seen.
   */
  readonly memo?: boolean;
  /** Dump ports, stage valid bits and every pipeline register as VCD (module scope = spec name). */
  readonly vcd?: VcdSink;
  /** Clock period in the VCD, in ns (default 10: the generated testbench's clock). */
  readonly vcdPeriodNs?: number;
}

/** The inputs of one cycle, as `set` takes them. */
export interface CycleInputs {
  readonly rst?: boolean;
  readonly in_valid?: boolean;
  readonly in_x?: bigint;
  readonly out_ready?: boolean;
  readonly in_user?: boolean;
}

/**
 * Cycle-level simulator of one core. Set the inputs (ports keep the RTL's names), read the outputs
 * (combinational, as the RTL drives them before the next edge), `step()` for one rising clock edge.
 * Raw values are integers in the port's format (in_x and out_y signed, out_dy unsigned).
 *
 * Power-up: the stage valid bits are 0 and every data register holds what input code 0 would have
 * left there; the RTL's registers are X until loaded (hold rst for latency + 1 cycles to align).
 */
/** The input ports a simulator exposes (in_x's setter checks the range). */
export interface InputPorts { rst: boolean; in_valid: boolean; in_x: bigint; out_ready: boolean; in_user: boolean }

/** Sets the inputs given in `inputs` on a simulator; those not given keep their values. */
export function applyInputs(sim: InputPorts, inputs: CycleInputs): void {
  if (inputs.rst !== undefined) sim.rst = inputs.rst;
  if (inputs.in_valid !== undefined) sim.in_valid = inputs.in_valid;
  if (inputs.in_x !== undefined) sim.in_x = inputs.in_x;
  if (inputs.out_ready !== undefined) sim.out_ready = inputs.out_ready;
  if (inputs.in_user !== undefined) sim.in_user = inputs.in_user;
}

export class CycleSim {
  readonly latency: number;
  readonly readyValid: boolean;
  readonly hasUser: boolean;
  readonly hasDy: boolean;
  readonly layout: PipelineLayout;
  readonly engine: EngineKind;
  private readonly ctl: ControlRunner;
  /** The plan's wires the hot path reads, by index (-1: the plan has none). */
  private readonly wEn: number;
  private readonly wOutValid: number;
  private readonly wInReady: number;
  private readonly wOutUser: number;
  /** The plan's inputs by index (-1: the plan does not read that port). */
  private readonly iInValid: number;
  private readonly iOutReady: number;
  private readonly iInUser: number;
  private ports = { rst: false, in_valid: false, out_ready: true, in_user: false };

  /** Synchronous reset, active high: clears the stage valid bits at the next edge (data registers keep loading). */
  get rst(): boolean { return this.ports.rst; }
  set rst(v: boolean) { this.ports.rst = v; this.ctl.setAt(0, v); }
  get in_valid(): boolean { return this.ports.in_valid; }
  set in_valid(v: boolean) { this.ports.in_valid = v; this.ctl.setAt(this.iInValid, v); }
  /** Consumer ready (ready-valid and axis only; the valid interface has no backpressure). */
  get out_ready(): boolean { return this.ports.out_ready; }
  set out_ready(v: boolean) { this.ports.out_ready = v; if (this.iOutReady > 0) this.ctl.setAt(this.iOutReady, v); }
  /** Side-band bit carried with each item (axis: TLAST); not reset, like the RTL. */
  get in_user(): boolean { return this.ports.in_user; }
  set in_user(v: boolean) { this.ports.in_user = v; if (this.iInUser > 0) this.ctl.setAt(this.iInUser, v); }

  private readonly x = new InputPort();
  private readonly xMin: bigint;
  private readonly xMax: bigint;
  /** Bounds of in_x as numbers when the input fits a double exactly (else NaN); outputs likewise. */
  private readonly xMinN: number;
  private readonly xMaxN: number;
  private readonly outNumbers: boolean;
  private readonly data: DataEngine;
  private cycles = 0;
  private readonly byName: Map<string, number>;
  private readonly vcd: VcdWriter | undefined;
  private readonly period: number;

  constructor(private readonly dp: Datapath, sched: Schedule, opts: CycleSimOptions = {}) {
    if (sched.iterative) throw new RangeError('an iterative core is simulated by IterativeSim (runStream picks it)');
    this.layout = pipelineLayout(dp, sched);
    this.latency = this.layout.latency;
    this.readyValid = dp.spec.interface !== 'valid';
    this.hasUser = dp.spec.interface === 'axis';
    this.hasDy = dp.outputs.dy !== undefined;
    this.engine = opts.engine ?? 'fast';
    const inF = dp.nodes[dp.input]!.fmt;
    this.xMin = minRaw(inF);
    this.xMax = maxRaw(inF);
    const exact = (w: number) => w <= 53;
    this.xMinN = exact(width(inF)) ? Number(this.xMin) : NaN;
    this.xMaxN = exact(width(inF)) ? Number(this.xMax) : NaN;
    this.outNumbers = exact(width(dp.nodes[dp.outputs.y]!.fmt)) && (dp.outputs.dy === undefined || exact(width(dp.nodes[dp.outputs.dy]!.fmt)));
    this.data = makeEngine(this.engine, dp, this.layout, opts.memo ?? false);
    this.ctl = new ControlRunner(pipelinedControl(this.latency, dp.spec.interface));
    const wire = (name: string) => this.ctl.plan.wires.findIndex((w) => w.name === name);
    this.wEn = wire('en');
    this.wOutValid = wire('out_valid');
    this.wInReady = wire('in_ready');
    this.wOutUser = wire('out_user');
    const input = (name: string) => { const i = this.ctl.plan.inputs.indexOf(name); return i < 0 ? -1 : i + 1; };
    this.iInValid = input('in_valid');
    this.iOutReady = input('out_ready');
    this.iInUser = input('in_user');
    if (this.iOutReady > 0) this.ctl.setAt(this.iOutReady, true);
    this.byName = new Map(dp.nodes.map((n) => [n.name, n.id]));
    this.period = opts.vcdPeriodNs ?? 10;
    if (!Number.isInteger(this.period) || this.period < 2 || this.period % 2 !== 0) throw new RangeError(`vcdPeriodNs must be an even integer >= 2, got ${this.period}`);
    this.vcd = opts.vcd ? new VcdWriter(opts.vcd, vcdScope(dp.spec), this.vcdSignals(), { version: `isrlu-codesign ${VERSION} cycle-sim` }) : undefined;
  }

  /** Input code (raw value in the input format). */
  get in_x(): bigint { return this.x.big; }
  set in_x(v: bigint) {
    if (v < this.xMin || v > this.xMax) this.badBig(v);
    this.x.setBig(v);
  }

  /** in_x as a number: the fast path (no BigInt per cycle); inputs up to 53 bits. */
  get in_x_number(): number { return this.x.number; }
  set in_x_number(v: number) {
    if (!(v >= this.xMinN && v <= this.xMaxN && Number.isInteger(v))) this.badNumber(v);
    this.x.setNumber(v);
  }

  // Throws live outside the accessors so that those stay small enough to inline in hot loops.
  private badBig(v: bigint): never {
    throw this.outside(v);
  }

  private wide(what: string): never {
    throw new RangeError(`${what}: an output is wider than 53 bits; read ${what.replace('_number', '')}`);
  }

  private badNumber(v: number): never {
    if (Number.isNaN(this.xMinN)) throw new RangeError('in_x_number: the input is wider than 53 bits; set in_x');
    throw this.outside(v);
  }

  private outside(v: bigint | number): RangeError {
    return new RangeError(`in_x: ${v} is outside ${formatName(this.dp.nodes[this.dp.input]!.fmt)} [${this.xMin}, ${this.xMax}]`);
  }

  /** Sets several inputs at once; those not given keep their values. */
  set(inputs: CycleInputs): this {
    applyInputs(this, inputs);
    return this;
  }

  /** Rising clock edges so far. */
  get cycle(): number { return this.cycles; }

  get out_valid(): boolean {
    return this.ctl.wireAt(this.wOutValid) === 1;
  }

  /** in_ready = en with ready/valid (combinational from out_ready); always true for `valid`. */
  get in_ready(): boolean {
    if (this.wInReady < 0) return true;
    return this.ctl.wireAt(this.wInReady) === 1;
  }

  get out_y(): bigint { return this.data.y(this.x); }

  /** The derivative output, or undefined when the core has none. */
  get out_dy(): bigint | undefined { return this.hasDy ? this.data.dy(this.x) : undefined; }

  /** out_y as a number (the fast path); outputs up to 53 bits. */
  get out_y_number(): number {
    return this.outNumbers ? this.data.yNumber(this.x) : this.wide('out_y_number');
  }

  /** out_dy as a number (0 when the core has no derivative output). */
  get out_dy_number(): number {
    return this.outNumbers ? this.data.dyNumber(this.x) : this.wide('out_dy_number');
  }

  get out_user(): boolean {
    if (this.wOutUser < 0) return false;
    return this.ctl.wireAt(this.wOutUser) === 1;
  }

  /** Most items the pipeline holds (one per register stage). */
  get capacity(): number { return Math.max(1, this.latency); }

  /** Items in the pipeline now (stage valid bits set). */
  get occupancy(): number { return this.latency === 0 ? 0 : this.ctl.ones(0); }

  /** Valid bit of register bank `bank` (2..latency + 1; the RTL's valid_sBANK). */
  stageValid(bank: number): boolean {
    if (this.latency === 0) throw new RangeError('a combinational core has no stage valid bits');
    if (!Number.isInteger(bank) || bank < 2 || bank > this.latency + 1) throw new RangeError(`stage valid bits exist for banks 2..${this.latency + 1}, got ${bank}`);
    return this.ctl.get(`valid_s${bank}`) === 1;
  }

  /** Every pipeline register, in the RTL's order. */
  get registers(): readonly StageRegister[] { return this.layout.registers; }

  /** Value of node `nodeName`'s pipeline register read by segment `seg` (RTL d_NAME_sSEG). */
  register(nodeName: string, seg: number): bigint {
    const id = this.byName.get(nodeName);
    if (id === undefined) throw new RangeError(`no datapath node named ${JSON.stringify(nodeName)}`);
    const i = this.layout.regIndex(id, seg);
    if (i < 0) {
      const segs = this.layout.registers.filter((r) => r.node === id).map((r) => r.seg);
      const where = segs.length ? `segments ${segs[0]}..${segs[segs.length - 1]}` : 'no segment';
      throw new RangeError(`${nodeName} has no register in segment ${seg}: it is computed in segment ${this.layout.stage[id]} and registered for ${where}`);
    }
    return this.data.register(i);
  }

  /** One rising clock edge. */
  step(): void {
    const t = this.cycles * this.period;
    if (this.vcd) this.vcd.sample(t, this.vcdValues(0n));
    if (this.latency > 0) {
      if (this.ctl.wireAt(this.wEn) === 1) this.data.advance(this.x);
      this.ctl.edge();
    }
    this.cycles++;
    if (this.vcd) this.vcd.sample(t + this.period / 2, this.vcdValues(1n));
  }

  /** Ends the VCD at the current time (so the last half period shows); a no-op without VCD. */
  finish(): void {
    this.vcd?.close(this.cycles * this.period);
  }

  private vcdSignals(): VcdSignal[] {
    const spec = this.dp.spec;
    const N = this.latency;
    const ports: VcdSignal[] = [
      { name: 'clk', width: 1 }, { name: 'rst', width: 1 }, { name: 'in_valid', width: 1 },
      ...(this.readyValid ? [{ name: 'in_ready', width: 1 }] : []),
      { name: 'in_x', width: width(spec.input) },
      ...(this.hasUser ? [{ name: 'in_user', width: 1 }] : []),
      { name: 'out_valid', width: 1 },
      ...(this.readyValid ? [{ name: 'out_ready', width: 1 }] : []),
      { name: 'out_y', width: width(spec.output) },
      ...(this.hasDy ? [{ name: 'out_dy', width: width(spec.derivativeFormat) }] : []),
      ...(this.hasUser ? [{ name: 'out_user', width: 1 }] : []),
    ];
    const valids = Array.from({ length: N }, (_, i) => ({ name: `valid_s${i + 2}`, width: 1 }));
    const users = this.hasUser ? Array.from({ length: N }, (_, i) => ({ name: `user_s${i + 2}`, width: 1 })) : [];
    return [...axisSignals(spec), ...ports, ...valids, ...users, ...this.layout.registers.map((r) => ({ name: r.name, width: r.width }))];
  }

  private vcdValues(clk: bigint): bigint[] {
    const b = (v: boolean) => (v ? 1n : 0n);
    const N = this.latency;
    const out: bigint[] = [...axisValues(this.dp.spec, {
      clk, rst: this.rst, inValid: this.in_valid, inReady: this.readyValid ? this.in_ready : true, inX: this.x.big, inUser: this.hasUser && this.in_user,
      outValid: this.out_valid, outReady: this.readyValid ? this.out_ready : true, outY: this.out_y, ...(this.hasDy ? { outDy: this.out_dy! } : {}), outUser: this.hasUser && this.out_user,
    }), clk, b(this.rst), b(this.in_valid)];
    if (this.readyValid) out.push(b(this.in_ready));
    out.push(this.x.big);
    if (this.hasUser) out.push(b(this.in_user));
    out.push(b(this.out_valid));
    if (this.readyValid) out.push(b(this.out_ready));
    out.push(this.out_y);
    if (this.hasDy) out.push(this.out_dy!);
    if (this.hasUser) out.push(b(this.out_user));
    for (let bank = 2; bank <= N + 1; bank++) out.push(BigInt(this.ctl.get(`valid_s${bank}`)));
    if (this.hasUser) for (let bank = 2; bank <= N + 1; bank++) out.push(BigInt(this.ctl.get(`user_s${bank}`)));
    for (let i = 0; i < this.layout.registers.length; i++) out.push(this.data.register(i));
    return out;
  }
}
