// Real Yosys synthesis (@yowasp/yosys, WebAssembly, offline) of Verilog text to iCE40 or Xilinx
// 7-series cells, returning cell counts from `stat -json`. Every failure is a one-line SynthError.

import { TARGETS, TARGET_NAMES, type TargetName, type ResourceCounts } from '../targets/index.js';
import { classifyCells } from './cells.js';
import { MAX_TIMEOUT_MS, YosysTimeoutError, runYosysInWorker, type YosysReply, type YosysTree } from './worker-pool.js';

export interface SynthOptions {
  /** Top module name: a plain Verilog identifier. */
  readonly top: string;
  /**
   * Files by path (`a.v`, `rom/table.hex`): `.v` is read as Verilog-2005, `.sv` as SystemVerilog;
   * anything else (`$readmemh` data, include files) is only placed in Yosys's filesystem.
   */
  readonly files: Readonly<Record<string, string>>;
  readonly target: TargetName;
  /** Limit on the Yosys run in ms (default 120 s), counted from when a worker thread takes it. */
  readonly timeoutMs?: number;
  /** Also return the mapped netlist as Yosys JSON (the input of nextpnr). */
  readonly netlist?: boolean;
}

export interface SynthResult extends ResourceCounts {
  readonly target: TargetName;
  readonly top: string;
  /** Raw `num_cells_by_type` over the design hierarchy under `top`, I/O buffers included. */
  readonly cells: Readonly<Record<string, number>>;
  /** Wall time of the Yosys run (not counting worker start or loading Yosys). */
  readonly seconds: number;
  /** As Yosys reports itself plus the npm build, e.g. "Yosys 0.55 (git sha1 60f126cd0), @yowasp/yosys 0.55.944". */
  readonly yosysVersion: string;
  /** The mapped netlist (`write_json`), when asked for. */
  readonly netlist?: string;
}

/** Why synthesis gave no result: bad options, a Yosys error, the time limit, or a dead runtime. */
export type SynthFailure = 'input' | 'yosys' | 'timeout' | 'crash';

export class SynthError extends Error {
  override name = 'SynthError';
  /**
   * @param detail one line: the first Yosys `ERROR:` line, the time limit, or the refused option.
   * @param log everything Yosys printed (empty when it did not run).
   */
  constructor(
    readonly target: TargetName,
    readonly top: string,
    readonly failure: SynthFailure,
    readonly detail: string,
    readonly log = '',
  ) {
    super(`synthesis of top "${top}" for ${target}: ${detail}`.replace(/\s*[\r\n]+\s*/g, ' '));
  }
}

export const DEFAULT_SYNTH_TIMEOUT_MS = 120_000;

/** How each source suffix is read; files with other suffixes are data only. */
const READERS: readonly { readonly suffix: string; readonly command: string }[] = [
  { suffix: '.v', command: 'read_verilog' },
  { suffix: '.sv', command: 'read_verilog -sv' },
];

const STAT_FILE = 'synth-stat.json';
const MEMORY_FILE = 'synth-memories.il';
const NETLIST_FILE = 'synth-netlist.json';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const PATH_SEGMENT = /^[A-Za-z0-9_+-][A-Za-z0-9_.+-]*$/;

/**
 * Synthesizes `files` for `target` with Yosys and counts the cells of `top`'s hierarchy.
 * Yosys runs in a worker thread (several calls run in parallel, up to min(4, cores)); past
 * `timeoutMs` the thread is terminated and the call rejects. Rejects only with SynthError.
 */
export async function synthesize(opts: SynthOptions): Promise<SynthResult> {
  try {
    return await synthesizeOnce(opts);
  } catch (e) {
    // Parallel runs have been seen to lose ABC's temporary output file once; a second run passes.
    if (e instanceof SynthError && e.failure === 'yosys' && /yosys-abc-\d+\/output\.aig' not found/.test(e.detail)) return synthesizeOnce(opts);
    throw e;
  }
}

async function synthesizeOnce(opts: SynthOptions): Promise<SynthResult> {
  const { top, target, files } = opts;
  const refuse = (detail: string): never => {
    throw new SynthError(target, top, 'input', detail);
  };
  if (!TARGET_NAMES.includes(target)) refuse(`target must be one of ${TARGET_NAMES.join(', ')}, got "${String(target)}"`);
  if (!IDENTIFIER.test(top)) refuse(`top must be a plain Verilog identifier, got "${top}"`);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_SYNTH_TIMEOUT_MS;
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) refuse(`timeoutMs must be in (0, ${MAX_TIMEOUT_MS}], got ${timeoutMs}`);

  const reads: string[] = [];
  for (const name of Object.keys(files)) {
    const segments = name.split('/');
    if (!segments.every((s) => PATH_SEGMENT.test(s))) {
      refuse(`file names must be relative paths of [A-Za-z0-9_.+-] segments, got "${name}"`);
    }
    if (name === STAT_FILE || name === MEMORY_FILE || name === NETLIST_FILE) refuse(`file name "${name}" is reserved for Yosys output`);
    const reader = READERS.find((r) => name.endsWith(r.suffix));
    if (reader !== undefined) reads.push(`${reader.command} ${name}`);
  }
  if (reads.length === 0) refuse(`no Verilog source among files (${Object.keys(files).join(', ') || 'none'})`);

  const script = [
    ...reads,
    `${TARGETS[target].synth.command} -top ${top}`,
    `tee -q -o ${STAT_FILE} stat -json`,
    // Memories Yosys could not map stay $mem cells, whose size `stat` does not count.
    `tee -q -o ${MEMORY_FILE} dump t:$mem t:$mem_v2`,
    // nextpnr does not know the $scopeinfo cells newer Yosys keeps for debugging.
    ...(opts.netlist ? ['delete t:$scopeinfo', `write_json ${NETLIST_FILE}`] : []),
  ].join('; ');

  let reply: YosysReply;
  try {
    reply = await runYosysInWorker({ args: ['-p', script], tree: toTree(files, refuse), outputs: [STAT_FILE, MEMORY_FILE, ...(opts.netlist ? [NETLIST_FILE] : [])] }, timeoutMs);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    throw new SynthError(target, top, error instanceof YosysTimeoutError ? 'timeout' : 'crash', `Yosys ${error.message}`);
  }
  if (reply.failure !== null) {
    throw new SynthError(target, top, 'crash', `Yosys did not finish: ${firstLine(reply.failure)}`, reply.log);
  }
  if (reply.exitCode !== 0) {
    throw new SynthError(target, top, 'yosys', `Yosys failed: ${firstErrorLine(reply.log) ?? `exit status ${reply.exitCode}`}`, reply.log);
  }
  const statText = reply.outputs[STAT_FILE];
  const stat = statText === undefined ? undefined : parseStat(statText, top);
  if (stat === undefined) {
    throw new SynthError(target, top, 'yosys', `Yosys wrote no usable ${STAT_FILE}`, reply.log);
  }
  const memoryBits = stat.memoryBits + unmappedMemoryBits(reply.outputs[MEMORY_FILE] ?? '');
  return {
    target,
    top,
    cells: stat.cells,
    ...classifyCells(target, stat.cells, memoryBits),
    seconds: Math.round(reply.seconds * 1000) / 1000,
    yosysVersion: [stat.creator, `@yowasp/yosys ${reply.version}`].filter((s) => s !== '').join(', '),
    ...(opts.netlist && reply.outputs[NETLIST_FILE] !== undefined ? { netlist: reply.outputs[NETLIST_FILE] } : {}),
  };
}

/** Yosys's first `ERROR:` line, trimmed (it may carry a `file:line:` prefix). */
export function firstErrorLine(log: string): string | undefined {
  return log.split('\n').find((line) => line.includes('ERROR:'))?.trim();
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** Slash paths become nested folders, which is how the virtual filesystem holds sub-directories. */
function toTree(files: Readonly<Record<string, string>>, refuse: (detail: string) => never): YosysTree {
  const root: YosysTree = {};
  for (const [name, contents] of Object.entries(files)) {
    const segments = name.split('/');
    let dir = root;
    for (const segment of segments.slice(0, -1)) {
      const next = (dir[segment] ??= {});
      if (typeof next === 'string') refuse(`"${name}" needs "${segment}" to be a folder, but it is a file`);
      dir = next;
    }
    const leaf = segments[segments.length - 1]!;
    if (typeof dir[leaf] === 'object') refuse(`"${name}" is both a file and a folder`);
    dir[leaf] = contents;
  }
  return root;
}

interface ParsedStat {
  readonly cells: Record<string, number>;
  readonly memoryBits: number;
  /** "Yosys 0.55 (git sha1 60f126cd0)", without the compiler details. */
  readonly creator: string;
}

/**
 * Reads Yosys 0.55 `stat -json`: `design` holds totals over the hierarchy under the top module
 * (instances counted, submodule cells expanded); `modules["\\top"]` only the top's own cells.
 */
export function parseStat(text: string, top: string): ParsedStat | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(json)) return undefined;
  const modules = isRecord(json.modules) ? json.modules : {};
  const scope = [json.design, modules[`\\${top}`]].find((s) => isRecord(s) && isRecord(s.num_cells_by_type));
  if (!isRecord(scope) || !isRecord(scope.num_cells_by_type)) return undefined;
  const cells: Record<string, number> = {};
  for (const [type, count] of Object.entries(scope.num_cells_by_type)) {
    if (typeof count === 'number') cells[type] = count;
  }
  const creator = typeof json.creator === 'string' ? json.creator : '';
  const version = /^Yosys (\S+)(?: \(git sha1 ([0-9a-f]+))?/.exec(creator);
  return {
    cells,
    memoryBits: typeof scope.num_memory_bits === 'number' ? scope.num_memory_bits : 0,
    creator: version === null ? creator : `Yosys ${version[1]}${version[2] === undefined ? '' : ` (git sha1 ${version[2]})`}`,
  };
}

/** Sum of WIDTH x SIZE over the `$mem`/`$mem_v2` cells in an RTLIL `dump`. */
export function unmappedMemoryBits(rtlil: string): number {
  let bits = 0;
  for (const block of rtlil.split(/^\s*cell /m).slice(1)) {
    if (!/^\$mem(?:_v2)?\s/.test(block)) continue;
    bits += rtlilInt(block, 'WIDTH') * rtlilInt(block, 'SIZE');
  }
  return bits;
}

/** An integer parameter, printed either as decimal or as a sized binary constant (32'0101...). */
function rtlilInt(block: string, name: string): number {
  const m = new RegExp(`parameter \\\\${name} (?:(\\d+)'([01]+)|(-?\\d+))`).exec(block);
  if (m === null) return 0;
  return m[2] !== undefined ? parseInt(m[2], 2) : Number(m[3]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
