// File I/O shared by every command: atomic writes (temporary name, then rename; nothing half-written
// is ever left behind), refusal to overwrite without --force, reads that fail in one line.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { UserError } from './errors.js';

/** Writes `content` to `path` through a temporary file in the same folder, then renames it. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Refuses to replace an existing file unless `force` is set. */
export function checkOverwrite(field: string, path: string, force: boolean): void {
  if (!force && existsSync(path)) throw new UserError(`${field}: "${path}" already exists; pass --force to overwrite it`);
}

/** Reads a text file, or throws a UserError naming the field. */
export function readTextFile(field: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UserError(`${field}: cannot read "${path}": ${why}`);
  }
}

