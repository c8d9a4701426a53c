// The engine falls back to the cpu backend with exactly one warning line when wasm cannot start
// (run in a child process: the backend is chosen once per process).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

describe('engine fallback', () => {
  it('warns once on stderr and trains on cpu when the wasm files are missing', () => {
    const d = mkdtempSync(join(tmpdir(), 'isrlu-engine-'));
    const engine = resolve(import.meta.dirname, 'engine.ts');
    const script = join(d, 'probe.mts');
    writeFileSync(script, [
      `import * as tf from '${resolve(import.meta.dirname, '../../node_modules/@tensorflow/tfjs/dist/tf.node.js')}';`,
      `import { initEngine } from '${engine}';`,
      `const b = await initEngine({ wasmDir: '${d}/no-such-folder/' });`,
      'const y = tf.add(tf.tensor([1, 2]), 1).dataSync();',
      'console.log(JSON.stringify({ b, backend: tf.getBackend(), y: Array.from(y) }));',
    ].join('\n'));
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const r = spawnSync(tsx, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(r.stdout.trim())).toEqual({ b: 'cpu', backend: 'cpu', y: [2, 3] });
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^isrlu: warning: the wasm backend could not start \(.+\); training on the slow cpu backend$/);
  });
});
