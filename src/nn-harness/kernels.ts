// Gradient kernels for the tfjs wasm backend, built from the backend's own forward kernels:
// Conv2DBackpropFilter (missing there), and faster Conv2DBackpropInput, transposed BatchMatMul and
// MaxPoolGrad (plain JavaScript over the heap).
// Each equals the cpu backend's result up to float rounding (kernels.test.ts checks ~1e-5).

import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
type Attrs = Record<string, unknown>;
interface Backend { disposeData(dataId: object): unknown }
type Call = (name: string, inputs: Record<string, Info>, attrs?: Attrs) => Info;

const p4 = (v: unknown): [number, number] => (typeof v === 'number' ? [v, v] : (v as [number, number]));

function caller(backend: Backend, originals: Map<string, tf.KernelFunc>): Call {
  return (name, inputs, attrs = {}) => {
    const f = originals.get(name) ?? tf.getKernel(name, 'wasm')?.kernelFunc;
    if (!f) throw new Error(`wasm backend has no ${name} kernel`);
    return f({ inputs, backend, attrs } as unknown as Parameters<tf.KernelFunc>[0]) as Info;
  };
}

function convInfo(xShape: number[], filterShape: number[], attrs: Attrs) {
  const fmt = attrs.dataFormat as string | undefined;
  if (fmt !== undefined && fmt !== 'NHWC') throw new Error(`wasm conv gradients support dataFormat NHWC only, got ${fmt}`);
  const dil = attrs.dilations === undefined ? [1, 1] : p4(attrs.dilations);
  if (dil[0] !== 1 || dil[1] !== 1) return undefined;
  return tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number],
    p4(attrs.strides), 1, attrs.pad as 'same', attrs.dimRoundingMode as 'floor' | undefined, false, 'channelsLast');
}

/**
 * dW[kh,kw,ci,co] = sum over n,oh,ow of x[n, oh*s+kh-pt, ow*s+kw-pl, ci] * dy[n,oh,ow,co]: a Conv2D
 * of x^T [Cin,H,W,N] with dy^T [OH,OW,N,Cout] as the filter, dilated by the stride.
 */
function backpropFilter(call: Call, dispose: (i: Info) => void, x: Info, dy: Info, attrs: Attrs): Info {
  const filterShape = attrs.filterShape as number[];
  const info = convInfo(x.shape, filterShape, attrs);
  if (!info) throw new Error('Conv2DBackpropFilter: dilated convolutions are not supported on wasm');
  const { top, left } = info.padInfo;
  const [, H, W] = x.shape as [number, number, number, number];
  const [KH, KW] = filterShape as [number, number];
  let bottom = (info.outHeight - 1) * info.strideHeight + KH - H - top;
  let right = (info.outWidth - 1) * info.strideWidth + KW - W - left;
  const tmp: Info[] = [];
  let xT = call('Transpose', { x }, { perm: [3, 1, 2, 0] });
  tmp.push(xT);
  if (bottom < 0 || right < 0) {
    // Rows/columns past the last window's reach are unused: crop them instead of padding negatively.
    xT = call('Slice', { x: xT }, { begin: [0, 0, 0, 0], size: [xT.shape[0]!, H + Math.min(0, bottom), W + Math.min(0, right), xT.shape[3]!] });
    tmp.push(xT);
    bottom = Math.max(0, bottom);
    right = Math.max(0, right);
  }
  const dyT = call('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  tmp.push(dyT);
  const out = call('Conv2D', { x: xT, filter: dyT }, {
    strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dilations: [info.strideHeight, info.strideWidth], dataFormat: 'NHWC',
  });
  tmp.push(out);
  const res = call('Transpose', { x: out }, { perm: [1, 2, 0, 3] });
  for (const t of tmp) dispose(t);
  return res;
}

/** dx as a Conv2D of dy with the filter reversed in space and its channels swapped (stride 1). */
function backpropInput(call: Call, dispose: (i: Info) => void, dy: Info, filter: Info, attrs: Attrs, original: tf.KernelFunc, backend: Backend): Info {
  const inputShape = attrs.inputShape as number[];
  const info = convInfo(inputShape, filter.shape, attrs);
  const [KH, KW] = filter.shape as [number, number];
  const pt = info ? KH - 1 - info.padInfo.top : -1;
  const pl = info ? KW - 1 - info.padInfo.left : -1;
  const pb = info ? inputShape[1]! - info.outHeight + info.padInfo.top : -1;
  const pr = info ? inputShape[2]! - info.outWidth + info.padInfo.left : -1;
  if (!info || info.strideHeight !== 1 || info.strideWidth !== 1 || Math.min(pt, pl, pb, pr) < 0) {
    return original({ inputs: { dy, filter }, backend, attrs } as unknown as Parameters<tf.KernelFunc>[0]) as Info;
  }
  const rev = call('Reverse', { x: filter }, { dims: [0, 1] });
  const w = call('Transpose', { x: rev }, { perm: [0, 1, 3, 2] });
  const out = call('Conv2D', { x: dy, filter: w }, { strides: [1, 1], pad: [[0, 0], [pt, pb], [pl, pr], [0, 0]], dilations: [1, 1], dataFormat: 'NHWC' });
  dispose(rev);
  dispose(w);
  return out;
}

/** A transposed BatchMatMul as an explicit Transpose and a plain BatchMatMul. */
function batchMatMul(call: Call, dispose: (i: Info) => void, a: Info, b: Info, attrs: Attrs): Info {
  const swap = (t: Info) => {
    const r = t.shape.length;
    return call('Transpose', { x: t }, { perm: [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2] });
  };
  const ta = attrs.transposeA ? swap(a) : a;
  const tb = attrs.transposeB ? swap(b) : b;
  const out = call('BatchMatMul', { a: ta, b: tb }, { ...attrs, transposeA: false, transposeB: false });
  if (ta !== a) dispose(ta);
  if (tb !== b) dispose(tb);
  return out;
}

interface HeapBackend extends Backend {
  makeOutput(shape: number[], dtype: string): Info;
  typedArrayFromHeap(i: Info): Float32Array;
}

/**
 * MaxPoolGrad in JavaScript over the wasm heap (the shipped one took a quarter of a training step):
 * each window's gradient goes to its first maximum in scan order, as the cpu backend does.
 */
function maxPoolGrad(backend: HeapBackend, dy: Info, x: Info, attrs: Attrs): Info {
  const info = tf.backend_util.computePool2DInfo(x.shape as [number, number, number, number], attrs.filterSize as [number, number],
    attrs.strides as [number, number], 1, attrs.pad as 'valid', attrs.dimRoundingMode as 'floor' | undefined);
  const out = backend.makeOutput(x.shape, 'float32');
  // Views after the allocation: it may grow (and so replace) the heap buffer.
  const dx = backend.typedArrayFromHeap(out);
  const xs = backend.typedArrayFromHeap(x);
  const dys = backend.typedArrayFromHeap(dy);
  dx.fill(0);
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw } = info;
  const fh = info.effectiveFilterHeight;
  const fw = info.effectiveFilterWidth;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  for (let b = 0; b < batchSize; b++) {
    const xb = b * H * W * C;
    for (let r = 0; r < OH; r++) {
      const r0 = r * sh - pt;
      const rMin = Math.max(0, r0);
      const rMax = Math.min(H, r0 + fh);
      for (let c = 0; c < OW; c++) {
        const c0 = c * sw - pl;
        const cMin = Math.max(0, c0);
        const cMax = Math.min(W, c0 + fw);
        const o = ((b * OH + r) * OW + c) * C;
        for (let d = 0; d < C; d++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let xr = rMin; xr < rMax; xr++) {
            for (let xc = cMin; xc < cMax; xc++) {
              const k = xb + (xr * W + xc) * C + d;
              const v = xs[k]!;
              if (v > best) { best = v; at = k; }
            }
          }
          if (at >= 0) dx[at] = dx[at]! + dys[o + d]!;
        }
      }
    }
  }
  return out;
}

export type KernelChoice = 'conv2DBackpropFilter' | 'conv2DBackpropInput' | 'batchMatMul' | 'maxPoolGrad';
export const ALL_KERNELS: readonly KernelChoice[] = ['conv2DBackpropFilter', 'conv2DBackpropInput', 'batchMatMul', 'maxPoolGrad'];

/**
 * Registers the kernels on the 'wasm' backend (call after it is initialized). Replaced kernels
 * are unregistered first and their originals kept, so the plain case still runs them.
 */
export function registerWasmKernels(which: readonly KernelChoice[] = ALL_KERNELS): void {
  const originals = new Map<string, tf.KernelFunc>();
  for (const n of ['BatchMatMul', 'Conv2DBackpropInput']) {
    const k = tf.getKernel(n, 'wasm');
    if (k) originals.set(n, k.kernelFunc);
  }
  const setup = (name: string, f: (call: Call, dispose: (i: Info) => void, inputs: Record<string, Info>, attrs: Attrs, backend: Backend) => Info) => {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      kernelName: name, backendName: 'wasm',
      kernelFunc: ((args: { inputs: Record<string, Info>; backend: Backend; attrs: Attrs }) => {
        const call = caller(args.backend, originals);
        const dispose = (i: Info) => { args.backend.disposeData(i.dataId); };
        return f(call, dispose, args.inputs, args.attrs ?? {}, args.backend);
      }) as unknown as tf.KernelFunc,
    });
  };
  if (which.includes('conv2DBackpropFilter')) {
    setup('Conv2DBackpropFilter', (call, dispose, i, attrs) => backpropFilter(call, dispose, i.x!, i.dy!, attrs));
  }
  if (which.includes('conv2DBackpropInput') && originals.has('Conv2DBackpropInput')) {
    const orig = originals.get('Conv2DBackpropInput')!;
    setup('Conv2DBackpropInput', (call, dispose, i, attrs, backend) => backpropInput(call, dispose, i.dy!, i.filter!, attrs, orig, backend));
  }
  if (which.includes('maxPoolGrad')) {
    setup('MaxPoolGrad', (_call, _dispose, i, attrs, backend) => maxPoolGrad(backend as HeapBackend, i.dy!, i.input!, attrs));
  }
  if (which.includes('batchMatMul') && originals.has('BatchMatMul')) {
    const orig = originals.get('BatchMatMul')!;
    setup('BatchMatMul', (call, dispose, i, attrs, backend) => (attrs.transposeA || attrs.transposeB
      ? batchMatMul(call, dispose, i.a!, i.b!, attrs)
      : orig({ inputs: i, backend, attrs } as unknown as Parameters<tf.KernelFunc>[0]) as Info));
  }
}
