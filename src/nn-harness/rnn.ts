// The recurrent nets on row-sequential MNIST: each image is 28 steps of 28 pixels, one hand-written
// LSTM or GRU layer (hidden size H), then dense 10 on the last hidden state. Hand-written so that
// every weight comes from the seeded generator (Keras's initializers: Glorot-uniform input kernel,
// orthogonal recurrent kernel, zero biases, LSTM forget-gate bias 1) and so that the gate function
// and the cell (tanh-like) activation are chosen separately, float or bit-exact.
//   lstm: [i f o] = gate(x W + h U + b)[gates], g = act(...)[cell]; c = f c + i g; h = o act(c)
//   gru:  [z r] = gate(x W + h U + b), n = act(x Wn + (r h) Un + bn); h = (1 - z) n + z h

import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from './rng.js';
import type { Activation } from './activations.js';
import type { RnnName } from './names.js';

export interface RecurrentNet {
  readonly name: RnnName;
  readonly hidden: number;
  readonly variables: tf.Variable[];
  /** Logits [batch, classes] of images [batch, rows, cols, 1]: rows are the time steps. */
  forward(x: tf.Tensor4D, act: Activation, gate: Activation): tf.Tensor2D;
  dispose(): void;
}

function glorot(rows: number, cols: number, rng: Rng): tf.Variable {
  const limit = Math.sqrt(6 / (rows + cols));
  return tf.variable(tf.tensor2d(Float32Array.from({ length: rows * cols }, () => (2 * rng.next() - 1) * limit), [rows, cols]));
}

/**
 * An orthogonal [rows, cols] matrix (rows <= cols: orthonormal rows) from seeded normals by
 * modified Gram-Schmidt, as Keras's Orthogonal initializer does by QR.
 */
export function orthogonal(rows: number, cols: number, rng: Rng): Float32Array {
  const v = Array.from({ length: rows }, () => Float64Array.from({ length: cols }, () => rng.normal()));
  for (let i = 0; i < rows; i++) {
    const a = v[i]!;
    for (let j = 0; j < i; j++) {
      const b = v[j]!;
      let d = 0;
      for (let k = 0; k < cols; k++) d += a[k]! * b[k]!;
      for (let k = 0; k < cols; k++) a[k] = a[k]! - d * b[k]!;
    }
    let n = 0;
    for (let k = 0; k < cols; k++) n += a[k]! * a[k]!;
    n = Math.sqrt(n);
    for (let k = 0; k < cols; k++) a[k] = a[k]! / n;
  }
  const out = new Float32Array(rows * cols);
  v.forEach((r, i) => out.set(r, i * cols));
  return out;
}

/** Builds an LSTM or GRU net with weights drawn from `seed` (same seed, same weights). */
export function buildRecurrentNet(name: RnnName, seed: number, hidden: number, rows = 28, cols = 28, classes = 10): RecurrentNet {
  const rng = createRng(seed);
  const H = hidden;
  const parts = name === 'lstm' ? 4 : 3;
  const W = glorot(cols, parts * H, rng);
  const U = tf.variable(tf.tensor2d(orthogonal(H, parts * H, rng), [H, parts * H]));
  const bias = new Float32Array(parts * H);
  if (name === 'lstm') bias.fill(1, H, 2 * H); // forget gate (order i f o g)
  const b = tf.variable(tf.tensor1d(bias));
  const Wo = glorot(H, classes, rng);
  const bo = tf.variable(tf.zeros([classes]));
  const variables = [W, U, b, Wo, bo];
  const forward = (x: tf.Tensor4D, act: Activation, gate: Activation): tf.Tensor2D => {
    const batch = x.shape[0];
    // The input projection of every step at once: [batch * rows, cols] x [cols, parts H].
    const xw = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [batch * rows, cols]), W), b), [batch, rows, parts * H]);
    const steps = tf.unstack(xw, 1) as tf.Tensor2D[];
    let h: tf.Tensor2D = tf.zeros([batch, H]);
    let c: tf.Tensor2D = tf.zeros([batch, H]);
    for (const xt of steps) {
      if (name === 'lstm') {
        const z = tf.add(xt, tf.matMul(h, U));
        const g3 = gate(tf.slice(z, [0, 0], [batch, 3 * H]));
        const i = tf.slice(g3, [0, 0], [batch, H]);
        const f = tf.slice(g3, [0, H], [batch, H]);
        const o = tf.slice(g3, [0, 2 * H], [batch, H]);
        const g = act(tf.slice(z, [0, 3 * H], [batch, H]));
        c = tf.add(tf.mul(f, c), tf.mul(i, g));
        h = tf.mul(o, act(c));
      } else {
        const hu = tf.matMul(h, tf.slice(U, [0, 0], [H, 2 * H]));
        const zr = gate(tf.add(tf.slice(xt, [0, 0], [batch, 2 * H]), hu));
        const z = tf.slice(zr, [0, 0], [batch, H]);
        const r = tf.slice(zr, [0, H], [batch, H]);
        const n = act(tf.add(tf.slice(xt, [0, 2 * H], [batch, H]), tf.matMul(tf.mul(r, h), tf.slice(U, [0, 2 * H], [H, H]))));
        h = tf.add(n, tf.mul(z, tf.sub(h, n))); // (1 - z) n + z h
      }
    }
    return tf.add(tf.matMul(h, Wo), bo);
  };
  return { name, hidden: H, variables, forward, dispose: () => { for (const v of variables) v.dispose(); } };
}
