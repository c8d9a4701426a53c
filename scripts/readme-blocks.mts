// Rewrites the README's output blocks from real runs of `isrlu` on the default spec (npm run
// readme:update), or checks them (npm run readme:check: exit 1 naming the blocks that differ,
// wall times aside). The knob table is scripts/update-readme-knobs.mts's.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/common/index.js';
import { README_BLOCKS, blockText, normaliseTimes, runBlock, withBlock } from '../src/readme-blocks.js';

const check = process.argv.includes('--check');
const only = process.argv.filter((a) => !a.startsWith('--')).slice(2);
let readme = readFileSync('README.md', 'utf8');
const stale: string[] = [];
for (const b of README_BLOCKS) {
  if (only.length && !only.includes(b.name)) continue;
  const t0 = performance.now();
  const text = runBlock(b, process.cwd());
  const now = blockText(readme, b.name);
  if (now === undefined) throw new Error(`README lacks the ${b.name} markers`);
  if (normaliseTimes(now) !== normaliseTimes(text)) stale.push(b.name);
  if (!check) readme = withBlock(readme, b.name, text);
  console.log(`${b.name}: ${b.render ? 'rendered from recorded data' : `isrlu ${b.args.join(' ')}`} (${((performance.now() - t0) / 1000).toFixed(0)} s)${normaliseTimes(now) === normaliseTimes(text) ? ', unchanged' : ', changed'}`);
}
if (check) {
  if (stale.length) {
    console.error(`README blocks out of date: ${stale.join(', ')} (npm run readme:update)`);
    process.exit(1);
  }
  console.log('README blocks match real runs');
} else writeFileAtomic('README.md', readme);
