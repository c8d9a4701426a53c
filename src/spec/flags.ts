// Spec knobs as command-line flags: one flag per knob of the registry (--function, --alpha,
// --output-rounding, ...), shared by every command that takes a spec.

import type { Argv } from 'yargs';
import { KNOBS } from '../spec/index.js';

/** The flag name of a knob key: outputRounding -> output-rounding. */
export const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z]+)/g, '$1-$2').toLowerCase();

/** Adds one string (or boolean) flag per spec knob, under the given help group. */
export function withKnobFlags<T>(y: Argv<T>, group: string): Argv<T> {
  for (const k of KNOBS) {
    y.option(kebab(k.key), {
      type: k.type === 'boolean' ? 'boolean' : 'string',
      describe: `${k.description}${k.choices ? ` One of: ${k.choices.join(', ')}.` : ''} [default: ${k.defaultText}]`,
      group,
    });
  }
  return y;
}

/** The knob values given as flags, keyed by knob name (absent flags left out). */
export function knobOverrides(args: Record<string, unknown>): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const k of KNOBS) if (args[kebab(k.key)] !== undefined) overrides[k.key] = args[kebab(k.key)];
  return overrides;
}
