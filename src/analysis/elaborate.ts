// elaborate(spec): the entry point every back end calls. A custom spec is built as given; a faithful
// spec is sized first (and its sizing carries the exhaustive proof and the error budget).

import type { Spec } from '../spec/index.js';
import { buildDatapath, type Datapath } from '../datapath/index.js';
import { sizeFaithful, type SizingResult, type SizingOptions } from './sizing.js';

export interface Elaboration {
  readonly datapath: Datapath;
  /** Present for accuracy "faithful". */
  readonly sizing?: SizingResult;
}

export function elaborate(spec: Spec, opts: SizingOptions = {}): Elaboration {
  if (spec.custom) return { datapath: buildDatapath(spec, spec.custom) };
  const sizing = sizeFaithful(spec, opts);
  return { datapath: sizing.datapath, sizing };
}
