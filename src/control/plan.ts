// The control of a core, described once: the handshake wires, the stage valid chain, the iterative
// core's busy flag and pass counter, the lanes' round-robin pointers. A plan is data: the Verilog
// generator prints it (./verilog.ts) and the cycle simulator runs it (./run.ts), so the two cannot
// disagree on a single control bit. The datapath registers are not here: a plan names the control
// signal that loads each class of them (`loads`), and the back ends move the data.

/** A control expression over ports, wires and registers (1-bit unless it reads a counter). */
export type Ctl =
  | { readonly op: 'ref'; readonly name: string }
  | { readonly op: 'const'; readonly value: number; readonly width: number }
  | { readonly op: 'not'; readonly a: Ctl }
  | { readonly op: 'and' | 'or'; readonly a: Ctl; readonly b: Ctl }
  /** A counter equal to a constant. */
  | { readonly op: 'eq'; readonly a: Ctl; readonly value: number; readonly width: number }
  /** A counter plus one, back to 0 after `last` (no wrap when last is 2^width - 1: it overflows there). */
  | { readonly op: 'inc'; readonly a: Ctl; readonly width: number; readonly last?: number }
  | { readonly op: 'mux'; readonly sel: Ctl; readonly a: Ctl; readonly b: Ctl };

/** A combinational control signal; `port` ones drive an output port of the same name. */
export interface CtlWire {
  readonly name: string;
  readonly expr: Ctl;
  readonly port?: boolean;
}

/** A control register: reset synchronously to 0 by rst when `reset`, else loaded `next` when `enable`. */
export interface CtlReg {
  readonly name: string;
  readonly width: number;
  readonly reset: boolean;
  readonly enable: Ctl;
  readonly next: Ctl;
}

/** A shift register of 1-bit flags: names[0] takes `input`, names[i] takes names[i - 1], all when `enable`. */
export interface CtlChain {
  readonly names: readonly string[];
  readonly input: Ctl;
  readonly enable: Ctl;
  readonly reset: boolean;
}

export interface ControlPlan {
  /** The input ports the plan reads (besides rst). */
  readonly inputs: readonly string[];
  /** In dependency order: a wire reads inputs, registers, chains and the wires before it. */
  readonly wires: readonly CtlWire[];
  readonly regs: readonly CtlReg[];
  readonly chains: readonly CtlChain[];
  /** Which wire loads each class of datapath registers (pipeline stages; state, loop, output). */
  readonly loads: Readonly<Record<string, string>>;
  /** What the control does, for the generated file's comment. */
  readonly comment: readonly string[];
}

export const ref = (name: string): Ctl => ({ op: 'ref', name });
export const bit = (value: 0 | 1): Ctl => ({ op: 'const', value, width: 1 });
export const not = (a: Ctl): Ctl => ({ op: 'not', a });
export const and = (a: Ctl, b: Ctl): Ctl => ({ op: 'and', a, b });
export const or = (a: Ctl, b: Ctl): Ctl => ({ op: 'or', a, b });
export const mux = (sel: Ctl, a: Ctl, b: Ctl): Ctl => ({ op: 'mux', sel, a, b });

/** Bits of a counter that counts 0..n-1 (at least 1). */
export const counterWidth = (n: number): number => Math.max(1, Math.ceil(Math.log2(n)));

/**
 * A pipelined core of `latency` register stages: a valid bit per stage (reset), the side-band bit
 * beside it (axis, no reset), one enable for the whole pipeline. With ready/valid the pipeline
 * advances unless the last stage holds an item the consumer does not take, and in_ready = en.
 */
export function pipelinedControl(latency: number, iface: 'valid' | 'ready-valid' | 'axis'): ControlPlan {
  const rv = iface !== 'valid';
  const user = iface === 'axis';
  const inputs = ['in_valid', ...(rv ? ['out_ready'] : []), ...(user ? ['in_user'] : [])];
  if (latency === 0) {
    return {
      inputs,
      wires: [{ name: 'out_valid', expr: ref('in_valid'), port: true }, ...(rv ? [{ name: 'in_ready', expr: ref('out_ready'), port: true }] : []),
        ...(user ? [{ name: 'out_user', expr: ref('in_user'), port: true }] : [])],
      regs: [], chains: [], loads: {},
      comment: ['Combinational core: LATENCY = 0; clk and rst are kept for a uniform port list.'],
    };
  }
  const stages = (p: string) => Array.from({ length: latency }, (_, i) => `${p}_s${i + 2}`);
  const valid = stages('valid');
  const last = ref(valid[latency - 1]!);
  return {
    inputs,
    wires: [
      { name: 'en', expr: rv ? or(not(last), ref('out_ready')) : bit(1) },
      ...(rv ? [{ name: 'in_ready', expr: ref('en'), port: true }] : []),
      { name: 'out_valid', expr: last, port: true },
      ...(user ? [{ name: 'out_user', expr: ref(`user_s${latency + 1}`), port: true }] : []),
    ],
    regs: [],
    chains: [
      { names: valid, input: ref('in_valid'), enable: ref('en'), reset: true },
      ...(user ? [{ names: stages('user'), input: ref('in_user'), enable: ref('en'), reset: false }] : []),
    ],
    loads: { pipeline: 'en' },
    comment: [
      'Control: a valid bit per stage, reset synchronously; data registers have no reset.',
      rv ? 'The pipeline advances unless the last stage holds an item the consumer does not take.' : 'No backpressure: the pipeline advances every cycle.',
    ],
  };
}

/**
 * One lane of the iterative core: busy while an item is in the unit, its pass count (steps > 1) and
 * the output register's valid bit, reset synchronously; everything holds while the output waits for
 * out_ready. The state registers load whenever the lane could take an item, the loop register takes
 * the unit's result between passes, the output register loads whenever enabled.
 */
export function iterativeControl(steps: number): ControlPlan {
  const cw = counterWidth(steps);
  const counted = steps > 1;
  const count = ref('count');
  const busy = ref('busy');
  const take = ref('take');
  const last = ref('last');
  return {
    inputs: ['in_valid', 'out_ready'],
    wires: [
      { name: 'last', expr: counted ? and(busy, { op: 'eq', a: count, value: steps - 1, width: cw }) : busy },
      { name: 'en', expr: or(not(ref('out_v')), ref('out_ready')) },
      { name: 'in_ready', expr: and(ref('en'), or(not(busy), last)), port: true },
      { name: 'take', expr: and(ref('in_valid'), ref('in_ready')) },
      // The loop register takes the unit's result between passes (only when there are passes).
      ...(counted ? [{ name: 'step_en', expr: and(ref('en'), busy) }] : []),
      { name: 'out_valid', expr: ref('out_v'), port: true },
    ],
    regs: [
      { name: 'busy', width: 1, reset: true, enable: ref('en'), next: mux(take, bit(1), mux(last, bit(0), busy)) },
      { name: 'out_v', width: 1, reset: true, enable: ref('en'), next: last },
      ...(counted ? [{
        name: 'count', width: cw, reset: true, enable: ref('en'),
        next: mux(take, { op: 'const', value: 0, width: cw } as Ctl, mux(last, count, mux(busy, { op: 'inc', a: count, width: cw } as Ctl, count))),
      }] : []),
    ],
    chains: [],
    loads: { state: 'in_ready', ...(counted ? { loop: 'step_en' } : {}), output: 'en' },
    comment: [
      'Control (reset synchronously): busy while an item is in the unit, its pass count, and the',
      'output register\'s valid bit. Everything holds while the output waits for out_ready.',
    ],
  };
}

/**
 * The round-robin wrapper of `lanes` lanes: item k goes to lane k mod lanes and is taken back from
 * it in turn. Lane i's in_valid and out_ready are the wires l<i>_in_valid and l<i>_out_ready;
 * in_ready and out_valid are the selected lane's (the back ends select them), so the plan reads them.
 */
export function lanesControl(lanes: number): ControlPlan {
  const rw = counterWidth(lanes);
  const rr = (name: string, handshake: Ctl): CtlReg => ({
    name, width: rw, reset: true, enable: handshake, next: { op: 'inc', a: ref(name), width: rw, last: lanes - 1 },
  });
  const lane = (i: number): CtlWire[] => [
    { name: `l${i}_in_valid`, expr: and(ref('in_valid'), { op: 'eq', a: ref('rr_in'), value: i, width: rw }) },
    { name: `l${i}_out_ready`, expr: and(ref('out_ready'), { op: 'eq', a: ref('rr_out'), value: i, width: rw }) },
  ];
  return {
    inputs: ['in_valid', 'out_ready', 'in_ready', 'out_valid'],
    wires: Array.from({ length: lanes }, (_, i) => lane(i)).flat(),
    regs: [rr('rr_in', and(ref('in_valid'), ref('in_ready'))), rr('rr_out', and(ref('out_valid'), ref('out_ready')))],
    chains: [],
    loads: {},
    comment: ['Round-robin pointers (reset synchronously): the lane that takes the next item and the lane that gives the next one.'],
  };
}
