// The IDX reader on the real MNIST files and on good, corrupt and missing files in a temp folder.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../common/index.js';
import { loadMnist, readIdxImages, readIdxLabels, MNIST_FILES } from './idx.js';

function idx(magic: number, dims: number[], data: number[], extra = 0): Buffer {
  const b = Buffer.alloc(4 + 4 * dims.length + data.length + extra);
  b.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
  Buffer.from(data).copy(b, 4 + 4 * dims.length);
  return b;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'isrlu-idx-'));

/** Expects a one-line UserError naming the file. */
function refuses(f: () => unknown, file: string, why: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const m = (e as Error).message;
    expect(m).toContain(file);
    expect(m).toMatch(why);
    expect(m).not.toContain('\n');
    return;
  }
  expect.fail('no error');
}

describe('IDX reader', () => {
  it('reads the real MNIST: 60,000 + 10,000 images of 28x28 with labels 0..9', () => {
    const m = loadMnist();
    expect([m.train.count, m.train.rows, m.train.cols, m.test.count]).toEqual([60000, 28, 28, 10000]);
    expect(m.train.pixels.length).toBe(60000 * 784);
    expect(Array.from(m.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]); // the well-known first labels
    expect(Math.max(...m.test.pixels.subarray(0, 784))).toBe(255);
    const sub = loadMnist({ trainSize: 3000, testSize: 500 });
    expect([sub.train.count, sub.test.count, sub.train.pixels.length]).toEqual([3000, 500, 3000 * 784]);
  });

  it('reads good files written here', () => {
    const d = tmp();
    writeFileSync(join(d, 'im'), idx(2051, [2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    writeFileSync(join(d, 'lb'), idx(2049, [2], [7, 3]));
    const im = readIdxImages(join(d, 'im'));
    expect([im.count, im.rows, im.cols, Array.from(im.pixels)]).toEqual([2, 2, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]);
    expect(Array.from(readIdxLabels(join(d, 'lb')))).toEqual([7, 3]);
  });

  it('refuses missing, truncated, wrongly sized and mislabelled files with one line naming the file', () => {
    const d = tmp();
    refuses(() => readIdxImages(join(d, 'nope')), join(d, 'nope'), /no such file/);
    mkdirSync(join(d, 'dir'));
    refuses(() => readIdxImages(join(d, 'dir')), join(d, 'dir'), /not a file/);
    writeFileSync(join(d, 'short'), Buffer.from([0, 0, 8]));
    refuses(() => readIdxImages(join(d, 'short')), join(d, 'short'), /truncated IDX header/);
    writeFileSync(join(d, 'magic'), idx(2049, [1, 1, 1], [0]));
    refuses(() => readIdxImages(join(d, 'magic')), join(d, 'magic'), /magic number 2049 \(expected 2051\)/);
    writeFileSync(join(d, 'cut'), idx(2051, [2, 2, 2], [1, 2, 3, 4, 5]));
    refuses(() => readIdxImages(join(d, 'cut')), join(d, 'cut'), /needs 24/);
    writeFileSync(join(d, 'long'), idx(2049, [2], [1, 2], 1));
    refuses(() => readIdxLabels(join(d, 'long')), join(d, 'long'), /needs 10/);
    writeFileSync(join(d, 'label'), idx(2049, [2], [1, 12]));
    refuses(() => readIdxLabels(join(d, 'label')), join(d, 'label'), /label 1 is 12/);
  });

  it('refuses a data folder with a missing file or mismatched counts, and bad subset sizes', () => {
    const d = tmp();
    writeFileSync(join(d, MNIST_FILES.trainImages), idx(2051, [2, 1, 1], [1, 2]));
    writeFileSync(join(d, MNIST_FILES.trainLabels), idx(2049, [3], [1, 2, 3]));
    refuses(() => loadMnist({ dir: d }), MNIST_FILES.trainLabels, /3 labels for 2 images/);
    writeFileSync(join(d, MNIST_FILES.trainLabels), idx(2049, [2], [1, 2]));
    refuses(() => loadMnist({ dir: d }), MNIST_FILES.testImages, /no such file/);
    expect(() => loadMnist({ trainSize: 0 })).toThrow(/train-size: must be an integer from 1 to 60000, got 0/);
  });
});
