import { describe, expect, it } from 'vitest';
import { parseFormat, width, formatName, minRaw, maxRaw, formatHex, fromCode, toCode } from './format.js';

describe('parseFormat', () => {
  it('parses signed and unsigned names and computes widths', () => {
    const s = parseFormat('sQ3.12');
    expect(s).toEqual({ signed: true, int: 3, frac: 12 });
    expect(width(s)).toBe(16);
    expect(width(parseFormat('uQ0.8'))).toBe(8);
    expect(formatName(parseFormat('uQ4.0'))).toBe('uQ4.0');
    expect(minRaw(s)).toBe(-32768n);
    expect(maxRaw(s)).toBe(32767n);
  });

  it.each([
    ['sQ3.-2', '"sQ3.-2" has negative fraction bits (-2)'],
    ['sQ-1.4', '"sQ-1.4" has negative integer bits (-1)'],
    ['sQ40.40', '"sQ40.40" is 81 bits wide; the limit is 64'],
    ['uQ0.0', 'format uQ0.0 has no bits'],
    ['sq3.12', '"sq3.12" is not a format name like "sQ3.12" or "uQ0.8" (did you mean "sQ3.12"?); also accepted: Q3.12 (signed), ap_fixed<16,4>'],
    ['fixed16', '"fixed16" is not a format name like "sQ3.12" or "uQ0.8"; also accepted: '],
    ['ap_fixed<16,20>', '"ap_fixed<16,20>" has negative fraction bits (-4)'],
    [12, 'expected a format name like "sQ3.12", got 12'],
  ])('refuses %j', (text, message) => {
    expect(() => parseFormat(text)).toThrow(message);
  });

  // Spellings users bring from elsewhere (issue 12, item 7); the canonical name stays sQi.f / uQi.f.
  it.each([
    ['Q3.12', 'sQ3.12'], ['Q0.15', 'sQ0.15'],
    ['ap_fixed<16,4>', 'sQ3.12'], ['ap_fixed<8, 1>', 'sQ0.7'], ['ap_ufixed<8,0>', 'uQ0.8'], ['ap_ufixed<10,2>', 'uQ2.8'],
    ['msb=3,lsb=-12', 'sQ3.12'], ['msb=2 lsb=-5', 'sQ2.5'], ['unsigned msb=-1,lsb=-8', 'uQ0.8'],
  ])('reads %j as %s', (text, name) => {
    expect(formatName(parseFormat(text))).toBe(name);
  });

  it('writes codes as two\'s complement hex with ceil(width/4) digits', () => {
    const f = parseFormat('sQ3.12');
    expect(formatHex(-1n, f)).toBe('ffff');
    expect(formatHex(5n, parseFormat('sQ2.7'))).toBe('005');
    expect(fromCode(toCode(-300n, f), f)).toBe(-300n);
  });
});
