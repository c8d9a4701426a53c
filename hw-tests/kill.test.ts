// Kill test of `isrlu gen` (issue 6, Hardening): the real CLI, run as a child process on a spec
// that writes about a megabyte, is killed with SIGKILL at seeded random moments and right as its
// staging folder appears. No visible file may ever be partial; the next run cleans up and succeeds.
// Also: --out refuses a folder holding a file isrlu did not write, unless --force.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = process.env.KILL_SEED !== undefined ? Number(process.env.KILL_SEED) : 20_250_612;
const SPEC = { name: 'kill_me', input: 'sQ5.10', accuracy: 'custom', method: 'direct', romStyle: 'readmemh', interface: 'axis' };
const MANIFEST = '.isrlu-manifest.json';
const STAGING = /^\.isrlu-staging-\d+$/;
/** writeFileAtomic's temporary name for the manifest (outdir.ts removes it as stale too). */
const MANIFEST_TMP = /^\.\.isrlu-manifest\.json\.tmp-\d+$/;

/** Seeded kill moments fall in [0, SPAN_MS): a child run takes about 4 to 12 s here (mostly start-up). */
const SPAN_MS = 8000;

const root = mkdtempSync(join(tmpdir(), 'isrlu-kill-'));
const specPath = join(root, 'kill_me.json');
writeFileSync(specPath, JSON.stringify(SPEC));

interface Run { code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number; stagingSeen: boolean }

/**
 * Runs `isrlu gen SPEC --out DIR` in a child process. `killAt` kills it with SIGKILL after that
 * many milliseconds, or ('staging') as soon as a staging folder appears in DIR.
 */
function gen(dir: string, killAt?: number | 'staging'): Promise<Run> {
  mkdirSync(dir, { recursive: true });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'gen', specPath, '--out', dir], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let stagingSeen = false;
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const kill = () => { child.kill('SIGKILL'); };
    const watcher = killAt === 'staging'
      ? watch(dir, (_e, f) => {
        if (f && STAGING.test(f)) { stagingSeen = true; kill(); }
      })
      : undefined;
    const timer = typeof killAt === 'number' ? setTimeout(kill, killAt) : undefined;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      watcher?.close();
      clearTimeout(timer);
      resolve({ code, signal, stderr, ms: performance.now() - t0, stagingSeen });
    });
  });
}

async function cli(...argv: string[]) {
  let stderr = '';
  const code = await runCli(argv, { stdout: () => {}, stderr: (t) => { stderr += t.endsWith('\n') ? t : `${t}\n`; } });
  return { code, stderr };
}

/** The visible files of a folder with their bytes. */
function visible(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).filter((f) => !f.startsWith('.')).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

/** Seeded moments (mulberry32) in [0, span) ms. */
function moments(seed: number, n: number, span: number): number[] {
  let a = seed >>> 0;
  return Array.from({ length: n }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * span);
  });
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('isrlu gen killed midway leaves no partial file', () => {
  it('SIGKILL at seeded moments and during the write phase; the next run recovers', async () => {
    // The reference: a complete run, in process (the child runs below must write the same bytes).
    const refDir = join(root, 'reference');
    const ref = await cli('gen', specPath, '--out', refDir);
    expect(ref.code, ref.stderr).toBe(0);
    const reference = visible(refDir);
    const refManifest = readFileSync(join(refDir, MANIFEST), 'utf8');
    expect([...reference.keys()]).toEqual((JSON.parse(refManifest) as { files: string[] }).files);
    expect(readdirSync(refDir).filter((f) => f.startsWith('.'))).toEqual([MANIFEST]);
    expect([...reference.values()].reduce((n, b) => n + b.length, 0), 'the spec writes large files').toBeGreaterThan(900_000);

    // Two chains, run side by side, each in one folder: a kill, the recovering rerun, a kill over
    // that complete run, its rerun. Kills at two seeded moments over the run and two as the
    // staging folder appears (once into an empty folder, once over an earlier run).
    const [m1, m2] = moments(SEED, 2, SPAN_MS);
    const chains: { label: string; killAt: number | 'staging' }[][] = [
      [{ label: `after ${m1} ms`, killAt: m1! }, { label: 'as the staging folder appears, over an earlier run', killAt: 'staging' }],
      [{ label: 'as the staging folder appears', killAt: 'staging' }, { label: `after ${m2} ms, over an earlier run`, killAt: m2! }],
    ];
    const log: string[] = [`seed ${SEED}`];
    let killedWriting = 0;
    // A kill as the staging folder appears lands in the write phase only if the folder watcher's
    // event arrives within the few milliseconds the writes take; on a loaded machine it can arrive
    // after the renames. Such a step is retried (a fresh run each time, every check repeated), up to
    // STAGING_TRIES runs, until one kill leaves the staging folder behind.
    const STAGING_TRIES = 4;
    const runStep = async (p: typeof chains[number][number], dir: string): Promise<boolean> => {
      {
        const r = await gen(dir, p.killAt);
        const left = readdirSync(dir);
        const staging = left.filter((f) => STAGING.test(f));
        log.push(`kill ${p.label}: ${r.signal ?? `exit ${r.code}`} at ${r.ms.toFixed(0)} ms, left ${JSON.stringify(left)}`);
        const where = `(seed ${SEED}) kill ${p.label}:\n${log.join('\n')}`;
        if (r.signal === 'SIGKILL' && staging.length) killedWriting++;
        expect(r.signal === 'SIGKILL' || r.code === 0, `${where}\n${r.stderr}`).toBe(true);

        // Every visible file is a complete one; hidden leftovers are only staging folders, the
        // manifest's temporary file, or a manifest naming reference files.
        for (const [f, bytes] of visible(dir)) {
          expect(reference.has(f), `${f} is not a file gen writes ${where}`).toBe(true);
          expect(bytes.equals(reference.get(f)!), `${f} differs from the complete run's (${bytes.length} of ${reference.get(f)!.length} bytes) ${where}`).toBe(true);
        }
        for (const f of left.filter((x) => x.startsWith('.'))) {
          if (f === MANIFEST) {
            const files = (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { files: string[] }).files;
            expect(files.every((x) => reference.has(x)), `manifest ${where}`).toBe(true);
          } else {
            expect(STAGING.test(f) || MANIFEST_TMP.test(f), `leftover ${f} ${where}`).toBe(true);
            if (STAGING.test(f)) expect(statSync(join(dir, f)).isDirectory()).toBe(true);
          }
        }

        // The next run removes the dead run's staging folder and writes the same bytes.
        const again = await gen(dir);
        expect(again.code, `${where}\nrerun: ${again.stderr}`).toBe(0);
        expect(readdirSync(dir).filter((f) => f.startsWith('.')), `hidden entries after the rerun ${where}`).toEqual([MANIFEST]);
        expect(visible(dir), `rerun ${where}`).toEqual(reference);
        expect(readFileSync(join(dir, MANIFEST), 'utf8')).toBe(refManifest);
        return r.signal === 'SIGKILL' && staging.length > 0;
      }
    };
    const runChain = async (chain: typeof chains[number], dir: string) => {
      for (const p of chain) {
        for (let t = 0; t < (p.killAt === 'staging' ? STAGING_TRIES : 1); t++) if (await runStep(p, dir)) break;
      }
    };
    await Promise.all(chains.map((c, i) => runChain(c, join(root, `chain${i}`))));
    console.log(log.join('\n'));
    expect(killedWriting, `no kill landed in the write phase:\n${log.join('\n')}`).toBeGreaterThanOrEqual(1);
  }, 300_000);
});

describe('--out and files isrlu did not write', () => {
  const small = join(root, 'small.json');
  writeFileSync(small, JSON.stringify({ name: 'tiny_core', input: 'sQ2.5', accuracy: 'custom', method: 'pwl', steps: 1, mantissaBits: 8, tableAddressBits: 4 }));

  it('refuses a folder holding a foreign file (one line naming out:), writes with --force, keeps the foreign file', async () => {
    const dir = join(root, 'foreign');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = await cli('gen', small, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`isrlu: error: out: "${dir}" holds files isrlu did not write (notes.txt); pass --force to write there anyway\n`);
    expect(readdirSync(dir)).toEqual(['notes.txt']);

    const f = await cli('gen', small, '--out', dir, '--force');
    expect(f.code, f.stderr).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, 'tiny_core.v'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: string[] };
    expect(manifest.files).not.toContain('notes.txt');
    // isrlu's own files may be replaced without --force; the foreign one still blocks.
    expect((await cli('gen', small, '--out', dir)).code).toBe(2);
    rmSync(join(dir, 'notes.txt'));
    expect((await cli('gen', small, '--out', dir)).code).toBe(0);
  });

  it('a run killed after its manifest but before its renames does not block the next run', async () => {
    // writeOutputDir stages every file, writes the manifest naming them, then renames them into
    // place: a SIGKILL among the renames leaves a manifest naming files that are not there yet
    // (and complete files from an earlier run). Built here deterministically from a complete run.
    const done = join(root, 'complete');
    expect((await cli('gen', small, '--out', done)).code).toBe(0);
    const dir = join(root, 'half-renamed');
    mkdirSync(dir);
    const all = [...visible(done)];
    for (const [f, bytes] of all.slice(0, Math.floor(all.length / 2))) writeFileSync(join(dir, f), bytes);
    writeFileSync(join(dir, '.isrlu-manifest.json'), readFileSync(join(done, '.isrlu-manifest.json')));
    const r = await cli('gen', small, '--out', dir);
    expect(r.stderr, 'the rerun after such a kill').toBe('');
    expect(r.code).toBe(0);
    expect(visible(dir)).toEqual(visible(done));
  });

  it('files without a manifest are foreign: refused without --force', async () => {
    const done = join(root, 'complete2');
    expect((await cli('gen', small, '--out', done)).code).toBe(0);
    const dir = join(root, 'no-manifest');
    mkdirSync(dir);
    for (const [f, bytes] of visible(done)) writeFileSync(join(dir, f), bytes);
    const r = await cli('gen', small, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^isrlu: error: out: ".*" holds files isrlu did not write \(.*\); pass --force to write there anyway\n$/);
  });

  it('refuses an --out that is a file', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const r = await cli('gen', small, '--out', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`isrlu: error: out: "${file}" exists and is not a folder\n`);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});
