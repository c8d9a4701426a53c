// Rewrites the README's spec reference from the knob registry (the readme test checks they match).
import { readFileSync, writeFileSync } from 'node:fs';
import { knobsMarkdown } from '../src/cli/render.js';

const readme = readFileSync('README.md', 'utf8');
const next = readme.replace(/(<!-- knobs:start[^>]*-->\n)[\s\S]*?(\n<!-- knobs:end -->)/, (_m, a: string, b: string) => `${a}${knobsMarkdown()}${b}`);
writeFileSync('README.md', next);
