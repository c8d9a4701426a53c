// Runs @yowasp/yosys in worker threads so a run can be stopped: runYosys is synchronous WebAssembly
// that blocks its thread, so a time limit only works from outside it (Worker.terminate()).
// Workers are reused (each loads and compiles Yosys once) and unref'd while idle.

import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';

/** A virtual filesystem as @yowasp/yosys takes it: names to contents or to sub-folders. */
export interface YosysTree {
  [name: string]: YosysTree | string;
}

export interface YosysRequest {
  readonly args: readonly string[];
  readonly tree: YosysTree;
  /** Top-level files to send back after the run (when present and text). */
  readonly outputs: readonly string[];
}

export interface YosysReply {
  /** Yosys's exit status: 0 on success. */
  readonly exitCode: number;
  /** Set when the run did not end with an exit status (WebAssembly trap, load failure). */
  readonly failure: string | null;
  readonly outputs: Readonly<Record<string, string>>;
  /** Everything Yosys wrote to stdout and stderr. */
  readonly log: string;
  /** Wall time of runYosys itself, excluding worker start and loading. */
  readonly seconds: number;
  /** The @yowasp/yosys package version. */
  readonly version: string;
}

export class YosysTimeoutError extends Error {
  override name = 'YosysTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms (its worker thread was stopped)`);
  }
}

// Plain JavaScript, evaluated as a CommonJS worker: it needs no build step and works the same from
// the TypeScript sources (vitest, tsx) and from dist/. The empty runYosys() call loads and compiles
// Yosys up front, so `seconds` measures synthesis only.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = import(workerData.moduleUrl).then(async (yosys) => { await yosys.runYosys(); return yosys; });
parentPort.on('message', async (req) => {
  const decoder = new TextDecoder();
  let log = '';
  const sink = (bytes) => { if (bytes !== null) log += decoder.decode(bytes, { stream: true }); };
  const text = (v) => typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : undefined;
  let exitCode = 0, failure = null, files = {}, seconds = 0, version = '';
  try {
    const yosys = await loaded;
    version = yosys.version;
    const t0 = performance.now();
    try {
      files = await yosys.runYosys(req.args, req.tree, { stdout: sink, stderr: sink });
    } catch (e) {
      if (!(e instanceof yosys.Exit)) throw e;
      exitCode = e.code;
      files = e.files ?? {};
    }
    seconds = (performance.now() - t0) / 1000;
  } catch (e) {
    exitCode = -1;
    failure = String((e && e.stack) || e);
  }
  const outputs = {};
  for (const name of req.outputs) {
    const v = text(files[name]);
    if (v !== undefined) outputs[name] = v;
  }
  parentPort.postMessage({ id: req.id, exitCode, failure, outputs, log, seconds, version });
});
`;

interface Job {
  readonly id: number;
  readonly request: YosysRequest;
  readonly timeoutMs: number;
  readonly resolve: (reply: YosysReply) => void;
  readonly reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
}

/** Node's timers hold at most 2^31-1 ms; longer limits would fire at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

let moduleUrl: string | undefined;
function yosysModuleUrl(): string {
  moduleUrl ??= pathToFileURL(createRequire(import.meta.url).resolve('@yowasp/yosys')).href;
  return moduleUrl;
}

class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly maxWorkers: number) {}

  /** Runs one Yosys command line; the time limit counts from when a worker takes the job. */
  run(request: YosysRequest, timeoutMs: number): Promise<YosysReply> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker; queued and running jobs reject. */
  async close(): Promise<void> {
    const slots = [...this.slots];
    for (const job of this.queue.splice(0)) job.reject(new Error('workers were closed'));
    await Promise.all(slots.map((slot) => this.discard(slot, new Error('workers were closed'))));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => s.job === null);
      if (slot === undefined) {
        if (this.slots.size >= this.maxWorkers) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl: yosysModuleUrl() } });
    const slot: Slot = { worker, job: null };
    worker.on('message', (reply: YosysReply & { id: number }) => this.finish(slot, reply));
    worker.on('error', (error) => void this.discard(slot, error));
    worker.on('exit', (code) => void this.discard(slot, new Error(`worker thread exited (code ${code})`)));
    worker.unref();
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    job.timer = setTimeout(() => void this.discard(slot, new YosysTimeoutError(job.timeoutMs)), job.timeoutMs);
    slot.worker.postMessage({ id: job.id, ...job.request });
  }

  private finish(slot: Slot, reply: YosysReply & { id: number }): void {
    const job = slot.job;
    if (job === null || job.id !== reply.id) return;
    clearTimeout(job.timer);
    slot.job = null;
    slot.worker.unref();
    const { id: _id, ...rest } = reply;
    job.resolve(rest);
    this.pump();
  }

  /** Drops a worker (timed out, crashed, exited or closed), failing its job with `error`. */
  private async discard(slot: Slot, error: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    const job = slot.job;
    slot.job = null;
    if (job !== null) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.pump();
    await slot.worker.terminate();
  }
}

const pool = new WorkerPool(Math.max(1, Math.min(4, availableParallelism())));

/** Runs Yosys in a pooled worker thread; rejects with YosysTimeoutError past `timeoutMs`. */
export function runYosysInWorker(request: YosysRequest, timeoutMs: number): Promise<YosysReply> {
  return pool.run(request, timeoutMs);
}

/** Stops the Yosys worker threads (idle ones do not keep the process alive; this frees memory). */
export function closeYosysWorkers(): Promise<void> {
  return pool.close();
}
