// A control plan run cycle by cycle (the cycle simulator's control): set the input ports, read any
// signal (wires are combinational from the inputs and the registers), `edge()` for a rising clock.
// The plan is compiled once into two JavaScript functions over one value array (as the datapath's
// fast evaluator is), so a simulated cycle costs a few array reads, not a walk of expression trees.

import type { ControlPlan, Ctl } from './plan.js';

type Step = (v: Int32Array) => void;

export class ControlRunner {
  private readonly v: Int32Array;
  private readonly slot = new Map<string, number>();
  private readonly wireSlots: readonly number[];
  private readonly chainSlots: readonly (readonly number[])[];
  private readonly settleFn: Step;
  private readonly edgeFn: Step;
  private dirty = true;

  constructor(readonly plan: ControlPlan) {
    const names = ['rst', ...plan.inputs, ...plan.regs.map((r) => r.name), ...plan.chains.flatMap((c) => c.names), ...plan.wires.map((w) => w.name)];
    names.forEach((n, i) => {
      if (this.slot.has(n)) throw new Error(`control plan: ${n} is defined twice`);
      this.slot.set(n, i);
    });
    this.v = new Int32Array(names.length);
    this.wireSlots = plan.wires.map((w) => this.slot.get(w.name)!);
    this.chainSlots = plan.chains.map((c) => c.names.map((n) => this.slot.get(n)!));
    const e = (x: Ctl) => this.js(x);
    const settle = plan.wires.map((w) => `v[${this.slot.get(w.name)!}] = ${e(w.expr)};`);
    // Every register's and chain's next value is read before any of them changes.
    const edge: string[] = ['const rst = v[0];'];
    plan.regs.forEach((r, i) => {
      const s = this.slot.get(r.name)!;
      edge.push(`const r${i} = ${r.reset ? 'rst ? 0 : ' : ''}(${e(r.enable)} ? ${e(r.next)} : v[${s}]);`);
    });
    plan.chains.forEach((c, i) => edge.push(`const ce${i} = ${e(c.enable)};`, `const ci${i} = ${e(c.input)};`));
    plan.regs.forEach((r, i) => edge.push(`v[${this.slot.get(r.name)!}] = r${i};`));
    plan.chains.forEach((c, i) => {
      const s = this.chainSlots[i]!;
      const shift = s.slice(1).map((_, j) => `v[${s[s.length - 1 - j]!}] = v[${s[s.length - 2 - j]!}];`).join(' ');
      edge.push(`if (ce${i}) { ${shift} v[${s[0]!}] = ci${i}; }`);
      if (c.reset) edge.push(`if (rst) { ${s.map((x) => `v[${x}] = 0;`).join(' ')} }`);
    });
    this.settleFn = new Function('v', settle.join('\n')) as Step;
    this.edgeFn = new Function('v', edge.join('\n')) as Step;
  }

  /** An expression as JavaScript over `v` (1-bit values are 0 or 1). */
  private js(e: Ctl): string {
    switch (e.op) {
      case 'ref': {
        const s = this.slot.get(e.name);
        if (s === undefined) throw new Error(`control plan: ${e.name} is not an input, wire, register or chain bit`);
        return `v[${s}]`;
      }
      case 'const': return String(e.value);
      case 'not': return `(${this.js(e.a)} ^ 1)`;
      case 'and': return `(${this.js(e.a)} & ${this.js(e.b)})`;
      case 'or': return `(${this.js(e.a)} | ${this.js(e.b)})`;
      case 'eq': return `(${this.js(e.a)} === ${e.value} ? 1 : 0)`;
      case 'inc': {
        const a = this.js(e.a);
        const wrap = `((${a} + 1) & ${2 ** e.width - 1})`;
        return e.last === undefined ? wrap : `(${a} === ${e.last} ? 0 : ${wrap})`;
      }
      case 'mux': return `(${this.js(e.sel)} ? ${this.js(e.a)} : ${this.js(e.b)})`;
    }
  }

  /** Sets an input port (rst included). */
  set(name: string, value: boolean | number): void {
    const s = this.slot.get(name);
    if (s === undefined || s > this.plan.inputs.length) throw new Error(`control plan: no input ${name}`);
    this.v[s] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    this.dirty = true;
  }

  /** Sets input `i` of the plan (0 = rst, then plan.inputs in order): the simulators' hot path. */
  setAt(i: number, value: boolean): void {
    this.v[i] = value ? 1 : 0;
    this.dirty = true;
  }

  private settle(): void {
    if (this.dirty) {
      this.settleFn(this.v);
      this.dirty = false;
    }
  }

  /** A signal's value now. */
  get(name: string): number {
    const s = this.slot.get(name);
    if (s === undefined) throw new Error(`control plan: no signal ${name}`);
    this.settle();
    return this.v[s]!;
  }

  /** Wire `i` of the plan (plan.wires order): the simulators' hot path. */
  wireAt(i: number): number {
    this.settle();
    return this.v[this.wireSlots[i]!]!;
  }

  /** One rising edge: every register and chain takes its next value from the signals before it. */
  edge(): void {
    this.settle();
    this.edgeFn(this.v);
    this.dirty = true;
  }

  /** The set bits of chain `i` (a pipeline's occupancy). */
  ones(i: number): number {
    return this.chainSlots[i]!.reduce((a, s) => a + this.v[s]!, 0);
  }
}
