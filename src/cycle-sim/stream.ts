// Stream driver: pushes a list of input codes through a CycleSim with seeded random input bubbles
// and (ready/valid) seeded random consumer stalls, collects the outputs in order, checks each one
// against the interpreter, and reports latency, initiation interval, throughput, stalls, utilisation.

import { formatHex } from '../fixedpoint/index.js';
import { interpret, type Datapath } from '../datapath/index.js';
import { mulberry32 } from '../common/index.js';
import type { Schedule } from '../schedule/index.js';
import { CycleSim, type CycleInputs, type CycleSimOptions } from './sim.js';
import { IterativeSim } from './iterative.js';

export interface StreamOptions {
  /** PRNG seed (mulberry32); reported back. Default 1. */
  readonly seed?: number;
  /** Probability that the producer offers nothing in a cycle where it could offer an item. Default 1/8. */
  readonly bubbleRate?: number;
  /** Probability that the consumer is not ready in a cycle (ready-valid and axis only). Default 1/4. */
  readonly stallRate?: number;
  /** Cycles of reset before the stream (not counted). Default 2. */
  readonly resetCycles?: number;
  /** Compare every output with interpret(dp, x). Default true. */
  readonly check?: boolean;
  /** Give up after this many cycles (reports the items lost). Default 64 per item + 1000, over (1 - bubbleRate)(1 - stallRate). */
  readonly maxCycles?: number;
  /** Keep every cycle's inputs (reset and drain included), e.g. to replay them on the RTL. */
  readonly record?: boolean;
  readonly sim?: CycleSimOptions;
}

export interface StreamMismatch {
  readonly index: number;
  readonly x: bigint;
  readonly expectedY: bigint;
  readonly gotY: bigint;
  readonly expectedDy?: bigint;
  readonly gotDy?: bigint;
  /** `x=HEX expected y=HEX got y=HEX ...`, in the port formats. */
  readonly text: string;
}

export interface StreamReport {
  readonly seed: number;
  readonly items: number;
  readonly delivered: number;
  /** Cycles from the first after reset to the one delivering the last item. */
  readonly cycles: number;
  readonly y: readonly bigint[];
  readonly dy?: readonly bigint[];
  /** Edges from the one accepting an item (in_valid && in_ready) to the one delivering it (out_valid && out_ready). */
  readonly latency: { readonly min: number; readonly max: number; readonly mean: number };
  /**
   * Fewest cycles between two items accepted by the same lane (1: a new item every cycle, fully
   * pipelined; an iterative core: its steps). Items go to lanes round-robin, so with L lanes this is
   * the gap from item k to item k + L; the schedule's initiation interval means the same.
   */
  readonly initiationInterval: number;
  /** Fewest cycles between two items accepted at the port (any lanes). */
  readonly minAcceptGap: number;
  /** Items delivered per cycle. */
  readonly throughput: number;
  /** Cycles with out_valid && !out_ready. */
  readonly stallCycles: number;
  /** Cycles in which the producer, with items left, offered none. */
  readonly bubbleCycles: number;
  /** Fraction of stage-cycles holding a valid item (a combinational core: of cycles passing one). */
  readonly utilisation: number;
  /** Outputs that differ from the interpreter (the first 20), and how many in all. */
  readonly mismatches: readonly StreamMismatch[];
  readonly mismatchCount: number;
  /** Items never delivered, and outputs with no item behind them (duplicates). */
  readonly lost: number;
  readonly extra: number;
  readonly ok: boolean;
  readonly stimulus?: readonly CycleInputs[];
}

const MAX_MISMATCHES = 20;

function checkRate(name: string, p: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`${name} must be in [0, 1), got ${p}`);
  return Math.floor(p * 2 ** 32);
}

/** Runs `codes` (raw input values) through the core; see StreamOptions for the random traffic. */
export function runStream(dp: Datapath, sched: Schedule, codes: readonly bigint[], opts: StreamOptions = {}): StreamReport {
  const seed = opts.seed ?? 1;
  const rnd = mulberry32(seed);
  const bubble = checkRate('bubbleRate', opts.bubbleRate ?? 0.125);
  const stall = checkRate('stallRate', opts.stallRate ?? 0.25);
  const sim: CycleSim | IterativeSim = sched.iterative ? new IterativeSim(dp, sched, opts.sim?.vcd ? { vcd: opts.sim.vcd, ...(opts.sim.vcdPeriodNs !== undefined ? { vcdPeriodNs: opts.sim.vcdPeriodNs } : {}) } : {}) : new CycleSim(dp, sched, opts.sim);
  const N = sim.latency;
  const check = opts.check ?? true;
  // The cycles an item needs grow as 1 / (1 - rate) with the producer's bubbles and the
  // consumer's stalls: sparse traffic (bubbles 0.999) must not run out of cycles.
  const maxCycles = opts.maxCycles ?? Math.ceil((codes.length * 64 + 1000) / ((1 - (opts.bubbleRate ?? 0.125)) * (1 - (opts.stallRate ?? 0.25))));
  const stimulus: CycleInputs[] | undefined = opts.record ? [] : undefined;
  const clock = () => {
    stimulus?.push({ rst: sim.rst, in_valid: sim.in_valid, in_x: sim.in_x, out_ready: sim.out_ready, in_user: sim.in_user });
    sim.step();
  };
  const tagOf = (k: number) => sim.hasUser && k % 7 === 6;

  sim.set({ rst: true, in_valid: false, out_ready: true });
  for (let i = 0; i < (opts.resetCycles ?? 2); i++) clock();
  sim.rst = false;

  const items = codes.length;
  const accepted: number[] = [];
  const y: bigint[] = [];
  const dy: bigint[] = [];
  const mismatches: StreamMismatch[] = [];
  let mismatchCount = 0;
  let extra = 0;
  let offering = false;
  let stallCycles = 0;
  let bubbleCycles = 0;
  let occupied = 0;
  let latSum = 0;
  let latMin = Infinity;
  let latMax = 0;
  let minGap = Infinity;
  let minPortGap = Infinity;
  const lanes = sched.iterative?.lanes ?? 1;
  const first = sim.cycle;
  let cycles = 0;
  const deliver = () => {
    const k = y.length;
    if (k >= accepted.length) { extra++; return; }
    const lat = sim.cycle - accepted[k]!;
    latSum += lat;
    latMin = Math.min(latMin, lat);
    latMax = Math.max(latMax, lat);
    const gotY = sim.out_y;
    const gotDy = sim.out_dy;
    y.push(gotY);
    if (gotDy !== undefined) dy.push(gotDy);
    const tagBad = sim.hasUser && sim.out_user !== tagOf(k);
    if (!check && !tagBad) return;
    const ref = check ? interpret(dp, codes[k]!) : undefined;
    if (tagBad || (ref && (ref.y !== gotY || (gotDy !== undefined && ref.dy !== gotDy)))) {
      mismatchCount++;
      if (mismatches.length < MAX_MISMATCHES) mismatches.push(mismatch(dp, k, codes[k]!, ref?.y ?? gotY, gotY, ref?.dy, gotDy, tagBad));
    }
  };

  while (y.length < items && sim.cycle - first < maxCycles) {
    if (!offering && accepted.length < items && (bubble === 0 || rnd() >= bubble)) {
      offering = true;
      sim.in_x = codes[accepted.length]!;
      sim.in_user = tagOf(accepted.length);
    }
    if (!offering && accepted.length < items) bubbleCycles++;
    sim.in_valid = offering;
    sim.out_ready = !sim.readyValid || stall === 0 || rnd() >= stall;
    const outValid = sim.out_valid;
    const inReady = sim.in_ready;
    occupied += N > 0 ? sim.occupancy : offering && inReady ? 1 : 0;
    if (outValid && !sim.out_ready) stallCycles++;
    if (offering && inReady) {
      const c = sim.cycle;
      if (accepted.length > 0) minPortGap = Math.min(minPortGap, c - accepted[accepted.length - 1]!);
      if (accepted.length >= lanes) minGap = Math.min(minGap, c - accepted[accepted.length - lanes]!);
      accepted.push(c);
      offering = false;
    }
    if (outValid && sim.out_ready) deliver();
    cycles = sim.cycle - first + 1;
    clock();
  }
  // Drain: nothing more may come out.
  sim.set({ in_valid: false, out_ready: true });
  for (let i = 0; i < N + 2; i++) {
    if (sim.out_valid) deliver();
    clock();
  }
  const delivered = Math.min(y.length, items);
  const lost = items - delivered;
  return {
    seed, items, delivered, cycles, y, ...(sim.hasDy ? { dy } : {}),
    latency: { min: delivered ? latMin : NaN, max: delivered ? latMax : NaN, mean: delivered ? latSum / delivered : NaN },
    initiationInterval: Number.isFinite(minGap) ? minGap : sched.initiationInterval,
    minAcceptGap: Number.isFinite(minPortGap) ? minPortGap : sched.initiationInterval,
    throughput: cycles ? delivered / cycles : 0,
    stallCycles, bubbleCycles,
    utilisation: cycles ? occupied / (sim.capacity * cycles) : 0,
    mismatches, mismatchCount, lost, extra,
    ok: mismatchCount === 0 && lost === 0 && extra === 0,
    ...(stimulus ? { stimulus } : {}),
  };
}

function mismatch(dp: Datapath, index: number, x: bigint, expectedY: bigint, gotY: bigint, expectedDy: bigint | undefined, gotDy: bigint | undefined, tagBad: boolean): StreamMismatch {
  const s = dp.spec;
  let text = `item ${index}: x=${formatHex(x, s.input)} expected y=${formatHex(expectedY, s.output)} got y=${formatHex(gotY, s.output)}`;
  if (expectedDy !== undefined && gotDy !== undefined) text += ` expected dy=${formatHex(expectedDy, s.derivativeFormat)} got dy=${formatHex(gotDy, s.derivativeFormat)}`;
  if (tagBad) text += ' (user bit out of step)';
  return { index, x, expectedY, gotY, ...(expectedDy !== undefined ? { expectedDy } : {}), ...(gotDy !== undefined ? { gotDy } : {}), text };
}
