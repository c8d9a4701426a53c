// File I/O for the CLI: atomic writes (temporary name, then rename; nothing half-written is ever
// left behind), refusal to overwrite without --force, and the hex code files of `isrlu eval`.

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { width, hexDigits, fromCode, type Format } from '../fixedpoint/index.js';

/** A bad-input error with a one-line message; the CLI prints it and exits non-zero. */
export class UserError extends Error {
  override name = 'UserError';
}

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

/**
 * Parses one input code per line: hex, two's complement, ceil(width/4) digits (shorter is accepted,
 * longer or out-of-range is refused). A final newline is optional; blank lines are refused.
 */
export function parseHexCodes(text: string, f: Format, source: string): bigint[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const digits = hexDigits(f);
  const limit = 1n << BigInt(width(f));
  return lines.map((line, i) => {
    const s = line.trim();
    if (!/^[0-9a-fA-F]+$/.test(s) || s.length > digits) {
      throw new UserError(`${source}: line ${i + 1}: ${JSON.stringify(line)} is not a hex code of at most ${digits} digits`);
    }
    const code = BigInt(`0x${s}`);
    if (code >= limit) throw new UserError(`${source}: line ${i + 1}: code ${s} does not fit ${width(f)} bits`);
    return fromCode(code, f);
  });
}
