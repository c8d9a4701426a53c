// `isrlu bench activations`: the yargs options and the handler, for src/cli/main.ts to wire in.
// Bad values end as a UserError (one line, exit 2), like every other command's flags.

import type { Argv } from 'yargs';
import { UserError } from '../common/index.js';
import { benchActivations, renderActivationBench, type ActivationBenchResult } from './bench.js';

/** Adds --elements, --repeats and --seed (the global --json picks the output). */
export function benchActivationsOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('elements', { type: 'number', describe: 'Float32 inputs per run [default: 1048576]' })
    .option('repeats', { type: 'number', describe: 'Timed runs per kernel; the median is reported [default: 9]' })
    .option('seed', { type: 'number', describe: 'Seed of the inputs [default: 1]' }) as Argv<T>;
}

function intArg(name: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new UserError(`${name}: must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
  return v;
}

/**
 * Runs the benchmark with the parsed flags and writes the table (or, with json, the result as
 * JSON) to stdout. Returns the result.
 */
export function benchActivationsCommand(
  args: { elements?: unknown; repeats?: unknown; seed?: unknown; json?: unknown },
  io: { readonly stdout: (text: string) => void },
): ActivationBenchResult {
  const elements = intArg('elements', args.elements, 1024, 2 ** 27);
  const repeats = intArg('repeats', args.repeats, 1, 1000);
  const seed = intArg('seed', args.seed, 0, 2 ** 32 - 1);
  const r = benchActivations({
    ...(elements !== undefined ? { elements } : {}),
    ...(repeats !== undefined ? { repeats } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  io.stdout(args.json ? `${JSON.stringify(r, null, 2)}\n` : renderActivationBench(r));
  return r;
}
