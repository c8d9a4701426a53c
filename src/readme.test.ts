// The README's spec reference is generated from the knob registry; this keeps the two in sync.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { knobsMarkdown } from './cli/render.js';
import { README_BLOCKS, blockText, normaliseTimes, runBlock } from './readme-blocks.js';
import { resolveSpec } from './spec/index.js';
import { buildDatapath } from './datapath/index.js';
import { scheduleDatapath } from './schedule/index.js';
import { generateVerilog } from './rtl-gen/index.js';

describe('README', () => {
  it('holds the spec reference exactly as `isrlu knobs` prints it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const m = /<!-- knobs:start[^>]*-->\n([\s\S]*?)\n<!-- knobs:end -->/.exec(readme);
    expect(m, 'README lacks the knobs markers').not.toBeNull();
    expect(m![1]).toBe(knobsMarkdown());
  });
  it('starts with a two-command quick start', () => {
    const readme = readFileSync('README.md', 'utf8');
    const qs = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)!;
    expect(qs[1]!.trim().split('\n')).toEqual(['bash scripts/setup.sh && npm ci && node bin/isrlu.js run', 'npm test']);
  });
  // The fast blocks rerun here; all of them (the run transcript, Yosys) with npm run readme:check.
  it.each(README_BLOCKS.filter((b) => b.fast).map((b) => [b.name, b] as const))('shows what `isrlu %s` prints today (npm run readme:update)', (_n, b) => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = blockText(readme, b.name);
    expect(shown, `README lacks the ${b.name} markers`).toBeDefined();
    expect(normaliseTimes(shown!)).toBe(normaliseTimes(runBlock(b, process.cwd())));
  });
  // Issue 12, item 10.
  it('says who the tool is for before anything else', () => {
    const first = readFileSync('README.md', 'utf8').split('\n\n')[1]!;
    expect(first).toMatch(/^For FPGA and ASIC designers who need an activation core/);
    expect(first).toContain('ML\nresearchers asking how many bits');
  });
  it('shows FuseSoC commands whose VLNV and targets are the generated .core\'s', () => {
    const readme = readFileSync('README.md', 'utf8');
    const spec = resolveSpec({ accuracy: 'custom', method: 'newton', steps: 1, tableAddressBits: 6, tableDataBits: 9 });
    const dp = buildDatapath(spec, spec.custom!);
    const core = generateVerilog(dp, scheduleDatapath(dp)).files[`${spec.name}.core`]!;
    const vlnv = /^name: (\S+):\S+$/m.exec(core)![1]!;
    expect(vlnv).toBe('isrlu-codesign:activation:isrlu_s3_12');
    for (const target of ['sim', 'lint']) {
      expect(core).toMatch(new RegExp(`^  ${target}:$`, 'm'));
      expect(readme).toContain(`fusesoc --cores-root out/${spec.name} run --target ${target} ${vlnv}`);
    }
  });
});
