// A control plan run cycle by cycle (the cycle simulator's control): set the input ports, read any
// signal (wires are combinational from the inputs and the registers), `edge(rst)` for a rising
// clock. Expressions are compiled once into closures over one value array; chains are circular
// buffers, so a deep pipeline's valid bits shift in O(1).

import type { ControlPlan, Ctl, CtlChain } from './plan.js';

type Fn = () => number;

interface ChainState { readonly buf: Uint8Array; head: number; readonly input: Fn; readonly enable: Fn; readonly reset: boolean }

export class ControlRunner {
  private readonly v: Float64Array;
  private readonly slot = new Map<string, number>();
  private readonly wires: { readonly slot: number; readonly fn: Fn }[] = [];
  private readonly regs: { readonly slot: number; readonly reset: boolean; readonly enable: Fn; readonly next: Fn }[] = [];
  private readonly chains: ChainState[] = [];
  private readonly chainBit = new Map<string, { readonly c: ChainState; readonly i: number }>();
  private readonly nextRegs: Float64Array;

  constructor(readonly plan: ControlPlan) {
    const names = ['rst', ...plan.inputs, ...plan.regs.map((r) => r.name), ...plan.wires.map((w) => w.name)];
    names.forEach((n, i) => this.slot.set(n, i));
    this.v = new Float64Array(names.length);
    for (const c of plan.chains) {
      const st: ChainState = { buf: new Uint8Array(c.names.length), head: 0, input: () => 0, enable: () => 0, reset: c.reset };
      c.names.forEach((n, i) => this.chainBit.set(n, { c: st, i }));
      this.chains.push(st);
    }
    plan.chains.forEach((c: CtlChain, k) => Object.assign(this.chains[k]!, { input: this.compile(c.input), enable: this.compile(c.enable) }));
    for (const w of plan.wires) this.wires.push({ slot: this.slot.get(w.name)!, fn: this.compile(w.expr) });
    for (const r of plan.regs) this.regs.push({ slot: this.slot.get(r.name)!, reset: r.reset, enable: this.compile(r.enable), next: this.compile(r.next) });
    this.nextRegs = new Float64Array(this.regs.length);
    this.settle();
  }

  private compile(e: Ctl): Fn {
    const v = this.v;
    switch (e.op) {
      case 'ref': {
        const cb = this.chainBit.get(e.name);
        if (cb) {
          const { c, i } = cb;
          const n = c.buf.length;
          return () => c.buf[(c.head + i) % n]!;
        }
        const s = this.slot.get(e.name);
        if (s === undefined) throw new Error(`control plan: ${e.name} is not an input, wire, register or chain bit`);
        return () => v[s]!;
      }
      case 'const': { const k = e.value; return () => k; }
      case 'not': { const a = this.compile(e.a); return () => (a() ? 0 : 1); }
      case 'and': { const a = this.compile(e.a); const b = this.compile(e.b); return () => (a() && b() ? 1 : 0); }
      case 'or': { const a = this.compile(e.a); const b = this.compile(e.b); return () => (a() || b() ? 1 : 0); }
      case 'eq': { const a = this.compile(e.a); const k = e.value; return () => (a() === k ? 1 : 0); }
      case 'inc': {
        const a = this.compile(e.a);
        const m = 2 ** e.width;
        const last = e.last;
        return last === undefined ? () => (a() + 1) % m : () => (a() === last ? 0 : (a() + 1) % m);
      }
      case 'mux': { const s = this.compile(e.sel); const a = this.compile(e.a); const b = this.compile(e.b); return () => (s() ? a() : b()); }
    }
  }

  /** Sets an input port (rst included); call settle() before reading wires. */
  set(name: string, value: boolean | number): void {
    const s = this.slot.get(name);
    if (s === undefined) throw new Error(`control plan: no input ${name}`);
    this.v[s] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }

  /** Recomputes the wires from the inputs and the registers. */
  settle(): void {
    for (const w of this.wires) this.v[w.slot] = w.fn();
  }

  /** A signal's value now (settle first after changing inputs). */
  get(name: string): number {
    const cb = this.chainBit.get(name);
    if (cb) return cb.c.buf[(cb.c.head + cb.i) % cb.c.buf.length]!;
    const s = this.slot.get(name);
    if (s === undefined) throw new Error(`control plan: no signal ${name}`);
    return this.v[s]!;
  }

  /** A settled wire's value, by its index in the plan (the hot path of the simulators). */
  wireAt(i: number): number { return this.v[this.wires[i]!.slot]!; }

  /** One rising edge: every register and chain takes its next value from the settled signals, then the wires settle. */
  edge(): void {
    const rst = this.v[0] === 1;
    for (let i = 0; i < this.regs.length; i++) {
      const r = this.regs[i]!;
      this.nextRegs[i] = rst && r.reset ? 0 : r.enable() ? r.next() : this.v[r.slot]!;
    }
    // Every chain's enable and input are read before any chain shifts (all registers take the
    // values from before the edge).
    const shifts = this.chains.map((c) => (c.enable() === 1 ? c.input() : -1));
    this.chains.forEach((c, k) => {
      const input = shifts[k]!;
      if (input >= 0) {
        c.head = c.head === 0 ? c.buf.length - 1 : c.head - 1;
        c.buf[c.head] = input;
      }
      if (rst && c.reset) c.buf.fill(0);
    });
    for (let i = 0; i < this.regs.length; i++) this.v[this.regs[i]!.slot] = this.nextRegs[i]!;
    this.settle();
  }

  /** The chain bits that are set (a pipeline's occupancy). */
  ones(chain: number): number {
    return this.chains[chain]!.buf.reduce((a, b) => a + b, 0);
  }
}
