// The README's output blocks: each one is the stdout of a real `isrlu` command on the default spec,
// between `<!-- NAME:start -->` and `<!-- NAME:end -->` markers. scripts/readme-blocks.mts rewrites
// them (and `--check` compares, ignoring wall times); src/readme.test.ts reruns the fast ones.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize, summaryMarkdown } from './nn-harness/sweep-summary.js';
import { readResults, SETTINGS_FILE } from './nn-harness/sweep.js';
import type { SweepSettings } from './nn-harness/names.js';
import { fitErrors, fitSamples, formatFitErrors, readCalibration, readQorRecords } from './calibration/fit.js';
import { calibrationPath } from './calibration/index.js';
import { FACTORS } from './area/index.js';

export interface ReadmeBlock {
  readonly name: string;
  /** Arguments of `isrlu` (run through tsx on the sources, so no build is needed). */
  readonly args: readonly string[];
  /** Instead of a run: the text rendered from files the repository records (a training sweep). */
  readonly render?: (root: string) => string;
  /** Seconds or less on 2 cores: the default test suite reruns it. */
  readonly fast: boolean;
  /** What of stdout the README shows. */
  readonly keep?: (out: string) => string;
}

/** Wall times vary from run to run: compared as "N s" (with the padding of a table column, which widens at 10 s). */
export const normaliseTimes = (s: string): string => s.replace(/ *\d+(\.\d+)? s\b/g, ' N s').replace(/ *\d+(\.\d+)?\s+s$/gm, ' N s');

export const README_BLOCKS: readonly ReadmeBlock[] = [
  {
    name: 'error-output', args: ['error'], fast: true,
    // The statistics and the first worst input.
    keep: (out) => {
      const lines = out.trimEnd().split('\n');
      const w = lines.findIndex((l) => l.includes('worst inputs'));
      return [...lines.slice(0, w + 2), '    ...'].join('\n');
    },
  },
  { name: 'report-output', args: ['report', '--layer', '28x28x32', '--kernel', '5', '--in-channels', '1', '--macs', '64'], fast: true },
  { name: 'synth-output', args: ['synth', '--target', 'all'], fast: false },
  // Into out/ (ignored by git), over an earlier run of this script.
  { name: 'run-output', args: ['run', '--force'], fast: false },
  // The area model against every recorded Yosys run, in-sample and held out (src/calibration/fit.ts).
  { name: 'area-model', args: [], fast: true, render: () => formatFitErrors(fitErrors(fitSamples(readCalibration(calibrationPath()), readQorRecords()), FACTORS)) },
  // The bits answer on full MNIST: hours of training, recorded in docs/results by the command the
  // README gives; the block is the sweep's own summary of the recorded points.
  { name: 'bits-full-mnist', args: [], fast: true, render: (root) => sweepAnswer(join(root, 'docs/results/cnn-bits-full-2ep')) },
  // The paper's RNN claim on full MNIST: an LSTM (hidden 128) with logistic/tanh, ISRU in float and
  // the 8-bit bit-exact cores; recorded like the CNN sweep.
  { name: 'lstm-full-mnist', args: [], fast: true, render: (root) => sweepAnswer(join(root, 'docs/results/lstm-h128-60k-1ep')) },
];

/** The answer and tables of a recorded sweep folder (results.jsonl and sweep.json), as report.md has them. */
export function sweepAnswer(dir: string): string {
  const settings = JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')) as SweepSettings;
  const md = summaryMarkdown(summarize(settings, readResults(join(dir, 'results.jsonl')).results));
  return md.slice(md.indexOf('\n') + 1).trim();
}

/** Runs one block's command from the repository root and returns what the README shows. */
export function runBlock(b: ReadmeBlock, root: string): string {
  if (b.render) return b.render(root);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...b.args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && b.name !== 'run-output') throw new Error(`isrlu ${b.args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const out = r.stdout.trimEnd();
  return b.keep ? b.keep(out) : out;
}

/** The text between a block's markers (without the code fence), or undefined. */
export function blockText(readme: string, name: string): string | undefined {
  const m = new RegExp(`<!-- ${name}:start -->\\n\`\`\`\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- ${name}:end -->`).exec(readme);
  return m?.[1];
}

/** The README with a block's text replaced (the markers must exist). */
export function withBlock(readme: string, name: string, text: string): string {
  const re = new RegExp(`(<!-- ${name}:start -->\\n\`\`\`\\n)[\\s\\S]*?(\\n\`\`\`\\n<!-- ${name}:end -->)`);
  if (!re.test(readme)) throw new Error(`README lacks the ${name} markers`);
  return readme.replace(re, (_m, a: string, b: string) => `${a}${text}${b}`);
}
