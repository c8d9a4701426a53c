// The AXI4-Stream wrapper's ports in a VCD (NAME_axis: aclk, aresetn, s_axis_*, m_axis_*), computed
// from the core's ports as the wrapper wires them (templates/axis.v.hbs): TDATA the input code
// zero-extended to whole bytes, the output sign-extended, TLAST the core's user bit, TUSER the
// derivative. The simulators dump these first, so a waveform of an axis core shows its real ports.

import { width } from '../fixedpoint/index.js';
import type { Spec } from '../spec/index.js';
import type { VcdSignal } from './vcd.js';

const bytes = (w: number) => Math.ceil(w / 8) * 8;

/** The core's port values of one sample (raw codes; booleans as 0n/1n). */
export interface CorePorts {
  readonly clk: bigint; readonly rst: boolean; readonly inValid: boolean; readonly inReady: boolean; readonly inX: bigint; readonly inUser: boolean;
  readonly outValid: boolean; readonly outReady: boolean; readonly outY: bigint; readonly outDy?: bigint; readonly outUser: boolean;
}

/** The wrapper's port signals (empty unless the spec's interface is axis). */
export function axisSignals(spec: Spec): VcdSignal[] {
  if (spec.interface !== 'axis') return [];
  return [
    { name: 'aclk', width: 1 }, { name: 'aresetn', width: 1 },
    { name: 's_axis_tdata', width: bytes(width(spec.input)) }, { name: 's_axis_tvalid', width: 1 }, { name: 's_axis_tready', width: 1 }, { name: 's_axis_tlast', width: 1 },
    { name: 'm_axis_tdata', width: bytes(width(spec.output)) }, { name: 'm_axis_tvalid', width: 1 }, { name: 'm_axis_tready', width: 1 }, { name: 'm_axis_tlast', width: 1 },
    ...(spec.derivative ? [{ name: 'm_axis_tuser', width: bytes(width(spec.derivativeFormat)) }] : []),
  ];
}

/** The wrapper's port values, in axisSignals' order. */
export function axisValues(spec: Spec, p: CorePorts): bigint[] {
  if (spec.interface !== 'axis') return [];
  const b = (v: boolean) => (v ? 1n : 0n);
  return [
    p.clk, b(!p.rst),
    BigInt.asUintN(width(spec.input), p.inX), b(p.inValid), b(p.inReady), b(p.inUser),
    // The VCD writer keeps the low bits of the raw value: a negative output comes out sign-extended.
    spec.output.signed ? p.outY : BigInt.asUintN(width(spec.output), p.outY), b(p.outValid), b(p.outReady), b(p.outUser),
    ...(spec.derivative ? [BigInt.asUintN(width(spec.derivativeFormat), p.outDy ?? 0n)] : []),
  ];
}

/** The VCD scope: the wrapper's module name for an axis core, else the core's. */
export const vcdScope = (spec: Spec): string => (spec.interface === 'axis' ? `${spec.name}_axis` : spec.name);
