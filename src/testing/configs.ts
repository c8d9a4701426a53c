// The acceptance matrix shared by the tests: ISRU and ISRLU, alpha in {1, 3, 0.5, 2}, input
// formats from 8 to 20 bits. The default level stops at 16 bits (exhaustive proofs stay short);
// TEST_LEVEL=full goes to 20.

export const TEST_LEVEL = process.env.TEST_LEVEL === 'full' ? 'full' : 'default';
export const MAX_TEST_BITS = TEST_LEVEL === 'full' ? 20 : 16;

export interface SpecCase {
  readonly label: string;
  readonly json: Record<string, unknown>;
}

export const ALPHAS = [1, 3, 0.5, 2] as const;
export const FUNCTIONS = ['isru', 'isrlu'] as const;

/** Input formats by width: sQ3.(w-4), plus a few other splits of integer and fraction bits. */
export function inputFormats(maxBits = MAX_TEST_BITS): { input: string; output: string }[] {
  const out: { input: string; output: string }[] = [];
  for (let w = 8; w <= maxBits; w++) out.push({ input: `sQ3.${w - 4}`, output: `sQ3.${w - 4}` });
  const extra = [
    { input: 'sQ0.7', output: 'sQ0.7' }, // |x| < 1, narrow output
    { input: 'sQ5.6', output: 'sQ1.10' }, // wide range in, different output
    { input: 'sQ1.14', output: 'sQ1.14' },
    { input: 'sQ7.8', output: 'sQ2.13' },
    { input: 'sQ4.15', output: 'sQ4.15' }, // 20 bits
    { input: 'sQ2.17', output: 'sQ1.18' }, // 20 bits
  ];
  return [...out, ...extra.filter((f) => 1 + Number(f.input.slice(2).split('.')[0]) + Number(f.input.split('.')[1]) <= maxBits)];
}

/**
 * Faithful specs of the acceptance matrix up to `maxBits` input bits. TEST_LEVEL=full: every
 * function x alpha x format (and the gate); default: a Latin-square third of them, so that every
 * format meets at least two (function, alpha) pairs and every pair several formats, and the
 * faithful search (seconds per 16-bit spec) keeps the suite short.
 */
export function faithfulCases(maxBits = MAX_TEST_BITS, all = TEST_LEVEL === 'full'): SpecCase[] {
  const cases: SpecCase[] = [];
  let pair = 0;
  for (const fn of [...FUNCTIONS, 'isru-gate'] as const) {
    for (const alpha of ALPHAS) {
      inputFormats(maxBits).forEach((f, i) => {
        const json = fn === 'isru-gate' ? { function: fn, alpha, input: f.input } : { function: fn, alpha, ...f };
        if (all || (i + pair) % 3 === 0) cases.push({ label: `${fn} a=${alpha} ${f.input}->${fn === 'isru-gate' ? 'uQ0.W' : f.output}`, json });
      });
      pair++;
    }
  }
  return cases;
}
