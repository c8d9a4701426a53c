// File I/O shared by every command: atomic writes (temporary name, then rename; nothing half-written
// is ever left behind), refusal to overwrite without --force, reads that fail in one line.

import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
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

/**
 * True for a path that names a stream rather than a file: `-` (standard input or output) or an
 * existing non-regular file (/dev/stdout, a named pipe). Those are written in place: a rename would
 * replace the device node itself.
 */
export function isStreamPath(path: string): boolean {
  if (path === '-' || path === '/dev/stdout') return true;
  try {
    return !statSync(path).isFile() && !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Refuses to replace an existing file unless `force` is set (streams such as `-` are never refused). */
export function checkOverwrite(field: string, path: string, force: boolean): void {
  if (!force && !isStreamPath(path) && existsSync(path)) throw new UserError(`${field}: "${path}" already exists; pass --force to overwrite it`);
}

/**
 * Writes `content` to `path`: `-` goes to `stdout`, a device or pipe is written in place, and a
 * real file atomically (temporary name, then rename).
 */
export function writeOutput(path: string, content: string | Uint8Array, stdout: (text: string) => void): void {
  // /dev/stdout through the process's own stream: opening it fails (ENXIO) when stdout is a socket.
  if (path === '-' || path === '/dev/stdout') stdout(typeof content === 'string' ? content : Buffer.from(content).toString('latin1'));
  else if (isStreamPath(path)) writeFileSync(path, content);
  else writeFileAtomic(path, content);
}

/** Reads text from `path`, `-` being standard input; a failure is a UserError naming the field. */
export function readInput(field: string, path: string, stdin: () => string = () => readFileSync(0, 'utf8')): string {
  if (path !== '-') return readTextFile(field, path);
  try {
    return stdin();
  } catch (e) {
    throw new UserError(`${field}: cannot read standard input: ${(e as Error).message}`);
  }
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

