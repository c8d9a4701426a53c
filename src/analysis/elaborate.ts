// elaborate(spec): the entry point every back end calls. A custom spec is built as given; a faithful
// spec is sized first (and its sizing carries the exhaustive proof and the error budget).

import { specToJson, type Spec } from '../spec/index.js';
import { buildDatapath, type Datapath } from '../datapath/index.js';
import type { SizingOptions } from './sizing.js';
import { sizeFaithful, type SizingResult } from './search.js';

export interface Elaboration {
  readonly datapath: Datapath;
  /** Present for accuracy "faithful". */
  readonly sizing?: SizingResult;
}

/** Elaborations already made in this process, by spec and options (the result is deterministic and immutable). */
const memo = new Map<string, Elaboration>();
const MEMO_MAX = 64;

export function elaborate(spec: Spec, opts: SizingOptions = {}): Elaboration {
  const key = JSON.stringify([specToJson(spec), opts]);
  const hit = memo.get(key);
  if (hit) return hit;
  const e: Elaboration = spec.custom ? { datapath: buildDatapath(spec, spec.custom) } : (() => {
    const sizing = sizeFaithful(spec, opts);
    return { datapath: sizing.datapath, sizing };
  })();
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, e);
  return e;
}
