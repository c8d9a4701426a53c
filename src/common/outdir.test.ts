// Output folders: isrlu replaces its own files, never a user's; a core's rewrite removes what an
// earlier write of the same core left (an AXI4-Stream wrapper it no longer has), nothing else.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutputDir } from './outdir.js';

const ls = (d: string) => readdirSync(d).filter((f) => !f.startsWith('.')).sort();

describe('writeOutputDir', () => {
  it("a core's rewrite removes its own stale files, and keeps other cores' and the user's", () => {
    const d = mkdtempSync(join(tmpdir(), 'isrlu-outdir-'));
    writeOutputDir(d, { 'a.v': '1', 'a_axis.v': '1', 'a_rom.hex': '1' }, false, 'a (gen)');
    writeOutputDir(d, { 'b.v': '1', 'b_axis.v': '1' }, false, 'b (gen)');
    writeOutputDir(d, { 'notes.txt': 'x' }, false);
    writeOutputDir(d, { 'a.v': '2' }, false, 'a (gen)');
    expect(ls(d)).toEqual(['a.v', 'b.v', 'b_axis.v', 'notes.txt']);
    // A file isrlu did not write: refused without --force, and kept with it.
    writeFileSync(join(d, 'mine.v'), 'user');
    expect(() => writeOutputDir(d, { 'b.v': '2' }, false, 'b (gen)')).toThrow(/holds files isrlu did not write \(mine\.v\)/);
    writeOutputDir(d, { 'b.v': '2' }, true, 'b (gen)');
    expect(ls(d)).toEqual(['a.v', 'b.v', 'mine.v', 'notes.txt']);
  });
});
