// docs/qor.md cannot drift: every recorded row is still the core the generator chooses today (its
// design fingerprint), the Markdown is the rendering of the recorded JSON, and every row of the
// table is recorded. Default level: rows up to 12 input bits; TEST_LEVEL=full: every row.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { elaborate } from '../analysis/index.js';
import { TEST_LEVEL } from '../testing/configs.js';
import { QOR_JSON, QOR_MD, designFingerprint, qorRows, renderQor, type QorFile, type QorRecord } from './qor.js';

const file = JSON.parse(readFileSync(QOR_JSON, 'utf8')) as QorFile;
const rows = file.rows;
const bits = (r: QorRecord) => String(r.spec.input).slice(2).split('.').map(Number).reduce((a, b) => a + b, 1);
const MAX_BITS = TEST_LEVEL === 'full' ? 24 : 12;

describe('docs/qor.md', () => {
  it('records rows of the table only, every row up to 16 bits (both functions, every device and objective)', () => {
    const known = new Set(qorRows([8, 12, 16, 20, 24]).map((r) => r.key));
    for (const r of [...rows, ...(file.none ?? [])]) expect(known.has(r.key), r.key).toBe(true);
    const keys = new Set([...rows, ...(file.none ?? [])].map((r) => r.key));
    for (const r of qorRows([8, 12, 16])) expect(keys.has(r.key), `${r.key} not measured`).toBe(true);
    for (const r of rows) {
      expect(r.maxUlp, r.key).toBeLessThan(1);
      expect(r.lut + r.ff, r.key).toBeGreaterThan(0);
    }
  });

  it('is the rendering of docs/qor.json (npx tsx scripts/bench-qor.mts --render)', () => {
    expect(readFileSync(QOR_MD, 'utf8')).toBe(renderQor(rows, file.none));
  });

  it.each(rows.filter((r) => bits(r) <= MAX_BITS).map((r) => [r.key, r] as const))('%s: the generator still chooses the recorded core (else rerun npm run bench:qor)', (_k, r) => {
    expect(designFingerprint(elaborate(resolveSpec(r.spec)).datapath)).toBe(r.design);
  });
});
