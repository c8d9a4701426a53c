// The faithful search over every method: the rsqrt route (seed + Newton-Raphson, sized by its error
// budget) and the direct methods (table, piecewise polynomials, multipartite tables, per output
// channel), each design priced on the spec's device by the area model under the spec's objective
// and budgets. The cheapest design that passes the exhaustive check (sampled above 24 bits) wins; the
// best of each method stays beside it for the report's Pareto table.

import { SpecError, type Spec } from '../spec/index.js';
import { width } from '../fixedpoint/index.js';
import { DIRECT_MAX_BITS, forgetChannelFunctions } from '../datapath/index.js';
import { buildDatapath, compile, describeDesign, type Datapath, type DesignParams, type DirectDesign } from '../datapath/index.js';
import { missingCuts, scheduleDatapath } from '../schedule/index.js';
import { estimateArea, type AreaCounts } from '../area/index.js';
import { TARGETS } from '../targets/index.js';
import { analyzeErrors, type Analysis } from './error.js';
import { sizeRsqrt, errorBudget, type BudgetLine, type SizingOptions } from './sizing.js';
import { searchChannel, type ChannelCandidate } from './direct-search.js';
import { fitViolation, objectiveCost, objectiveViolation, objectiveWeights, shownCost } from './objective.js';

/** One method's best design, priced on the spec's device. */
export interface Alternative {
  readonly label: string;
  readonly family: 'rsqrt' | 'direct';
  readonly params: DesignParams;
  readonly datapath: Datapath;
  readonly area: AreaCounts;
  readonly latency: number;
  /** The objective's cost (Infinity when the objective or a budget excludes it). */
  readonly cost: number;
  /** Why the objective or a budget excludes it. */
  readonly excluded?: string;
  readonly check?: Analysis;
  readonly chosen: boolean;
}

export interface SizingResult {
  readonly params: DesignParams;
  readonly datapath: Datapath;
  /** The objective's cost of the chosen design. */
  readonly cost: number;
  /** Error bound of the chosen design, term by term (output ulps). */
  readonly budget: readonly BudgetLine[];
  /** Designs given the exhaustive check, in order, with the outcome. */
  readonly tried: readonly { readonly label: string; readonly cost: number; readonly faithful: boolean }[];
  readonly check: Analysis;
  /** The best design of each method, the chosen one marked. */
  readonly alternatives: readonly Alternative[];
  /** Why the chosen design won, in one line. */
  readonly why: string;
}

/** The method label of a design, for tables: "poly (degree 1)", "newton, 1 step(s)", ... */
function methodLabel(p: DesignParams): string {
  if ('y' in p) return p.method === 'poly' ? `poly (degree ${p.y.degree})` : p.method;
  return p.method === 'magic' || p.method === 'direct' ? p.method : `${p.method}, ${p.steps} step(s)`;
}

function priced(spec: Spec, params: DesignParams, family: Alternative['family'], datapath = buildDatapath(spec, params)): Omit<Alternative, 'chosen'> {
  // A design without every node the spec's list of cuts names cannot take them: shown (with the
  // schedule "auto") but never chosen.
  const miss = missingCuts(datapath);
  const sched = scheduleDatapath(datapath, miss.length ? 'auto' : spec.pipeline);
  const area = estimateArea(datapath, sched, spec.device);
  const excluded = miss.length ? cutsExcluded(miss) : objectiveViolation(spec, area);
  return {
    label: methodLabel(params), family, params, datapath, area, latency: sched.latency, cost: miss.length ? Infinity : objectiveCost(spec, area, sched.latency),
    ...(excluded ? { excluded } : {}),
  };
}

const cutsExcluded = (miss: readonly string[]) => `pipeline: no node named ${miss.map((c) => JSON.stringify(c)).join(', ')} to cut after`;

/**
 * The direct family: the cheapest passing channel design of each method, the derivative's beside
 * it. Each channel is searched under the spec's budgets alone, so with a derivative and a budget
 * the pair is chosen here: per method, the y design and the dy design that cost least together and
 * whose DSP blocks and block RAMs together keep maxDsp and maxBram (each channel has its own tables
 * and products: their counts add up). Without a budget, the cheapest of each.
 */
function directAlternatives(spec: Spec): Omit<Alternative, 'chosen'>[] {
  const ys = searchChannel(spec, 'y');
  const dys = spec.derivative ? searchChannel(spec, 'dy') : [];
  if (spec.derivative && dys.length === 0) return [];
  const keyOf = (c: ChannelCandidate) => (c.design.method === 'poly' ? `poly${c.design.degree}` : c.design.method);
  const byMethod = new Map<string, { y: ChannelCandidate; dy: ChannelCandidate | undefined }>();
  for (const c of ys) if (!byMethod.has(keyOf(c))) byMethod.set(keyOf(c), { y: c, dy: dys[0] });
  if (spec.derivative && (spec.maxDsp !== 'none' || spec.maxBram !== 'none')) {
    // A pair is priced as one core: the channels' resources added, the longer latency (a pair over
    // a budget costs Infinity).
    const both = (a: AreaCounts, b: AreaCounts): AreaCounts => ({
      lut: a.lut + b.lut, ff: a.ff + b.ff, carry: a.carry + b.carry, dsp: a.dsp + b.dsp, memoryBits: a.memoryBits + b.memoryBits, bram: a.bram + b.bram,
    });
    const best = new Map<string, { y: ChannelCandidate; dy: ChannelCandidate; cost: number }>();
    for (const y of ys) {
      for (const dy of dys) {
        const c = objectiveCost(spec, both(y.area, dy.area), Math.max(y.latency, dy.latency));
        const b = best.get(keyOf(y));
        if (c < Infinity && (!b || c < b.cost)) best.set(keyOf(y), { y, dy, cost: c });
      }
    }
    for (const [k, b] of best) byMethod.set(k, { y: b.y, dy: b.dy });
  }
  return [...byMethod.values()].map(({ y, dy }) => {
    const p: DirectDesign = { method: y.design.method, y: y.design, ...(dy ? { dy: dy.design } : {}) };
    return priced(spec, p, 'direct');
  });
}

/** The direct design's error budget: the measured pre-rounding error plus the final rounding. */
function directBudget(spec: Spec, p: DirectDesign, check: Analysis): BudgetLine[] {
  const round = spec.outputRounding === 'truncate' ? 1 : 0.5;
  const lines: BudgetLine[] = [{ term: `final rounding (${spec.outputRounding})`, boundUlp: round, inTotal: true }];
  const pre = Math.max(0, check.y.maxUlp - round);
  lines.push({
    term: p.y.method === 'table' ? 'table entries: the correctly rounded function (no error before the rounding)' : `approximation, coefficient rounding and product truncation (${describeDesign({ ...p, dy: undefined } as DirectDesign)}), measured on every code`,
    boundUlp: p.y.method === 'table' ? 0 : pre, inTotal: true,
  });
  lines.push({ term: `outside the window of 2^${p.y.windowBits} codes: one constant, faithful on every code of the tail`, boundUlp: 0, inTotal: false });
  return lines;
}

/** Sizes a faithful design over every method and returns the cheapest under the spec's objective. */
export function sizeFaithful(spec: Spec, opts: SizingOptions = {}): SizingResult {
  const exhaustiveBits = opts.exhaustiveBits ?? 24;
  const alts: Omit<Alternative, 'chosen'>[] = [];
  const tried: { label: string; cost: number; faithful: boolean }[] = [];
  let rsqrtBudget: readonly BudgetLine[] | undefined;
  let rsqrtMiss: string | undefined;
  const allowed = (m: string) => spec.methods === 'all' || (spec.methods as readonly string[]).includes(m);
  if (allowed('newton')) try {
    // The rsqrt route is one alternative among several: a shorter shave unless it is the only one.
    const r = sizeRsqrt(spec, { ...opts, maxShaveChecks: opts.maxShaveChecks ?? (spec.architecture === 'iterative' ? 40 : 16) });
    alts.push({ ...priced(spec, r.params, 'rsqrt', r.datapath), check: r.check });
    rsqrtBudget = r.budget;
    for (const t of r.tried) tried.push({ label: describeDesign(t.params), cost: t.cost, faithful: t.faithful });
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    if (e.field === 'pipeline') rsqrtMiss = e.message;
  }
  // One Newton-Raphson unit reused is an rsqrt structure: the direct methods have no loop.
  // Their windows are searched code by code: inputs beyond DIRECT_MAX_BITS go through the rsqrt route.
  if (spec.architecture !== 'iterative' && width(spec.input) <= DIRECT_MAX_BITS && ['table', 'poly', 'multipartite'].some(allowed)) {
    alts.push(...directAlternatives(spec).filter((a) => allowed(a.params.method)));
    forgetChannelFunctions(spec);
  }
  const order = [...alts].sort((a, b) => a.cost - b.cost || a.latency - b.latency);
  let chosen: (Omit<Alternative, 'chosen'> & { check: Analysis }) | undefined;
  const checked = new Map<Omit<Alternative, 'chosen'>, Analysis>();
  for (const a of order) {
    if (a.cost === Infinity) continue;
    const check = a.check ?? analyzeErrors(a.datapath, { exhaustiveBits, stopOnUnfaithful: true, evaluator: compile(a.datapath) });
    const faithful = check.y.unfaithful === 0 && (check.dy?.unfaithful ?? 0) === 0;
    if (a.family === 'direct') tried.push({ label: describeDesign(a.params), cost: a.cost, faithful });
    checked.set(a, check);
    if (faithful) { chosen = { ...a, check }; break; }
  }
  if (!chosen) {
    if (Array.isArray(spec.pipeline) && alts.every((a) => a.excluded?.startsWith('pipeline:')) && (alts.length > 0 || rsqrtMiss)) {
      // The names came from another design than any the search can choose.
      const nowhere = (spec.pipeline as readonly string[]).filter((c) => alts.every((a) => missingCuts(a.datapath).includes(c)));
      const what = nowhere.length ? `no design has a node named ${nowhere.map((c) => JSON.stringify(c)).join(', ')}` : 'each design lacks one of them';
      throw new SpecError('pipeline', `no faithful design for ${spec.name} has every node the list of cuts names (${what}): name nodes of the design \`isrlu elaborate\` shows for this spec without the list, or give a stage count or "auto"`);
    }
    const why = alts.length === 0 ? 'no method has a faithful design for these formats' : `every design is excluded: ${[...new Set(alts.map((a) => a.excluded ?? 'unfaithful'))].join('; ')}`;
    throw new SpecError('accuracy', `faithful sizing found no design for ${spec.name} (${why}): widen the output, relax the objective or budgets, or use accuracy "custom"`);
  }
  const alternatives: Alternative[] = alts.map((a) => ({ ...a, ...(checked.has(a) ? { check: checked.get(a)! } : {}), chosen: a.params === chosen!.params }));
  const runnerUp = order.find((a) => a.params !== chosen!.params && a.cost < Infinity);
  const overPart = fitViolation(spec, chosen.area);
  const why = `${methodLabel(chosen.params)} costs ${chosen.cost === Infinity ? '-' : shownCost(chosen.cost).toFixed(0)} LUT-equivalents on ${spec.device} (objective ${spec.objective}${objectiveWeights(spec).dsp !== TARGETS[spec.device].cost.dsp ? `: a DSP block weighs ${objectiveWeights(spec).dsp} LUTs` : ''})`
    + (overPart ? ` but ${overPart} (no faithful design that fits was found)` : '')
    + (runnerUp ? `; next: ${runnerUp.label} at ${shownCost(runnerUp.cost).toFixed(0)}${fitViolation(spec, runnerUp.area) ? ' (does not fit)' : ''}` : '')
    + `; ${alts.filter((a) => a.excluded).map((a) => `${a.label} excluded (${a.excluded})`).join(', ') || 'none excluded'}`;
  const p = chosen.params;
  const budget = 'y' in p ? directBudget(spec, p, chosen.check) : p === alts.find((a) => a.family === 'rsqrt')?.params && rsqrtBudget ? rsqrtBudget : errorBudget(spec, p, chosen.datapath.alphaUsed);
  return { params: p, datapath: chosen.datapath, cost: chosen.cost, budget, tried, check: chosen.check, alternatives, why };
}
