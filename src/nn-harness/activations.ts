// Activations for the nets: float relu, elu, tanh, sigmoid, isrlu(alpha), isru(alpha), isru-gate(alpha)
// and the bit-exact isrlu-q / isru-q / isru-gate-q whose forward pass is the hardware model (bit-exact.ts) and whose backward pass
// is, selectably, clipped (float derivative inside the input range, zero where the input saturated:
// the default), the float derivative at the quantized input, or the hardware derivative output.

import * as tf from '@tensorflow/tfjs';
import { resolveSpec, type Spec } from '../spec/index.js';
import { UserError } from '../common/index.js';
import { bitExactTable } from './bit-exact.js';
import { bitExactActivation, type LookupPath } from './lookup.js';

import { FLOAT_ACTIVATIONS, BIT_EXACT_ACTIVATIONS, ACTIVATIONS, DEFAULT_GRAD, GRAD_MODES, type FloatActivation, type ActivationName, type GradMode } from './names.js';
export { FLOAT_ACTIVATIONS, BIT_EXACT_ACTIVATIONS, ACTIVATIONS, DEFAULT_GRAD, GRAD_MODES, type FloatActivation, type ActivationName, type GradMode };

export interface ActivationOptions {
  readonly name: ActivationName;
  /** alpha of float isrlu / isru [default 1; the spec's alpha for bit-exact ones]. */
  readonly alpha?: number;
  /** The hardware spec of a bit-exact activation [default: the built-in default with this function and alpha]. */
  readonly spec?: Spec;
  /** Backward pass of a bit-exact activation [default: clipped]. */
  readonly grad?: GradMode;
  /** How a bit-exact activation runs in the backend [default: fused on wasm, ops elsewhere]. */
  readonly path?: LookupPath;
}

export type Activation = (x: tf.Tensor) => tf.Tensor;
type GradFn = Parameters<typeof tf.customGrad>[0];

/** The spec a bit-exact activation runs: the given one, else the default with its function and alpha. */
export function activationSpec(o: ActivationOptions): Spec | undefined {
  if (!(BIT_EXACT_ACTIVATIONS as readonly string[]).includes(o.name)) return undefined;
  const fn = o.name === 'isru-q' ? 'isru' : o.name === 'isru-gate-q' ? 'isru-gate' : 'isrlu';
  if (o.spec) {
    if (o.spec.function !== fn) throw new UserError(`activation: "${o.name}" does not match the spec's function "${o.spec.function}"`);
    return o.spec;
  }
  return resolveSpec({ function: fn, alpha: o.alpha ?? 1 });
}

/** isrlu/isru in float: x * r with r = rsqrt(1 + a*t^2) (t = min(x, 0) for isrlu); derivative r^3. */
function floatInverseSqrtUnit(alpha: number, linearPositive: boolean): Activation {
  const f = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    const t = linearPositive ? tf.minimum(x, 0) : x;
    const r = tf.rsqrt(tf.add(1, tf.mul(alpha, tf.square(t))));
    save([r]);
    return { value: tf.mul(x, r), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.pow(saved[0]!, 3)) };
  }) as unknown as GradFn);
  return (x) => f(x) as tf.Tensor;
}

function bitExact(spec: Spec, grad: GradMode, path?: LookupPath): Activation {
  const table = bitExactTable(spec);
  if (grad === 'hardware' && !table.dHardware) throw new UserError('grad: "hardware" needs a spec with derivative: true');
  return bitExactActivation(table, grad, path);
}

/** The ISRU gate (1 + isru(x/2)) / 2 in float: 1/2 + (x/2) r / 2 with r = rsqrt(1 + a (x/2)^2); derivative r^3 / 4. */
function floatIsruGate(alpha: number): Activation {
  const f = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    const u = tf.mul(x, 0.5);
    const r = tf.rsqrt(tf.add(1, tf.mul(alpha, tf.square(u))));
    save([r]);
    return { value: tf.add(0.5, tf.mul(0.5, tf.mul(u, r))), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.mul(0.25, tf.pow(saved[0]!, 3))) };
  }) as unknown as GradFn);
  return (x) => f(x) as tf.Tensor;
}

/** Builds the activation function (for bit-exact ones this elaborates the spec once per process). */
export function makeActivation(o: ActivationOptions): Activation {
  const alpha = o.alpha ?? 1;
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new UserError(`alpha: must be a positive number, got ${String(o.alpha)}`);
  switch (o.name) {
    case 'relu': return (x) => tf.relu(x);
    case 'elu': return (x) => tf.elu(x);
    case 'tanh': return (x) => tf.tanh(x);
    case 'sigmoid': return (x) => tf.sigmoid(x);
    case 'isru-gate': return floatIsruGate(alpha);
    case 'isrlu': return floatInverseSqrtUnit(alpha, true);
    case 'isru': return floatInverseSqrtUnit(alpha, false);
    case 'isrlu-q':
    case 'isru-q':
    case 'isru-gate-q': return bitExact(activationSpec(o)!, o.grad ?? DEFAULT_GRAD, o.path);
    default: throw new UserError(`activation: must be one of ${ACTIVATIONS.join(', ')}, got "${String(o.name)}"`);
  }
}
