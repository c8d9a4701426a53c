// Output folders: isrlu records what it wrote in a manifest, so a later run may replace its own
// files but refuses to touch a folder holding files it did not write (unless --force).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, writeFileAtomic } from './io.js';

export const MANIFEST = '.isrlu-manifest.json';

function ownFiles(dir: string): Set<string> {
  const p = join(dir, MANIFEST);
  if (!existsSync(p)) return new Set();
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as { files?: unknown };
    return new Set(Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * Writes `files` (name -> content) into `dir`, each atomically, then the manifest. Refuses when
 * `dir` is a file, or holds entries isrlu did not write, unless `force`. Returns `dir`.
 */
export function writeOutputDir(dir: string, files: Record<string, string | Uint8Array>, force: boolean): string {
  checkOutputDir(dir, force);
  const names = Object.keys(files).sort();
  for (const name of names) writeFileAtomic(join(dir, name), files[name]!);
  const all = new Set([...ownFiles(dir), ...names]);
  writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify({ tool: 'isrlu-codesign', files: [...all].sort() }, null, 2)}\n`);
  return dir;
}

/** Refuses early (before any long work) a folder isrlu may not write into. */
export function checkOutputDir(dir: string, force: boolean): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UserError(`out: "${dir}" exists and is not a folder`);
    const own = ownFiles(dir);
    const foreign = readdirSync(dir).filter((f) => f !== MANIFEST && !own.has(f));
    if (foreign.length && !force) {
      throw new UserError(`out: "${dir}" holds files isrlu did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); pass --force to write there anyway`);
    }
  }
}
