// The networks, as plain variables and a forward function (no layers API: seeded initializers
// we control, and the activation under study after every hidden layer); lstm and gru in rnn.ts.
//   small: conv 5x5x8 same, pool 2, conv 5x5x16 same, pool 2, dense 64, dense 10   (sweeps)
//   paper: conv 5x5x32 same, pool 2, conv 5x5x64 same, pool 2, dense 1024, dense 10

import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from './rng.js';
import type { Activation } from './activations.js';

import { NETS, CNN_NETS, RNN_NETS, DEFAULT_HIDDEN, isRecurrent, type NetName } from './names.js';
import { buildRecurrentNet } from './rnn.js';
export { NETS, CNN_NETS, RNN_NETS, isRecurrent, type NetName };
type CnnName = (typeof CNN_NETS)[number];

interface ConvSpec { readonly kind: 'conv'; readonly k: number; readonly out: number }
interface DenseSpec { readonly kind: 'dense'; readonly out: number }
type LayerSpec = ConvSpec | DenseSpec;

/** Layer lists; every conv is stride 1 'same' followed by the activation and a 2x2 max pool. */
export const NET_LAYERS: Readonly<Record<CnnName, readonly LayerSpec[]>> = {
  small: [{ kind: 'conv', k: 5, out: 8 }, { kind: 'conv', k: 5, out: 16 }, { kind: 'dense', out: 64 }, { kind: 'dense', out: 10 }],
  paper: [{ kind: 'conv', k: 5, out: 32 }, { kind: 'conv', k: 5, out: 64 }, { kind: 'dense', out: 1024 }, { kind: 'dense', out: 10 }],
};

export interface Net {
  readonly name: NetName;
  readonly variables: tf.Variable[];
  /** Logits [batch, 10] of images [batch, rows, cols, 1] in [0, 1]; `gate` is the recurrent nets' gate function. */
  forward(x: tf.Tensor4D, act: Activation, gate?: Activation): tf.Tensor2D;
  dispose(): void;
}

/** Glorot-uniform weights from the seeded generator (the Keras default), zero biases. */
function glorot(shape: number[], fanIn: number, fanOut: number, rng: Rng): tf.Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.variable(tf.tensor(Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * limit), shape));
}

/**
 * Builds a net with weights drawn from `seed` (same seed, same weights); `hidden` is the recurrent
 * nets' hidden size (rnn.ts), whose forward pass needs a gate function.
 */
export function buildNet(name: NetName, seed: number, rows = 28, cols = 28, classes = 10, hidden = DEFAULT_HIDDEN): Net {
  if (isRecurrent(name)) {
    const r = buildRecurrentNet(name, seed, hidden, rows, cols, classes);
    return {
      name, variables: r.variables, dispose: r.dispose,
      forward: (x, act, gate) => {
        if (!gate) throw new Error(`the ${name} net needs a gate function`);
        return r.forward(x, act, gate);
      },
    };
  }
  const rng = createRng(seed);
  const layers = NET_LAYERS[name];
  const vars: tf.Variable[] = [];
  let h = rows;
  let w = cols;
  let ch = 1;
  let flat = 0;
  const ops: ((x: tf.Tensor, act: Activation, last: boolean) => tf.Tensor)[] = [];
  for (const [i, l] of layers.entries()) {
    const out = i === layers.length - 1 ? classes : l.out;
    if (l.kind === 'conv') {
      const W = glorot([l.k, l.k, ch, out], l.k * l.k * ch, l.k * l.k * out, rng);
      const b = tf.variable(tf.zeros([out]));
      vars.push(W, b);
      ops.push((x, act) => tf.maxPool(act(tf.add(tf.conv2d(x as tf.Tensor4D, W as tf.Tensor4D, 1, 'same'), b)) as tf.Tensor4D, 2, 2, 'valid'));
      ch = out;
      h = Math.floor(h / 2);
      w = Math.floor(w / 2);
    } else {
      const fanIn = flat || h * w * ch;
      const W = glorot([fanIn, out], fanIn, out, rng);
      const b = tf.variable(tf.zeros([out]));
      vars.push(W, b);
      const needFlatten = flat === 0;
      ops.push((x, act, last) => {
        const x2 = needFlatten ? tf.reshape(x, [x.shape[0]!, fanIn]) : x;
        const z = tf.add(tf.matMul(x2 as tf.Tensor2D, W as tf.Tensor2D), b);
        return last ? z : act(z);
      });
      flat = out;
    }
  }
  return {
    name,
    variables: vars,
    forward: (x, act) => {
      let t: tf.Tensor = x;
      ops.forEach((op, i) => { t = op(t, act, i === ops.length - 1); });
      return t as tf.Tensor2D;
    },
    dispose: () => { for (const v of vars) v.dispose(); },
  };
}
