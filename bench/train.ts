// npm run bench (training part): MNIST training images per second on the tfjs wasm backend for the
// small and the paper net (float ReLU and ISRLU, and the bit-exact ISRLU of the default spec, fused
// kernel and tensor-op path), as medians of repeated short runs on a subset after one warm-up run.
// The cases of a net run interleaved (one run of each per round), so load drift hits them alike,
// and the bit-exact rate is reported as a ratio to the float ISRLU rate of the same run; the LSTM
// (hidden 64) compares ISRU gates, float and bit-exact 8-bit cores, with the logistic/tanh LSTM.
// BENCH_TRAIN_NETS=small,lstm runs only those groups.

import { initEngine, loadMnist, train, NET_LAYERS, type ActivationName, type GateName, type LookupPath, type NetName } from '../src/nn-harness/index.js';
import { resolveSpec } from '../src/spec/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reps = Number(process.env.BENCH_TRAIN_REPS ?? 3);
const backend = await initEngine();
const data = loadMnist({ trainSize: 2048, testSize: 100 });
console.log(`\nisrlu-codesign training benchmark (node ${process.version}, tfjs ${backend} backend, batch 64, medians of ${reps} interleaved runs after a warm-up)`);
console.log('net    activation         images/run  images/s  x reference (CNN: float isrlu; lstm: tanh+sigmoid)');
const rows: Record<string, unknown>[] = [];
interface Case { readonly activation: ActivationName; readonly gate?: GateName; readonly path?: LookupPath; readonly label: string }
const groups: [NetName, number, Case[]][] = [
  ['small', 2048, [
    { activation: 'relu', label: 'relu' }, { activation: 'isrlu', label: 'isrlu' },
    { activation: 'isrlu-q', path: 'fused', label: 'isrlu-q fused' }, { activation: 'isrlu-q', path: 'ops', label: 'isrlu-q ops' },
  ]],
  ['paper', 256, [{ activation: 'relu', label: 'relu' }, { activation: 'isrlu', label: 'isrlu' }, { activation: 'isrlu-q', path: 'fused', label: 'isrlu-q fused' }]],
  // LSTM, hidden 64, row-sequential: the gates' cost inside a training step (ratios to tanh+sigmoid).
  ['lstm', 512, [
    { activation: 'tanh', gate: 'sigmoid', label: 'tanh+sigmoid' }, { activation: 'isru', gate: 'isru-gate', label: 'isru+isru-gate' },
    { activation: 'isru-q', gate: 'isru-gate-q', label: 'isru-q+isru-gate-q' },
  ]],
];
const only = process.env.BENCH_TRAIN_NETS?.split(',');
const cores = { spec: resolveSpec({ function: 'isru', input: 'sQ3.4', output: 'sQ0.7' }), gateSpec: resolveSpec({ function: 'isru-gate', input: 'sQ3.4' }) };
for (const [net, n, cases] of groups) {
  if (only && !only.includes(net)) continue;
  const run = (c: Case) => train({
    net, activation: c.activation, ...(c.path ? { lookupPath: c.path } : {}), epochs: 1, trainSize: n, testSize: 100, seed: 1, data,
    ...(c.gate ? { gate: c.gate, hidden: 64, ...(c.gate === 'isru-gate-q' ? cores : {}) } : {}),
  });
  for (const c of cases) await run(c);
  const rates: number[][] = cases.map(() => []);
  for (let i = 0; i < reps; i++) for (const [k, c] of cases.entries()) rates[k]!.push((await run(c)).imagesPerSecond);
  const med = rates.map(median);
  // The reference: float ISRLU for the CNNs, tanh+sigmoid for the LSTM.
  const floatIsrlu = med[Math.max(0, cases.findIndex((c) => c.activation === 'isrlu'))]!;
  for (const [k, c] of cases.entries()) {
    const ratio = med[k]! / floatIsrlu;
    rows.push({ net, activation: c.activation, ...(c.gate ? { gate: c.gate } : {}), ...(c.path ? { path: c.path } : {}), images: n, imagesPerSecond: Math.round(med[k]!), vsReference: Number(ratio.toFixed(3)) });
    console.log(`${net.padEnd(6)} ${c.label.padEnd(18)} ${String(n).padStart(10)} ${med[k]!.toFixed(0).padStart(9)} ${ratio.toFixed(2).padStart(14)}`);
  }
}
console.log(`small = ${JSON.stringify(NET_LAYERS.small.map((l) => (l.kind === 'conv' ? `conv${l.k}x${l.k}x${l.out}` : `dense${l.out}`)))}; paper = ${JSON.stringify(NET_LAYERS.paper.map((l) => (l.kind === 'conv' ? `conv${l.k}x${l.k}x${l.out}` : `dense${l.out}`)))}`);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
