// The README's output blocks: each one is the stdout of a real `isrlu` command on the default spec,
// between `<!-- NAME:start -->` and `<!-- NAME:end -->` markers. scripts/readme-blocks.mts rewrites
// them (and `--check` compares, ignoring wall times); src/readme.test.ts reruns the fast ones.

import { spawnSync } from 'node:child_process';

export interface ReadmeBlock {
  readonly name: string;
  /** Arguments of `isrlu` (run through tsx on the sources, so no build is needed). */
  readonly args: readonly string[];
  /** Seconds or less on 2 cores: the default test suite reruns it. */
  readonly fast: boolean;
  /** What of stdout the README shows. */
  readonly keep?: (out: string) => string;
}

/** Wall times vary from run to run: compared as "N s". */
export const normaliseTimes = (s: string): string => s.replace(/\d+(\.\d+)? s\b/g, 'N s').replace(/\d+(\.\d+)?\s+s$/gm, 'N s');

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
];

/** Runs one block's command from the repository root and returns what the README shows. */
export function runBlock(b: ReadmeBlock, root: string): string {
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
