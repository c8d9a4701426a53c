// The nn-harness commands of `isrlu`: train (with --check, the float-vs-bit-exact verdict) and
// sweep (with `sweep merge`). Thin: options are parsed and checked here, the work is the library's.

import type { Argv } from 'yargs';
import { loadSpecFile, resolveSpec, type Spec } from '../spec/index.js';
import { UserError, checkOutputDir, writeOutputDir } from '../common/index.js';
import { withKnobFlags, knobOverrides } from '../spec/flags.js';
// tfjs and the canvas load only when a command needs them (dynamic imports in the handlers), so
// the other isrlu commands start quickly and never install tfjs's process handlers.
import {
  ACTIVATIONS, BIT_EXACT_ACTIVATIONS, NETS, DEFAULT_SWEEP, SWEEP_GROUPS, DEFAULT_GRAD, GRAD_MODES,
  CELL_ACTIVATIONS, GATES, RNN_NETS, DEFAULT_HIDDEN, isRecurrent, type GateName,
  type ActivationName, type GradMode, type NetName, type SweepFunction, type SweepGroup, type SweepSettings,
} from './names.js';
import type { EpochResult, TrainProgress, TrainResult } from './train.js';
const trainModule = () => import('./train.js');
const sweepModule = () => import('./sweep.js');

export interface NnCliContext {
  readonly io: { readonly stdout: (text: string) => void; readonly stderr: (text: string) => void };
  readonly setExitCode: (code: number) => void;
  /** The real stderr stream when the CLI runs as a process (a progress bar needs a TTY). */
  readonly progressStream?: { isTTY?: boolean; write(s: string): unknown };
}

/** The spec from --spec and knob flags, or undefined when neither is given. */
function specOf(a: Record<string, unknown>, base: Record<string, unknown> = {}): Spec | undefined {
  const overrides = knobOverrides(a);
  const path = a.spec as string | undefined;
  if (path !== undefined) return loadSpecFile(path, overrides);
  return Object.keys(overrides).length ? resolveSpec(base, overrides) : undefined;
}

function int(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new UserError(`${name}: must be an integer from ${min} to ${max}, got ${String(v)}`);
  return v;
}

function oneOf<T extends string>(name: string, v: unknown, choices: readonly T[]): T {
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) throw new UserError(`${name}: must be one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

/** "4-16", "4,8,16" or a mix: sorted unique integers within [min, max]. */
export function parseIntList(name: string, text: unknown, min: number, max: number): number[] {
  const s = String(text);
  const out = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    const lo = m ? Number(m[1]) : NaN;
    const hi = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || lo > hi || lo < min || hi > max) throw new UserError(`${name}: must be integers from ${min} to ${max} like "4-16" or "4,8,12", got "${s}"`);
    for (let i = lo; i <= hi; i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

function parseWordList<T extends string>(name: string, text: unknown, choices: readonly T[]): T[] {
  const words = String(text).split(',').map((w) => w.trim()).filter(Boolean);
  if (!words.length) throw new UserError(`${name}: name at least one of ${choices.join(', ')}`);
  return [...new Set(words.map((w) => oneOf(name, w, choices)))];
}

const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
const n1 = (n: number, std: number) => (n > 1 ? ` ± ${(100 * std).toFixed(2)} (${n} seeds)` : '');

function epochLine(label: string, e: EpochResult, epochs: number): string {
  return `${label}epoch ${e.epoch}/${epochs}: train loss ${e.trainLoss.toFixed(4)} acc ${pct(e.trainAccuracy)}, test loss ${e.testLoss.toFixed(4)} acc ${pct(e.testAccuracy)}, ${e.imagesPerSecond.toFixed(0)} img/s, ${e.seconds.toFixed(1)} s`;
}

/** Progress: a bar on a TTY, one line per epoch otherwise; nothing with --json. */
function progressReporter(ctx: NnCliContext, json: boolean, label: string) {
  const tty = !json && ctx.progressStream?.isTTY === true ? ctx.progressStream : undefined;
  return {
    onProgress: tty ? (p: TrainProgress) => {
      const w = 24;
      const fill = Math.round((w * p.batch) / p.batches);
      tty.write(`\r${label}epoch ${p.epoch}/${p.epochs} [${'#'.repeat(fill)}${'.'.repeat(w - fill)}] loss ${p.loss.toFixed(4)} acc ${pct(p.accuracy)} ${p.imagesPerSecond.toFixed(0)} img/s  `);
    } : undefined,
    onEpoch: json ? undefined : (e: EpochResult, epochs: number) => {
      if (tty) tty.write('\r\x1b[2K');
      ctx.io.stderr(epochLine(label, e, epochs));
    },
  };
}

function trainText(r: TrainResult): string {
  const head = `${r.net} net${r.hidden !== undefined ? ` (hidden ${r.hidden}, gate ${r.gate}${r.gateSpec ? `: ${String(r.gateSpec.name)} ${String(r.gateSpec.input)} -> ${String(r.gateSpec.output)}` : ''})` : ''}, ${r.activation}${r.spec ? ` (${String(r.spec.name)}: ${String(r.spec.input)} -> ${String(r.spec.output)}, ${r.grad} gradient)` : r.activation.startsWith('isr') ? ` (alpha ${r.alpha})` : ''}, seed ${r.seed}, ${r.trainSize} training / ${r.testSize} test images, ${r.backend} backend`;
  const rows = r.epochs.map((e) => `  ${String(e.epoch).padStart(5)}  ${e.trainLoss.toFixed(4)}  ${pct(e.trainAccuracy).padStart(8)}  ${e.testLoss.toFixed(4)}  ${pct(e.testAccuracy).padStart(8)}  ${e.imagesPerSecond.toFixed(0).padStart(6)}`);
  return [head, '  epoch  train loss/acc      test loss/acc      img/s', ...rows, `test accuracy ${pct(r.testAccuracy)} after ${r.epochs.length} epoch(s), ${r.seconds.toFixed(1)} s`].join('\n') + '\n';
}

/** Adds `train` and `sweep` (with `sweep merge`) to the isrlu parser. */
export function registerNnCommands<T>(parser: Argv<T>, ctx: NnCliContext): Argv<T> {
  return parser
    .command('train', 'Train a CNN, LSTM or GRU on MNIST with float or bit-exact activations and gates (--check: float vs bit-exact verdict)', (y) =>
      withKnobFlags(y
        .group(['help'], 'Options:')
        .example('$0 train --activation isrlu --epochs 2', 'float ISRLU on full MNIST, two epochs')
        .example('$0 train --check --spec examples/isru_8bit_direct.json', 'the verdict: float against the bit-exact 8-bit unit')
        .example('$0 train --activation isru-q --input sQ2.5 --output sQ0.7 --train-size 12000', 'a bit-exact 8-bit ISRU from flags, on a slice')
        .option('activation', { type: 'string', describe: `One of ${ACTIVATIONS.join(', ')} [default: FUNCTION-q with --spec or spec flags, else isrlu]` })
        .option('spec', { type: 'string', describe: 'Spec file (JSON) of the bit-exact activation' })
        .option('grad', { type: 'string', default: DEFAULT_GRAD, describe: 'Backward pass of a bit-exact activation: clipped (derivative of the real function at the quantized input, zero where the input saturated outside the input format\'s range), float (that derivative everywhere, at the clipped code) or hardware (the spec\'s derivative output; needs derivative: true)' })
        .option('net', { type: 'string', default: 'small', describe: `Network: ${NETS.join(', ')} (lstm and gru read each image as 28 steps of 28 pixels; --activation is their cell activation, one of ${CELL_ACTIVATIONS.join(', ')})` })
        .option('gate', { type: 'string', describe: `lstm/gru gate function: ${GATES.join(', ')} [default: isru-gate-q with --gate-spec, else sigmoid]` })
        .option('gate-spec', { type: 'string', describe: 'lstm/gru: spec file (JSON) of the bit-exact gate core (function isru-gate)' })
        .option('hidden', { type: 'number', default: DEFAULT_HIDDEN, describe: 'lstm/gru hidden size' })
        .option('epochs', { type: 'number', default: 2 })
        .option('train-size', { type: 'number', default: 60000, describe: 'Train on the first N of the 60,000 training images' })
        .option('test-size', { type: 'number', default: 10000, describe: 'Test on the first N of the 10,000 test images' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed of the initial weights and the shuffling' })
        .option('batch-size', { type: 'number', default: 64 })
        .option('learning-rate', { type: 'number', default: 0.001, describe: 'Adam learning rate' })
        .option('profile', { type: 'string', describe: 'After training, profile the pre-activations of each layer on the test images (up to 1000) and write DIR/profile.json and DIR/preactivations.png (histograms; integer bits that hold 99.9 %)' })
        .option('check', { type: 'boolean', describe: 'Train twice (float, then bit-exact; same seed and data) and print the verdict as JSON; exit 1 when bit-exact loses more than --tolerance' })
        .option('tolerance', { type: 'number', default: 0.3, describe: 'With --check: allowed test-accuracy loss in percentage points' }), 'Spec fields of the bit-exact activation (override --spec):'),
    async (a) => {
      const json = Boolean(a.json);
      const net = oneOf<NetName>('net', a.net, NETS);
      const spec = specOf(a, isRecurrent(net) ? { function: 'isru' } : {});
      const grad = oneOf<GradMode>('grad', a.grad, GRAD_MODES);
      const recurrent = isRecurrent(net);
      const gateSpecPath = a.gateSpec as string | undefined;
      if (!recurrent && (a.gate !== undefined || gateSpecPath !== undefined)) throw new UserError(`gate: the ${net} net has no gates (--gate and --gate-spec are for ${RNN_NETS.join(' and ')})`);
      const gateSpec = gateSpecPath !== undefined ? loadSpecFile(gateSpecPath, {}) : undefined;
      if (gateSpec && gateSpec.function !== 'isru-gate') throw new UserError(`gate-spec: the gate core is function "isru-gate", got "${gateSpec.function}"`);
      const hidden = recurrent ? int('hidden', a.hidden, 1, 4096) : undefined;
      const common = {
        net, ...(hidden !== undefined ? { hidden } : {}), epochs: int('epochs', a.epochs, 1, 1000), trainSize: int('train-size', a.trainSize, 1, 60000), testSize: int('test-size', a.testSize, 1, 10000),
        seed: int('seed', a.seed, 0, 2 ** 32 - 1), batchSize: int('batch-size', a.batchSize, 1, 65536), learningRate: a.learningRate as number,
      };
      if (!(common.learningRate > 0)) throw new UserError(`learning-rate: must be a positive number, got ${String(a.learningRate)}`);
      const profileDir = a.profile as string | undefined;
      if (a.check && profileDir !== undefined) throw new UserError('profile: profile a single run (leave out --check)');
      if (profileDir !== undefined) checkOutputDir(profileDir, false);
      if (a.check) {
        const tolerance = a.tolerance as number;
        if (!(tolerance >= 0)) throw new UserError(`tolerance: must be a number of percentage points >= 0, got ${String(a.tolerance)}`);
        if (a.activation !== undefined) throw new UserError('activation: --check picks both activations from the spec (float FUNCTION and FUNCTION-q); leave --activation out');
        const s = spec ?? resolveSpec(recurrent ? { function: 'isru' } : {});
        if (a.gate !== undefined) throw new UserError('gate: --check picks the gates from the specs (float isru-gate, then the bit-exact gate core); leave --gate out');
        const pf = progressReporter(ctx, json, '[float] ');
        const pq = progressReporter(ctx, json, '[bit-exact] ');
        const { trainCheck } = await trainModule();
        const r = await trainCheck({ ...common, spec: s, grad, ...(gateSpec ? { gateSpec } : {}), tolerancePoints: tolerance, onProgress: (phase, p) => (phase === 'float' ? pf : pq).onProgress?.(p), onEpoch: (phase, e, n) => (phase === 'float' ? pf : pq).onEpoch?.(e, n) });
        if (!r.pass) ctx.setExitCode(1);
        ctx.io.stdout(`${JSON.stringify(r, null, 2)}\n`);
        return;
      }
      const fnDefault = spec ? (`${spec.function}-q` as ActivationName) : recurrent ? 'tanh' : 'isrlu';
      const activation = a.activation === undefined ? fnDefault : oneOf<ActivationName>('activation', a.activation, recurrent ? CELL_ACTIVATIONS : ACTIVATIONS);
      const gate = recurrent ? (a.gate === undefined ? (gateSpec ? 'isru-gate-q' : 'sigmoid') : oneOf<GateName>('gate', a.gate, GATES)) : undefined;
      if (gateSpec && gate !== 'isru-gate-q') throw new UserError(`gate: --gate-spec describes the bit-exact gate (use isru-gate-q), got "${gate}"`);
      const bitExact = (BIT_EXACT_ACTIVATIONS as readonly string[]).includes(activation);
      if (spec && !bitExact) throw new UserError(`activation: "${activation}" is a float activation; --spec and spec flags describe a bit-exact one (use ${spec.function}-q)`);
      const alpha = a.alpha === undefined ? undefined : Number(a.alpha);
      if (alpha !== undefined && !(alpha > 0)) throw new UserError(`alpha: must be a positive number, got ${String(a.alpha)}`);
      const pr = progressReporter(ctx, json, '');
      const { train } = await trainModule();
      const r = await train({
        ...common, activation, grad, ...(spec ? { spec } : {}), ...(alpha !== undefined ? { alpha } : {}), ...(gate ? { gate } : {}), ...(gateSpec ? { gateSpec } : {}),
        ...(pr.onProgress ? { onProgress: pr.onProgress } : {}), ...(pr.onEpoch ? { onEpoch: pr.onEpoch } : {}),
        ...(profileDir !== undefined ? { profileImages: Math.min(1000, common.testSize) } : {}),
      });
      if (profileDir !== undefined && r.profile) {
        const [{ profileChart }, { renderChartPng }] = await Promise.all([import('./profile.js'), import('../charts/index.js')]);
        const title = `Pre-activations after training: ${r.net} net, ${r.activation}${r.gate ? ` + ${r.gate}` : ''}, seed ${r.seed}, ${Math.min(1000, r.testSize)} test images`;
        writeOutputDir(profileDir, {
          'profile.json': `${JSON.stringify({ tool: 'isrlu-codesign train --profile', net: r.net, activation: r.activation, ...(r.gate ? { gate: r.gate } : {}), seed: r.seed, epochs: r.epochs.length, trainSize: r.trainSize, images: Math.min(1000, r.testSize), layers: r.profile }, null, 2)}\n`,
          'preactivations.png': await renderChartPng(profileChart(r.profile, title)),
        }, false);
      }
      ctx.io.stdout(json ? `${JSON.stringify(r, null, 2)}\n` : trainText(r) + (r.profile ? `${r.profile.map((p) => `  ${p.layer}: |x| 99.9 % within ${p.absP999.toPrecision(3)} -> ${p.suggestedIntBits} integer bits; beyond 1, 2, 4: ${p.beyond.slice(0, 3).map((b) => `${(100 * b.fraction).toFixed(2)} %`).join(', ')}`).join('\n')}\nwrote profile.json, preactivations.png in ${profileDir}\n` : ''));
    })
    .command('sweep', 'Accuracy vs activation bit width (ISRLU, ISRU, float and ReLU baselines), seed-table size and Newton-Raphson steps; resumable, shardable', (y) =>
      y
        .example('$0 sweep --groups baseline,bits --functions isrlu --epochs 2 --out sweep/', 'how many bits ISRLU needs on full MNIST')
        .example('$0 sweep --shard 1/4 --out shard1/ && $0 sweep merge shard*/ --out sweep/', 'one slice of four, then the merge')
        .command('merge <dirs..>', 'Merge the results of sweep folders (e.g. shards) into --out, with JSON, CSV and PNG charts', (m) =>
          m.positional('dirs', { type: 'string', array: true, describe: 'Sweep folders' })
            .option('out', { type: 'string', demandOption: true, describe: 'Folder for the merged results' })
            .option('force', { type: 'boolean', describe: 'Write into a folder holding files isrlu did not write' }),
        async (a) => {
          const { mergeSweeps } = await sweepModule();
          const r = await mergeSweeps(a.dirs as string[], a.out as string, Boolean(a.force));
          if (r.conflicts.length) {
            ctx.setExitCode(1);
            for (const c of r.conflicts.slice(0, 5)) ctx.io.stderr(`isrlu: conflict: point ${c.key} has different results in ${c.files.join(', ')} (kept the first)`);
          }
          ctx.io.stdout(a.json ? `${JSON.stringify(r, null, 2)}\n` : `merged ${r.points} points into ${r.outDir} (${r.duplicates} duplicates dropped, ${r.conflicts.length} conflicts): ${r.files.join(', ')}\n`);
        })
        .option('out', { type: 'string', default: 'out/sweep', describe: 'Folder for results.jsonl (appended point by point), results.json, results.csv and the charts' })
        .option('force', { type: 'boolean', describe: 'Write into a folder holding files isrlu did not write' })
        .option('net', { type: 'string', default: DEFAULT_SWEEP.net, describe: `Network: ${NETS.join(', ')} (lstm/gru: baselines tanh+sigmoid and isru+isru-gate, bits group with both bit-exact cores)` })
        .option('hidden', { type: 'number', default: DEFAULT_HIDDEN, describe: 'lstm/gru hidden size' })
        .option('epochs', { type: 'number', default: DEFAULT_SWEEP.epochs })
        .option('train-size', { type: 'number', default: DEFAULT_SWEEP.trainSize })
        .option('test-size', { type: 'number', default: DEFAULT_SWEEP.testSize })
        .option('batch-size', { type: 'number', default: DEFAULT_SWEEP.batchSize })
        .option('alpha', { type: 'number', default: DEFAULT_SWEEP.alpha, describe: 'alpha of ISRLU and ISRU' })
        .option('grad', { type: 'string', default: DEFAULT_SWEEP.grad, describe: 'Backward pass of the bit-exact activations: clipped or float' })
        .option('seeds', { type: 'string', default: '1-3', describe: 'Seeds, e.g. "1-3" or "1,7" (the summary gives mean, spread, min and max over them)' })
        .option('groups', { type: 'string', describe: `Which sweeps: ${SWEEP_GROUPS.join(', ')} [default: all; lstm/gru: baseline,bits]` })
        .option('functions', { type: 'string', describe: 'isrlu, isru [default: both; lstm/gru: isru]' })
        .option('widths', { type: 'string', default: '4-16', describe: 'Input/output widths of the bits sweep' })
        .option('int-bits', { type: 'string', default: (DEFAULT_SWEEP.intBits ?? []).join(','), describe: 'Integer bits of the input format tried at each width (sQi.f, f = width - 1 - i; the best split is reported); "rule" for one split per width by the range rule' })
        .option('table-bits', { type: 'string', default: DEFAULT_SWEEP.tableBits.join(','), describe: 'tableAddressBits of the table sweep (custom sQ3.12, 1 step)' })
        .option('steps', { type: 'string', default: DEFAULT_SWEEP.steps.join(','), describe: 'Newton-Raphson steps of the steps sweep (custom sQ3.12, 3-bit table)' })
        .option('shard', { type: 'string', describe: 'Run only the points with index % n == i ("i/n"), e.g. from a Slurm array or a Kubernetes indexed Job' })
        .option('max-points', { type: 'number', describe: 'Stop after this many new points (resume later)' }),
    async (a) => {
      const json = Boolean(a.json);
      const sweepNet = oneOf<NetName>('net', a.net, NETS);
      const rnn = isRecurrent(sweepNet);
      const groups = a.groups === undefined ? (rnn ? ['baseline', 'bits'] as SweepGroup[] : [...SWEEP_GROUPS]) : parseWordList<SweepGroup>('groups', a.groups, SWEEP_GROUPS);
      const functions = a.functions === undefined ? (rnn ? ['isru'] as SweepFunction[] : [...DEFAULT_SWEEP.functions]) : parseWordList<SweepFunction>('functions', a.functions, ['isrlu', 'isru']);
      if (rnn && groups.some((g) => g === 'table' || g === 'steps')) throw new UserError(`groups: ${sweepNet} sweeps baseline and bits (table and steps are for the CNNs)`);
      if (rnn && functions.includes('isrlu')) throw new UserError(`functions: ${sweepNet} uses the tanh-like core, isru (with the isru-gate core)`);
      const settings: SweepSettings = {
        net: sweepNet, ...(rnn ? { hidden: int('hidden', a.hidden, 1, 4096) } : {}), epochs: int('epochs', a.epochs, 1, 1000),
        trainSize: int('train-size', a.trainSize, 1, 60000), testSize: int('test-size', a.testSize, 1, 10000),
        batchSize: int('batch-size', a.batchSize, 1, 65536), alpha: a.alpha as number, grad: oneOf<GradMode>('grad', a.grad, GRAD_MODES),
        seeds: parseIntList('seeds', a.seeds, 0, 2 ** 31), groups, functions,
        widths: parseIntList('widths', a.widths, 3, 20), intBits: String(a.intBits).trim() === 'rule' ? [] : parseIntList('int-bits', a.intBits, 0, 19), tableBits: parseIntList('table-bits', a.tableBits, 1, 16), steps: parseIntList('steps', a.steps, 0, 4),
      };
      if (!(settings.alpha > 0)) throw new UserError(`alpha: must be a positive number, got ${String(a.alpha)}`);
      if (settings.intBits?.length && settings.groups.includes('bits') && !settings.widths.some((w) => settings.intBits!.some((i) => w - 1 - i >= 0))) {
        throw new UserError(`int-bits: no split of ${settings.intBits.join(',')} integer bits fits the widths ${settings.widths.join(',')}`);
      }
      if (settings.grad === 'hardware') throw new UserError('grad: the sweep\'s specs have no derivative output; "hardware" is for isrlu train with a derivative: true spec');
      const { parseShard, runSweep, summarize } = await sweepModule();
      const shard = a.shard === undefined ? undefined : parseShard(a.shard as string);
      const maxPoints = a.maxPoints === undefined ? undefined : int('max-points', a.maxPoints, 0, 1e6);
      const r = await runSweep({
        outDir: a.out as string, settings, force: Boolean(a.force), ...(shard ? { shard } : {}), ...(maxPoints !== undefined ? { maxPoints } : {}),
        onPoint: json ? undefined : (p, done, total) => ctx.io.stderr(`[${done}/${total}] ${p.key}: ${p.error ? `error: ${p.error}` : `test accuracy ${pct(p.testAccuracy!)} (${p.seconds!.toFixed(1)} s)`}`),
      });
      const sum = summarize(settings, r.results);
      if (json) {
        ctx.io.stdout(`${JSON.stringify({ outDir: r.outDir, resultsFile: r.resultsFile, total: r.total, resumed: r.resumed, ran: r.ran, complete: r.complete, files: r.files, ...sum }, null, 2)}\n`);
        return;
      }
      const lines = [`${r.ran} points run, ${r.resumed} resumed, ${r.results.length}/${r.total} done; results in ${r.resultsFile}`];
      const sd = (v: number, n: number) => (n > 1 ? `±${(100 * v).toFixed(2)}` : '');
      for (const [k, v] of Object.entries(sum.baselineStats)) lines.push(`  baseline ${k.padEnd(6)} (float) ${pct(v.testAccuracy)}${n1(v.n, v.std)}`);
      for (const [group, g] of [['bits', sum.bits], ['table', sum.table], ['steps', sum.steps]] as const) {
        for (const [act, pts] of Object.entries(g)) lines.push(`  ${group.padEnd(5)} ${act.padEnd(8)} ${pts.map((p) => `${p.x}${p.intBits !== undefined ? `(i${p.intBits})` : ''}: ${(100 * p.testAccuracy).toFixed(2)}${sd(p.std, p.n)}`).join('  ')}`);
      }
      for (const ans of Object.values(sum.answer)) {
        lines.push(ans.best ? `  answer ${ans.series}: ${ans.width} bits (${ans.best.input}) within ${ans.tolerancePoints} points of ${ans.baseline}: ${pct(ans.best.testAccuracy)} vs ${pct(ans.baselineAccuracy)}, seeds ${ans.best.seeds.join(',')}`
          : `  answer ${ans.series}: no width within ${ans.tolerancePoints} points of ${ans.baseline}`);
      }
      if (r.files.length) lines.push(`wrote ${r.files.join(', ')} in ${r.outDir}`);
      else if (!r.complete) lines.push('not complete: run the same command again to resume');
      else lines.push('shard complete: combine the shards with `isrlu sweep merge DIR... --out DIR`');
      ctx.io.stdout(`${lines.join('\n')}\n`);
    });
}
