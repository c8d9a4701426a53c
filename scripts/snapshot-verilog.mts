// Writes the generated Verilog (and every other file `isrlu gen` writes) of the examples, the
// co-simulation matrix and the calibration set into one folder, so a restructure can be checked
// byte for byte: `tsx scripts/snapshot-verilog.mts DIR`, then `diff -r` two such folders.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSpec } from '../src/spec/index.js';
import { elaborate } from '../src/analysis/index.js';
import { scheduleDatapath } from '../src/schedule/index.js';
import { generateVerilog } from '../src/rtl-gen/index.js';
import { estimateArea } from '../src/area/index.js';
import { HW_MATRIX } from '../hw-tests/matrix.js';
import { CALIBRATION_SET } from '../src/calibration/index.js';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx scripts/snapshot-verilog.mts DIR');
const specs: Record<string, unknown>[] = [
  ...readdirSync('examples').filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join('examples', f), 'utf8')) as Record<string, unknown>),
  ...HW_MATRIX,
  ...CALIBRATION_SET.map((c) => ({ name: `cal_${c.label}`, ...c.spec })),
];
for (const json of specs) {
  const spec = resolveSpec(json);
  const { datapath } = elaborate(spec);
  const sched = scheduleDatapath(datapath);
  const g = generateVerilog(datapath, sched);
  const dir = join(out, spec.name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(g.files)) writeFileSync(join(dir, f), text);
  const area = Object.fromEntries((['ice40', 'ice40-dsp', 'xilinx'] as const).map((t) => [t, estimateArea(datapath, sched, t)]));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ latency: sched.latency, stage: sched.stage, fmax: sched.fmaxMHz, area, params: datapath.params }, null, 1));
}
console.log(`${specs.length} cores written to ${out}`);
