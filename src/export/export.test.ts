// `isrlu export`: the C99 file compiled with the system's cc and the Python module run with python3
// give, on every input code, exactly the output codes of `isrlu eval` (the model behind the
// Verilog). Skipped, with the reason printed, where cc or python3 is missing.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/index.js';
import { formatHex, quantize, width, parseFormat } from '../fixedpoint/index.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += `${t}\n`; } });
  return { code, stdout, stderr };
}

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const HAS_CC = has('cc', ['--version']);
const HAS_PY = has('python3', ['--version']);
const HAS_NUMPY = HAS_PY && has('python3', ['-c', 'import numpy']);
if (!HAS_CC) console.log('export test: C part skipped: no cc on PATH');
if (!HAS_PY) console.log('export test: Python part skipped: no python3 on PATH');
if (HAS_PY && !HAS_NUMPY) console.log('export test: NAME_real skipped: python3 has no numpy');

const CASES = [
  { label: 'ISRLU sQ3.12 (the default spec)', json: { name: 'isrlu_s3_12', function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ3.12' } },
  { label: 'ISRU alpha 1.5 sQ2.11 -> sQ0.13', json: { name: 'isru_a15', function: 'isru', alpha: 1.5, input: 'sQ2.11', output: 'sQ0.13' } },
  // 8 bits, with the derivative and a wrapping, rounding-away input quantizer (NAME_real).
  { label: '8-bit ISRU sQ3.4 -> sQ1.6 with derivative', json: { name: 'isru_q8', function: 'isru', alpha: 1, input: 'sQ3.4', output: 'sQ1.6', derivative: true, inputOverflow: 'wrap', inputRounding: 'nearest-away' } },
] as const;

/** Every input code as a signed integer, in code order, and `isrlu eval`'s outputs for them (hex). */
async function evalAll(dir: string, specFile: string, input: string, derivative: boolean) {
  const f = parseFormat(input);
  const w = width(f);
  const xs = Array.from({ length: 2 ** w }, (_, c) => BigInt.asIntN(w, BigInt(c)));
  writeFileSync(join(dir, 'in.hex'), xs.map((x) => `${formatHex(x, f)}\n`).join(''));
  const r = await cli('eval', specFile, '--in', join(dir, 'in.hex'), '--out', join(dir, 'y.hex'), ...(derivative ? ['--dy-out', join(dir, 'dy.hex')] : []));
  expect(r.stderr).toBe('');
  return { xs, y: readFileSync(join(dir, 'y.hex'), 'utf8'), dy: derivative ? readFileSync(join(dir, 'dy.hex'), 'utf8') : '' };
}

describe('isrlu export', () => {
  it.each(CASES)('$label: C and Python equal isrlu eval on every input code', async ({ json }) => {
    const dir = mkdtempSync(join(tmpdir(), 'isrlu-export-'));
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(json));
    const derivative = 'derivative' in json;
    const name = json.name;
    const out = parseFormat(json.output);
    const e = await evalAll(dir, specFile, json.input, derivative);
    const inputs = `${e.xs.join('\n')}\n`;
    writeFileSync(join(dir, 'inputs.txt'), inputs);
    // Signed output codes back to the hex of `isrlu eval`.
    const hexOf = (text: string, f = out) => text.trim().split('\n').map((v) => `${formatHex(BigInt(v), f)}\n`).join('');

    expect((await cli('export', specFile, '--lang', 'c', '--out', join(dir, `${name}.c`))).code).toBe(0);
    expect((await cli('export', specFile, '--lang', 'python', '--out', join(dir, `${name}.py`))).code).toBe(0);
    const c = readFileSync(join(dir, `${name}.c`), 'utf8');
    const py = readFileSync(join(dir, `${name}.py`), 'utf8');
    for (const text of [c, py]) {
      expect(text).toContain(`"name":"${name}"`); // the spec
      expect(text).toMatch(/Error proof \(isrlu error\): every one of the \d+ input codes checked: max error/);
    }

    if (HAS_CC) {
      writeFileSync(join(dir, 'main.c'), [
        '#include <stdio.h>', '#include <stdint.h>',
        `int32_t ${name}(int32_t x);`, ...(derivative ? [`int32_t ${name}_dy(int32_t x);`] : []),
        'int main(void) { long x; while (scanf("%ld", &x) == 1) {',
        `  printf("%ld${derivative ? ' %ld' : ''}\\n", (long)${name}((int32_t)x)${derivative ? `, (long)${name}_dy((int32_t)x)` : ''}); } return 0; }`,
      ].join('\n'));
      const cc = spawnSync('cc', ['-std=c99', '-Wall', '-Wextra', '-pedantic', '-Werror', '-O1', '-o', join(dir, 'model'), join(dir, 'main.c'), join(dir, `${name}.c`)], { encoding: 'utf8' });
      expect(cc.stderr).toBe('');
      expect(cc.status).toBe(0);
      const run = spawnSync(join(dir, 'model'), [], { input: inputs, encoding: 'utf8', maxBuffer: 1 << 26 });
      const cols = run.stdout.trim().split('\n').map((l) => l.split(' '));
      expect(hexOf(cols.map((r) => r[0]).join('\n'))).toBe(e.y);
      if (derivative) expect(hexOf(cols.map((r) => r[1]).join('\n'), parseFormat('uQ1.7'))).toBe(e.dy);
    }

    if (HAS_PY) {
      const script = [
        'import sys', `sys.path.insert(0, ${JSON.stringify(dir)})`, `import ${name} as m`,
        'for line in sys.stdin:',
        '    x = int(line)',
        `    print(m.${name}(x)${derivative ? `, m.${name}_dy(x)` : ''})`,
      ].join('\n');
      const run = spawnSync('python3', ['-c', script], { input: inputs, encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(run.stderr).toBe('');
      const cols = run.stdout.trim().split('\n').map((l) => l.split(' '));
      expect(hexOf(cols.map((r) => r[0]).join('\n'))).toBe(e.y);
      if (derivative) expect(hexOf(cols.map((r) => r[1]).join('\n'), parseFormat('uQ1.7'))).toBe(e.dy);
    }

    if (HAS_NUMPY) {
      // NAME_real: reals quantized as the spec says (ties, out of range, infinities), then the table.
      const f = parseFormat(json.input);
      const ulp = 2 ** -f.frac;
      const reals = [0, ulp / 2, -ulp / 2, 1.5 * ulp, -1.5 * ulp, 0.3, -0.7, -2.4, 100, -100, 1e300, -1e300, Infinity, -Infinity, 3.99, -4.01, 7.5, -8.25];
      const rounding = ('inputRounding' in json ? json.inputRounding : 'nearest-even') as 'nearest-even' | 'nearest-away';
      const overflow = ('inputOverflow' in json ? json.inputOverflow : 'saturate') as 'wrap' | 'saturate';
      const lines = e.y.trim().split('\n');
      const expected = reals.map((a) => {
        const code = Number(BigInt.asUintN(width(f), quantize(a, f, rounding, overflow)));
        return Number(BigInt.asIntN(width(out), BigInt(`0x${lines[code]!}`))) * 2 ** -out.frac;
      });
      const script = [
        'import sys, json', `sys.path.insert(0, ${JSON.stringify(dir)})`, `import ${name} as m`, 'import numpy as np',
        `a = np.array([float(v) for v in ${JSON.stringify(reals.map(String))}])`,
        `print(json.dumps([float(v) for v in m.${name}_real(a)]))`,
      ].join('\n');
      const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(expected);
    }
  }, 120_000);

  it('writes the model to standard output with --out -', async () => {
    const r = await cli('export', '--input', 'sQ1.2', '--output', 'sQ1.2', '--lang', 'python', '--out', '-');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('def isrlu_s1_2(x: int) -> int:');
  });

  it.each([
    [['--lang', 'rust'], 'lang: must be one of c, python, got "rust"'],
    [['--lang', 'c', '--input', 'sQ3.16', '--output', 'sQ3.16'], 'input: export tabulates every input code and takes at most 16 input bits, got "sQ3.16" (20 bits)'],
  ])('refuses %j in one line, writing nothing', async (args, msg) => {
    const dir = mkdtempSync(join(tmpdir(), 'isrlu-export-'));
    const r = await cli('export', ...args, '--out', join(dir, 'm.c'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`isrlu: error: ${msg}\n`);
    expect(existsSync(join(dir, 'm.c'))).toBe(false);
  });
});
