// Command-line words before and around yargs: "-" for standard input and output, "did you mean"
// for mistyped commands, flags and targets, and the Yosys targets of `isrlu synth`.

import { UserError } from '../common/index.js';
import { nearestWord } from '../spec/index.js';
import type { TargetName } from '../targets/index.js';

/** What a lone "-" (standard input) becomes before yargs, which would read it as `true`. */
export const STDIN_ARG = '\u0000stdin';

/**
 * The Yosys targets of `isrlu synth --target T`: without --target, the spec's device; "ice40" is
 * the LUT-multiplier flow beside -dsp (as before), "all" every flow.
 */
export function synthTargets(target: string | undefined, device: TargetName): TargetName[] {
  if (target === undefined) return [device];
  const targets = ({ 'ice40-dsp': ['ice40-dsp'], ice40: ['ice40', 'ice40-dsp'], xilinx: ['xilinx'], all: ['ice40', 'ice40-dsp', 'xilinx'] } as Record<string, TargetName[]>)[target];
  if (!targets) throw new UserError(`target: must be one of ice40-dsp, ice40, xilinx, all, got "${target}"${suggest(target, ['ice40-dsp', 'ice40', 'xilinx', 'all'])}`);
  return targets;
}

/** The commands, for "did you mean" on a mistyped one. */
const COMMANDS = ['run', 'gen', 'synth', 'sim', 'report', 'eval', 'error', 'elaborate', 'export', 'spec', 'knobs', 'bench', 'train', 'sweep'];

/**
 * yargs's "Unknown argument(s): x, y" with a suggestion: a mistyped command (the first word) gets
 * the nearest command, a mistyped flag the nearest option of the command.
 */
export function withSuggestions(msg: string, argv: readonly string[], options: readonly string[]): string {
  const m = /^Unknown arguments?: (.*)$/.exec(msg);
  if (!m) return msg;
  const unknown = m[1]!.split(', ');
  const first = unknown[0]!;
  if (argv[0] === first && !COMMANDS.includes(first)) return `unknown command "${first}"${suggest(first, COMMANDS)}; commands: ${COMMANDS.join(', ')}`;
  const flags = options.filter((o) => o.length > 1 && !o.includes('_') && o !== '$0').map((o) => o.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase());
  const typed = argv.find((a) => a.startsWith('-') && a.replace(/^-+(no-)?/, '').split('=')[0] === first.replace(/^no-/, ''));
  if (typed === undefined) return `unexpected argument "${first}"${unknown.length > 1 ? ` (and ${unknown.slice(1).join(', ')})` : ''}: a command takes one spec file; see --help`;
  const near = nearestWord(first, [...new Set(flags)]);
  return `unknown option ${typed.split('=')[0]}${near ? ` (did you mean "--${near}"?)` : ''}${unknown.length > 1 ? ` (and ${unknown.slice(1).join(', ')})` : ''}; see --help`;
}

/** ` (did you mean "X"?)` for the candidate nearest to `word`, or nothing. */
export function suggest(word: string, candidates: readonly string[]): string {
  const near = nearestWord(word, candidates);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

/** The flags that name a file, and so take "-" for standard input or output. */
const FILE_FLAGS = new Set(['--out', '--in', '--dy-out', '--vcd']);

/** "--out -" as "--out=-" and a lone "-" (the spec from standard input) as STDIN_ARG: yargs reads "-" as no value. */
export function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (FILE_FLAGS.has(a) && argv[i + 1] === '-') {
      out.push(`${a}=-`);
      i++;
    } else out.push(a === '-' ? STDIN_ARG : a);
  }
  return out;
}
