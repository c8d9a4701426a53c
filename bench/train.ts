// npm run bench (training part): MNIST training images per second on the tfjs wasm backend for the
// small and the paper net (float ReLU and ISRLU, and the bit-exact ISRLU of the default spec), as
// medians of repeated short runs on a subset after one warm-up run. One core per process.

import { initEngine, loadMnist, train, NET_LAYERS, type ActivationName, type NetName } from '../src/nn-harness/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reps = Number(process.env.BENCH_TRAIN_REPS ?? 3);
const backend = await initEngine();
const data = loadMnist({ trainSize: 2048, testSize: 100 });
console.log(`\nisrlu-codesign training benchmark (node ${process.version}, tfjs ${backend} backend, batch 64, medians of ${reps} runs after a warm-up)`);
console.log('net    activation  images/run  images/s');
const rows: Record<string, unknown>[] = [];
const cases: [NetName, ActivationName, number][] = [
  ['small', 'relu', 2048], ['small', 'isrlu', 2048], ['small', 'isrlu-q', 2048],
  ['paper', 'relu', 256], ['paper', 'isrlu-q', 256],
];
for (const [net, activation, n] of cases) {
  const run = () => train({ net, activation, epochs: 1, trainSize: n, testSize: 100, seed: 1, data });
  await run();
  const rates: number[] = [];
  for (let i = 0; i < reps; i++) rates.push((await run()).imagesPerSecond);
  const r = median(rates);
  rows.push({ net, activation, images: n, imagesPerSecond: Math.round(r) });
  console.log(`${net.padEnd(6)} ${activation.padEnd(11)} ${String(n).padStart(10)} ${r.toFixed(0).padStart(9)}`);
}
console.log(`small = ${JSON.stringify(NET_LAYERS.small.map((l) => (l.kind === 'conv' ? `conv${l.k}x${l.k}x${l.out}` : `dense${l.out}`)))}; paper = ${JSON.stringify(NET_LAYERS.paper.map((l) => (l.kind === 'conv' ? `conv${l.k}x${l.k}x${l.out}` : `dense${l.out}`)))}`);
if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
