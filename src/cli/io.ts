// The hex code files of `isrlu eval`: one two's-complement code per line.

import { width, hexDigits, fromCode, type Format } from '../fixedpoint/index.js';
import { UserError } from '../common/index.js';

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
