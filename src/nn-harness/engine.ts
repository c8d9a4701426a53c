// The training engine: TensorFlow.js on the WebAssembly backend (SIMD, one thread) with the gradient
// kernels of kernels.ts; the pure-JS cpu backend only when wasm cannot start (one warning line).

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { registerWasmKernels, type KernelChoice, ALL_KERNELS } from './kernels.js';

export type EngineBackend = 'wasm' | 'cpu';

let started: Promise<EngineBackend> | undefined;

export interface EngineOptions {
  /** Where the fallback warning goes [default: process.stderr]. */
  readonly warn?: (line: string) => void;
  /** Which extra kernels to register (benchmarks compare) [default: all]. */
  readonly kernels?: readonly KernelChoice[];
  /** Folder of the .wasm files [default: the installed @tensorflow/tfjs-backend-wasm/dist/]. */
  readonly wasmDir?: string;
}

/** Starts the engine once per process and returns the backend in use. */
export function initEngine(opts: EngineOptions = {}): Promise<EngineBackend> {
  started ??= start(opts);
  return started;
}

async function start(opts: EngineOptions): Promise<EngineBackend> {
  const warn = opts.warn ?? ((l: string) => process.stderr.write(`${l}\n`));
  let why = '';
  try {
    const require = createRequire(import.meta.url);
    setWasmPaths(opts.wasmDir ?? `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    // tfjs prints its own console.warn lines when a backend fails; we print one line instead.
    const saved = console.warn;
    console.warn = () => {};
    let ok = false;
    try {
      ok = await tf.setBackend('wasm');
    } finally {
      console.warn = saved;
    }
    if (ok) {
      registerWasmKernels(opts.kernels ?? ALL_KERNELS);
      return 'wasm';
    }
    why = 'setBackend failed';
  } catch (e) {
    why = (e as Error).message.split('\n')[0] ?? 'unknown error';
  }
  warn(`isrlu: warning: the wasm backend could not start (${why}); training on the slow cpu backend`);
  // The cpu backend greets Node users on its first tensor ("install tfjs-node"): keep to one line.
  const saved = console.warn;
  console.warn = () => {};
  try {
    await tf.setBackend('cpu');
    tf.tensor([0]).dispose();
  } finally {
    console.warn = saved;
  }
  return 'cpu';
}
