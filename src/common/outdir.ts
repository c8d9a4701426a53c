// Output folders: isrlu records what it wrote in a manifest, so a later run may replace its own
// files but refuses to touch a folder holding files it did not write (unless --force).
// Invariant: no file in the folder is ever half-written. Every file is first written completely
// into a hidden staging folder inside it (.isrlu-staging-PID), the manifest is updated, and the
// files are renamed into place; a run killed midway leaves only that staging folder (removed by
// the next run) and complete files the manifest already names.

import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, mkdirSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';
import { writeFileAtomic } from './files.js';

export const MANIFEST = '.isrlu-manifest.json';
const STAGING = /^\.isrlu-staging-(\d+)$/;
/** writeFileAtomic's temporary name for the manifest. */
const MANIFEST_TMP = /^\.\.isrlu-manifest\.json\.tmp-(\d+)$/;

interface Manifest { readonly files: Set<string>; readonly cores: Record<string, string[]> }

function readManifest(dir: string): Manifest {
  const p = join(dir, MANIFEST);
  const none: Manifest = { files: new Set(), cores: {} };
  if (!existsSync(p)) return none;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as { files?: unknown; cores?: unknown };
    const strings = (a: unknown): string[] => (Array.isArray(a) ? a.filter((f): f is string => typeof f === 'string') : []);
    const cores: Record<string, string[]> = {};
    if (typeof m.cores === 'object' && m.cores !== null) for (const [k, v] of Object.entries(m.cores)) cores[k] = strings(v);
    return { files: new Set(strings(m.files)), cores };
  } catch {
    return none;
  }
}

const ownFiles = (dir: string): Set<string> => readManifest(dir).files;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes staging folders that runs killed midway left behind (their process is gone). */
function removeStaleStaging(dir: string): void {
  for (const f of readdirSync(dir)) {
    const m = STAGING.exec(f) ?? MANIFEST_TMP.exec(f);
    if (m && !alive(Number(m[1]))) rmSync(join(dir, f), { recursive: true, force: true });
  }
}

/**
 * Writes `files` (name -> content) into `dir`: all of them into a staging folder first, then each
 * renamed into place, then the manifest. `core`: the files are one core's whole set (the manifest
 * records them under its name), and what an earlier write of that core left beyond them is removed. Refuses when `dir` is a file, or holds entries isrlu did
 * not write, unless `force`. Returns `dir`.
 */
export function writeOutputDir(dir: string, files: Record<string, string | Uint8Array>, force: boolean, core?: string): string {
  checkOutputDir(dir, force);
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(files).sort();
  for (const name of names) {
    if (name.includes('/') || name.startsWith('.') || name === '') throw new Error(`internal: output file name ${JSON.stringify(name)}`);
  }
  const staging = join(dir, `.isrlu-staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    for (const name of names) {
      const p = join(staging, name);
      writeFileSync(p, files[name]!);
      const fd = openSync(p, 'r');
      try { fsyncSync(fd); } finally { closeSync(fd); }
    }
    // The manifest names the new files before they appear, so a run killed among the renames
    // leaves a folder the next run still recognises as its own.
    // With `core`: the files an earlier write of the same core left that this one does not write
    // (an AXI4-Stream wrapper, ROM files of another design) are its own and go.
    const before = readManifest(dir);
    const stale = core === undefined ? [] : (before.cores[core] ?? []).filter((f) => before.files.has(f) && !names.includes(f));
    const all = new Set([...before.files, ...names].filter((f) => !stale.includes(f)));
    const cores = core === undefined ? before.cores : { ...before.cores, [core]: names };
    writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify({ tool: 'isrlu-codesign', files: [...all].sort(), ...(Object.keys(cores).length ? { cores } : {}) }, null, 2)}\n`);
    for (const name of names) renameSync(join(staging, name), join(dir, name));
    for (const name of stale) rmSync(join(dir, name), { force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** Refuses early (before any long work) a folder isrlu may not write into. */
export function checkOutputDir(dir: string, force: boolean): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UserError(`out: "${dir}" exists and is not a folder`);
    removeStaleStaging(dir);
    const own = ownFiles(dir);
    const foreign = readdirSync(dir).filter((f) => f !== MANIFEST && !own.has(f) && !STAGING.test(f) && !MANIFEST_TMP.test(f));
    if (foreign.length && !force) {
      throw new UserError(`out: "${dir}" holds files isrlu did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); pass --force to write there anyway`);
    }
  }
}
