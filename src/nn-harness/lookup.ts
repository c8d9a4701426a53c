// The bit-exact activation inside the tfjs backend: no data leaves it per call. Forward: the extended
// index of every input (bit-exact.ts: the input code, or "saturated"/"wrapped"), then the output
// table at that index; backward: dy times the grad mode's table at the saved index. Two ways:
//   ops:   tensor ops only (mul by 2^F, clip, round, offset, cast, gather from table tensors): any backend
//   fused: one JavaScript kernel per direction over the wasm heap (as kernels.ts's MaxPoolGrad)
// Both give exactly lookupIndex + lookupTables (lookup.test.ts checks every code and the ties).

import * as tf from '@tensorflow/tfjs';
import { lookupIndex, lookupTables, type BitExactTable, type LookupTables } from './bit-exact.js';
import type { GradMode } from './names.js';

export type LookupPath = 'ops' | 'fused';

type Info = tf.TensorInfo;
interface HeapBackend {
  makeOutput(shape: number[], dtype: string): Info;
  typedArrayFromHeap(i: Info): Float32Array | Int32Array;
}

const FORWARD = 'IsrluBitExactForward';
const BACKWARD = 'IsrluBitExactBackward';
/** Tables the fused kernels read, by the id passed in the kernel attributes. */
const registry = new Map<number, LookupTables>();
const ids = new WeakMap<LookupTables, number>();
let registered = false;

function registerFused(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: FORWARD, backendName: 'wasm',
    kernelFunc: (({ inputs, backend, attrs }: { inputs: { x: Info }; backend: HeapBackend; attrs: { id: number } }) => {
      const lt = registry.get(attrs.id)!;
      const yOut = backend.makeOutput(inputs.x.shape, 'float32');
      const eOut = backend.makeOutput(inputs.x.shape, 'int32');
      // Views after the allocations: they may grow (and so replace) the heap buffer.
      const x = backend.typedArrayFromHeap(inputs.x) as Float32Array;
      const e = backend.typedArrayFromHeap(eOut) as Int32Array;
      const y = backend.typedArrayFromHeap(yOut) as Float32Array;
      lookupIndex(lt.table, x, e);
      const ty = lt.y;
      for (let i = 0; i < e.length; i++) y[i] = ty[e[i]!]!;
      return [yOut, eOut];
    }) as unknown as tf.KernelFunc,
  });
  tf.registerKernel({
    kernelName: BACKWARD, backendName: 'wasm',
    kernelFunc: (({ inputs, backend, attrs }: { inputs: { dy: Info; e: Info }; backend: HeapBackend; attrs: { id: number } }) => {
      const lt = registry.get(attrs.id)!;
      const out = backend.makeOutput(inputs.dy.shape, 'float32');
      const dx = backend.typedArrayFromHeap(out) as Float32Array;
      const dy = backend.typedArrayFromHeap(inputs.dy) as Float32Array;
      const e = backend.typedArrayFromHeap(inputs.e) as Int32Array;
      const g = lt.g;
      for (let i = 0; i < e.length; i++) dx[i] = dy[i]! * g[e[i]!]!;
      return out;
    }) as unknown as tf.KernelFunc,
  });
}

function idOf(lt: LookupTables): number {
  let id = ids.get(lt);
  if (id === undefined) {
    id = registry.size + 1;
    ids.set(lt, id);
    registry.set(id, lt);
  }
  return id;
}

/** 1.5 * 2^23: float32 (c + M) - M rounds c to an integer, half to even, for |c| < 2^22. */
const ROUND_MAGIC = 12582912;

/**
 * The extended index by tensor ops, in float32 arithmetic (exact: scaling by 2^F is exact, every
 * compared or rounded value is an integer or a half below 2^24 where it matters).
 */
export function lookupIndexOps(t: BitExactTable, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { input, inputRounding, inputOverflow } = t.spec;
    const lo = t.minRaw;
    const hi = t.minRaw + t.size - 1;
    const n = t.size;
    const s = tf.mul(x, 2 ** input.frac);
    if (inputOverflow === 'saturate' && inputRounding === 'nearest-even') {
      // Clip first (an even shift of the grid keeps ties' parity): lo - 1 and hi + 1 mark "saturated".
      const c = tf.clipByValue(s, lo - 1, hi + 1);
      return tf.cast(tf.sub(tf.add(c, ROUND_MAGIC), ROUND_MAGIC + lo - 1), 'int32');
    }
    if (inputOverflow === 'saturate' && inputRounding === 'truncate') {
      return tf.cast(tf.sub(tf.floor(tf.clipByValue(s, lo - 1, hi + 1)), lo - 1), 'int32');
    }
    // General: quantizeRaw's arithmetic. Beyond 2^60 a float32 is a multiple of 2^37, so its wrapped
    // code is 0 as for infinities; clipping there changes nothing else.
    const sc = tf.clipByValue(s, -(2 ** 60), 2 ** 60);
    const f = tf.floor(sc);
    let code = f;
    if (inputRounding !== 'truncate') {
      const r = tf.sub(sc, f);
      const tieUp = inputRounding === 'nearest-even' ? tf.notEqual(tf.mod(f, 2), 0) : tf.greaterEqual(x, 0);
      const up = tf.logicalOr(tf.greater(r, 0.5), tf.logicalAnd(tf.equal(r, 0.5), tieUp));
      code = tf.add(f, tf.cast(up, 'float32'));
    }
    const inRange = tf.logicalAnd(tf.greaterEqual(code, lo), tf.lessEqual(code, hi));
    let e: tf.Tensor;
    if (inputOverflow === 'saturate') e = tf.sub(tf.clipByValue(code, lo - 1, hi + 1), lo - 1);
    else {
      const k = tf.mod(tf.sub(tf.mod(code, n), lo), n); // code - lo would round away lo for huge codes
      e = tf.where(inRange, tf.add(k, 1), tf.add(k, n + 2));
    }
    e = tf.where(tf.notEqual(x, x), tf.fill(x.shape, 2 * n + 2), e); // NaN
    return tf.cast(e, 'int32');
  });
}

interface TableTensors { y: tf.Tensor1D; g: tf.Tensor1D }
const tensorCache = new WeakMap<LookupTables, TableTensors>();

function tableTensors(lt: LookupTables): TableTensors {
  let tt = tensorCache.get(lt);
  if (!tt) {
    tt = { y: tf.keep(tf.tensor1d(lt.y)), g: tf.keep(tf.tensor1d(lt.g)) };
    tensorCache.set(lt, tt);
  }
  return tt;
}

type GradFn = Parameters<typeof tf.customGrad>[0];

/**
 * The bit-exact activation of a table as a tfjs function with its backward rule. `path` defaults
 * to fused on the wasm backend and ops elsewhere.
 */
export function bitExactActivation(t: BitExactTable, grad: GradMode, path?: LookupPath): (x: tf.Tensor) => tf.Tensor {
  const lt = lookupTables(t, grad);
  const usePath = (): LookupPath => path ?? (tf.getBackend() === 'wasm' ? 'fused' : 'ops');
  const f = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    if (usePath() === 'fused') {
      registerFused();
      const id = idOf(lt);
      const [y, e] = tf.engine().runKernel(FORWARD, { x: x.dtype === 'float32' ? x : tf.cast(x, 'float32') }, { id } as unknown as tf.NamedAttrMap) as tf.Tensor[];
      save([e!]);
      return {
        value: y!,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(BACKWARD, { dy, e: saved[0]! }, { id } as unknown as tf.NamedAttrMap) as tf.Tensor,
      };
    }
    const tt = tableTensors(lt);
    const e = lookupIndexOps(t, x);
    save([e]);
    const flat = tf.reshape(e, [-1]);
    return {
      value: tf.reshape(tf.gather(tt.y, flat), x.shape),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, tf.reshape(tf.gather(tt.g, tf.reshape(saved[0]!, [-1])), dy.shape)),
    };
  }) as unknown as GradFn);
  return (x) => f(x) as tf.Tensor;
}
