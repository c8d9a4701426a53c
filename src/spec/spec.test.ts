// Spec validation: defaults, overrides, and one pinned message per kind of malformed input.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSpec, loadSpecFile, specToJson, DEFAULT_SPEC_JSON, SpecError, rsqrtParams } from './index.js';

describe('resolveSpec', () => {
  it('fills every default; {} is the built-in default spec', () => {
    expect(specToJson(resolveSpec({}))).toEqual(specToJson(resolveSpec(DEFAULT_SPEC_JSON)));
    const s = resolveSpec({});
    expect(s).toMatchObject({ name: 'isrlu_s3_12', function: 'isrlu', alpha: 1, accuracy: 'faithful', outputRounding: 'nearest-even', outputOverflow: 'saturate' });
    expect(s.output).toEqual(s.input);
    expect(s.custom).toBeUndefined();
  });

  it('derives custom defaults from the output format and lets overrides win', () => {
    const s = resolveSpec({ accuracy: 'custom', output: 'sQ1.10' }, { steps: '2', stepBits: '15,18' });
    expect(s.custom).toEqual({ method: 'newton', steps: 2, tableAddressBits: 6, tableDataBits: 10, stepBits: [15, 18], argFracBits: 14, mantissaBits: 14, alphaBits: 14 });
    expect(rsqrtParams(resolveSpec({ accuracy: 'custom', steps: 3, stepBits: 20 }).custom!).stepBits).toEqual([20, 20, 20]);
  });

  it('reads back its own JSON for every method, custom and faithful (the record in the Verilog header and report.json)', () => {
    const specs = [{}, { accuracy: 'faithful', objective: 'no-dsp', pipeline: ['p0'] }, { function: 'isru', derivative: true, accuracy: 'custom' },
      ...['newton', 'pwl', 'magic', 'direct', 'table', 'poly', 'multipartite'].map((method) => ({ function: 'isru', input: 'sQ3.8', accuracy: 'custom', method }))];
    for (const raw of specs) {
      const json = specToJson(resolveSpec(raw));
      expect(specToJson(resolveSpec(JSON.parse(JSON.stringify(json)))), JSON.stringify(raw)).toEqual(json);
    }
    // Before, every direct knob was written: a multipartite spec's record carried "degree".
    expect(specToJson(resolveSpec({ accuracy: 'custom', method: 'multipartite' }))).not.toHaveProperty('degree');
  });

  it('a flag may spell pipeline as a JSON list, like the spec file', () => {
    expect(resolveSpec({}, { pipeline: '[]' }).pipeline).toEqual([]);
    expect(resolveSpec({}, { pipeline: '["p0", "h0"]' }).pipeline).toEqual(['p0', 'h0']);
    expect(resolveSpec({}, { pipeline: 'p0,h0' }).pipeline).toEqual(['p0', 'h0']);
    expect(() => resolveSpec({}, { pipeline: '[p0' })).toThrow('pipeline: a list of cuts must be a JSON list of datapath node names or names separated by commas, got "[p0"');
  });

  const bad: [string, unknown, string][] = [
    ['unknown key', { alpah: 1 }, 'alpah: unknown spec field (did you mean "alpha"?); known fields: '],
    ['negative fraction bits', { input: 'sQ3.-2' }, 'input: "sQ3.-2" has negative fraction bits (-2)'],
    ['width over 64', { output: 'sQ40.30' }, 'output: "sQ40.30" is 71 bits wide; the limit is 64'],
    ['unsigned input', { input: 'uQ3.12' }, 'input: must be a signed format sQi.f (the functions take negative inputs), got "uQ3.12"'],
    ['signed gate output', { function: 'isru-gate', output: 'sQ0.8' }, 'output: must be an unsigned format uQi.f (isru-gate gives values in (0, 1)), got "sQ0.8" (did you mean "uQ0.8"?)'],
    ['unsigned isru output', { function: 'isru', output: 'uQ0.8' }, 'output: must be a signed format sQi.f (isru gives negative values), got "uQ0.8"'],
    ['rsqrt knob with a direct method', { accuracy: 'custom', method: 'poly', steps: 2 }, 'steps: applies to method "newton" or "pwl" or "magic" or "direct", got 2 with method "poly"'],
    ['fold neg for isru', { function: 'isru', accuracy: 'custom', method: 'table', fold: 'neg' }, 'fold: "neg" approximates only the negative half and needs a function that is x for x >= 0 (isrlu), got function "isru"'],
    ['iterative direct method', { accuracy: 'custom', method: 'poly', architecture: 'iterative', interface: 'ready-valid' }, 'architecture: "iterative" reuses one Newton-Raphson unit; method "poly" approximates the function itself and has none: use architecture "pipelined" or an rsqrt method, got method "poly"'],
    ['unknown method in the search list', { methods: ['poly', 'cordic'] }, 'methods: must be one of "newton", "pwl", "magic", "direct", "table", "poly", "multipartite", got "cordic"'],
    ['bad objective', { objective: 'speed' }, 'objective: must be one of "area", "no-dsp", "no-bram", "latency", got "speed"'],
    ['alpha zero', { alpha: 0 }, 'alpha: must be a positive finite number, got 0'],
    ['alpha negative', { alpha: -2 }, 'alpha: must be a positive finite number, got -2'],
    ['alpha NaN', { alpha: 'NaN' }, 'alpha: must be a positive finite number, got "NaN"'],
    ['alpha string', { alpha: 'one' }, 'alpha: must be a positive finite number, got "one"'],
    ['alpha null', { alpha: null }, 'alpha: must be a positive finite number, got null'],
    ['unknown function', { function: 'relu' }, 'function: must be one of "isru", "isrlu", "isru-gate", got "relu"'],
    ['name not an identifier', { name: 'my core' }, 'name: must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), got "my core"'],
    ['name a Verilog keyword', { name: 'module' }, 'name: must not be a Verilog keyword, got "module"'],
    ['name a number', { name: 7 }, 'name: must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), got 7'],
    ['custom knob with faithful', { steps: 2 }, 'steps: is set only with accuracy "custom" (faithful sizing chooses it), got 2 with accuracy "faithful"'],
    ['truncate with faithful', { outputRounding: 'truncate' }, 'outputRounding: accuracy "faithful" needs a round-to-nearest mode (a truncated result cannot be proven within 1 ulp), got "truncate"'],
    ['steps out of range', { accuracy: 'custom', steps: 9 }, 'steps: must be an integer from 0 to 4, got 9'],
    ['step widths miscounted', { accuracy: 'custom', steps: 2, stepBits: [10] }, 'stepBits: must list 2 widths (one per step), got 1'],
    ['direct too wide', { accuracy: 'custom', method: 'direct', input: 'sQ3.20' }, 'method: "direct" tabulates every input code and takes inputs up to 20 bits, got 24-bit input "sQ3.20"'],
    ['pipeline not a count or names', { pipeline: 'fast!' }, 'pipeline: a list of cuts must hold datapath node names, got "fast!"'],
    ['pipeline count out of range', { pipeline: 99 }, 'pipeline: must be an integer from 0 to 64, got 99'],
    ['pipeline cut list with a bad name', { pipeline: ['x_sq', '9lives'] }, 'pipeline: a list of cuts must hold datapath node names, got an array'],
    ['clock not positive', { clockMHz: -5 }, 'clockMHz: must be "auto" or a frequency in MHz from 0 to 2000, got -5'],
    ['unknown device', { device: 'ecp5' }, 'device: must be one of "ice40", "ice40-dsp", "xilinx", got "ecp5"'],
    ['unknown interface', { interface: 'wishbone' }, 'interface: must be one of "valid", "ready-valid", "axis", got "wishbone"'],
    ['not an object', [1, 2], 'spec: must be a JSON object, got an array'],
    ['a string', 'isrlu', 'spec: must be a JSON object, got "isrlu"'],
    ['block RAM in a combinational core', { romStyle: 'block', pipeline: 0 }, 'romStyle: "block" needs a registered table read and pipeline 0 is combinational: use pipeline "auto" or a stage count of at least 1, or romStyle "auto" or "logic"'],
    ['derivative format without integer bit', { derivative: true, derivativeFormat: 'uQ0.12' }, 'derivativeFormat: needs at least 1 integer bit to hold 1.0, got "uQ0.12"'],
  ];
  it.each(bad)('refuses %s with one line naming the field', (_what, raw, message) => {
    let err: unknown;
    try {
      resolveSpec(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    expect((err as Error).message.startsWith(message)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('loadSpecFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isrlu-spec-'));
  it('reads a valid file', () => {
    const p = join(dir, 'ok.json');
    writeFileSync(p, JSON.stringify({ function: 'isru', alpha: 3, input: 'sQ2.9' }));
    expect(loadSpecFile(p)).toMatchObject({ name: 'isru_s2_9', alpha: 3 });
  });
  it.each([
    ['missing file', 'nope.json', (p: string) => `spec: cannot read "${p}": no such file`],
    ['not JSON', 'bad.json', (p: string) => `spec: "${p}" is not valid JSON: `],
    ['a folder', 'adir', (p: string) => `spec: cannot read "${p}": is a directory`],
    ['JSON but not an object', 'num.json', () => 'spec: must be a JSON object, got 42'],
  ])('refuses a %s', (_w, name, msg) => {
    writeFileSync(join(dir, 'bad.json'), '{"function": "isru",');
    writeFileSync(join(dir, 'num.json'), '42');
    mkdirSync(join(dir, 'adir'), { recursive: true });
    const p = join(dir, name);
    expect(() => loadSpecFile(p)).toThrow(msg(p));
  });
});
