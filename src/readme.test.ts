// The README's spec reference is generated from the knob registry; this keeps the two in sync.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { knobsMarkdown } from './cli/render.js';
import { README_BLOCKS, blockText, normaliseTimes, runBlock } from './readme-blocks.js';

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
});
