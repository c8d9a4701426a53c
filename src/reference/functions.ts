// The activation functions the tool builds, each one record: its formula in float64 and at high
// precision, its derivative, its symmetry, where it is exactly the identity, and how the rsqrt
// route computes it (y = x * rsqrt(1 + s a x^2) * 2^k + c). Every back end that needs "the
// function" (reference, error analysis, tables, fitted approximations, reports) reads these.

import type { BigNumber, MathJsInstance } from 'mathjs';
import type { Format } from '../fixedpoint/index.js';

export type FunctionName = 'isru' | 'isrlu' | 'isru-gate';

export interface ActivationFunction {
  readonly name: FunctionName;
  /** The formula, for help texts and headers. */
  readonly formula: string;
  /** Whether outputs can be negative (the gate's range is (0, 1): an unsigned output format). */
  readonly signedOutput: boolean;
  /** f(x) and f'(x) in float64 (relative error a few 2^-53). */
  value(alpha: number, x: number): number;
  derivative(alpha: number, x: number): number;
  /** f(x) and f'(x) to the precision of the given mathjs BigNumber instance. */
  valueBig(m: MathJsInstance, alpha: BigNumber, x: BigNumber): BigNumber;
  derivativeBig(m: MathJsInstance, alpha: BigNumber, x: BigNumber): BigNumber;
  /** Where f is x itself (ISRLU for x >= 0): its values there are exact dyadic numbers. */
  readonly identityForNonNegative: boolean;
  /** f(-x) = 2c - f(x) for every x: point symmetry about (0, c) (c = 0: odd). Undefined: none. */
  readonly symmetryCenter?: number;
  /** The rsqrt route: f(x) = x * (1 + alphaScale * alpha * x^2)^-1/2 * 2^outShift + offset (x < 0 for ISRLU). */
  readonly rsqrt: { readonly alphaScale: number; readonly outShift: number; readonly offset: number };
  /** The output format a spec gets when it names none. */
  defaultOutput(input: Format): Format;
  /** Least and greatest f over [lo, hi] (f is monotone increasing). */
  range(alpha: number, lo: number, hi: number): [number, number];
}

const isru = (a: number, x: number) => x / Math.sqrt(1 + a * x * x);
const isruDeriv = (a: number, x: number) => {
  const t = 1 + a * x * x;
  return 1 / (t * Math.sqrt(t));
};
const isruBig = (m: MathJsInstance, a: BigNumber, x: BigNumber): BigNumber =>
  m.divide(x, m.sqrt(m.add(m.bignumber(1), m.multiply(a, m.multiply(x, x))) as BigNumber)) as BigNumber;
const isruDerivBig = (m: MathJsInstance, a: BigNumber, x: BigNumber): BigNumber => {
  const t = m.add(m.bignumber(1), m.multiply(a, m.multiply(x, x))) as BigNumber;
  return m.divide(m.bignumber(1), m.multiply(t, m.sqrt(t))) as BigNumber;
};
const monotone = (f: (a: number, x: number) => number) => (a: number, lo: number, hi: number): [number, number] => [f(a, lo), f(a, hi)];

const ISRU: ActivationFunction = {
  name: 'isru', formula: 'isru(x) = x / sqrt(1 + alpha x^2)', signedOutput: true,
  value: isru, derivative: isruDeriv, valueBig: isruBig, derivativeBig: isruDerivBig,
  identityForNonNegative: false, symmetryCenter: 0,
  rsqrt: { alphaScale: 1, outShift: 0, offset: 0 },
  defaultOutput: (input) => input,
  range: monotone(isru),
};

const ISRLU: ActivationFunction = {
  name: 'isrlu', formula: 'isrlu(x) = x for x >= 0, x / sqrt(1 + alpha x^2) otherwise', signedOutput: true,
  value: (a, x) => (x >= 0 ? x : isru(a, x)),
  derivative: (a, x) => (x >= 0 ? 1 : isruDeriv(a, x)),
  valueBig: (m, a, x) => (x.gte(0) ? x : isruBig(m, a, x)),
  derivativeBig: (m, a, x) => (x.gte(0) ? m.bignumber(1) : isruDerivBig(m, a, x)),
  identityForNonNegative: true,
  rsqrt: { alphaScale: 1, outShift: 0, offset: 0 },
  defaultOutput: (input) => input,
  range: (a, lo, hi) => [lo >= 0 ? lo : isru(a, lo), hi >= 0 ? hi : isru(a, hi)],
};

/** The sigmoid-shaped ISRU gate g(x) = (1 + isru(x / 2)) / 2: range (0, 1), slope 1/4 at 0. */
const gate = (a: number, x: number) => 0.5 + 0.5 * isru(a, x / 2);
const GATE: ActivationFunction = {
  name: 'isru-gate', formula: 'isru-gate(x) = (1 + isru(x / 2)) / 2 = 1/2 + x / (4 sqrt(1 + alpha x^2 / 4))', signedOutput: false,
  value: gate,
  derivative: (a, x) => 0.25 * isruDeriv(a / 4, x),
  valueBig: (m, a, x) => m.add(m.bignumber(0.5), m.multiply(m.bignumber(0.5), isruBig(m, a, m.divide(x, 2) as BigNumber))) as BigNumber,
  derivativeBig: (m, a, x) => m.multiply(m.bignumber(0.25), isruDerivBig(m, m.divide(a, 4) as BigNumber, x)) as BigNumber,
  identityForNonNegative: false, symmetryCenter: 0.5,
  rsqrt: { alphaScale: 0.25, outShift: -2, offset: 0.5 },
  defaultOutput: (input) => ({ signed: false, int: 0, frac: input.int + input.frac + (input.signed ? 1 : 0) }),
  range: monotone(gate),
};

export const FUNCTION_DEFS: Readonly<Record<FunctionName, ActivationFunction>> = { 'isru': ISRU, 'isrlu': ISRLU, 'isru-gate': GATE };
export const FUNCTION_NAMES: readonly FunctionName[] = ['isru', 'isrlu', 'isru-gate'];

/** The record of a function. */
export function fn(name: FunctionName): ActivationFunction {
  return FUNCTION_DEFS[name];
}
