// The ISRLU paper's CPU claim re-measured: ReLU, ELU, tanh, sigmoid, ISRU and ISRLU (exact and fast
// inverse square root) over 2^20 float32 inputs, ns per element and ratios to ReLU and ELU.
// Usage: tsx bench/activations.ts [--elements N] [--repeats N] [--seed N] [--json]

import { benchActivationsCommand } from '../src/act-bench/index.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : undefined; };
benchActivationsCommand(
  { elements: arg('--elements'), repeats: arg('--repeats'), seed: arg('--seed'), json: process.argv.includes('--json') },
  { stdout: (t) => process.stdout.write(t) },
);
