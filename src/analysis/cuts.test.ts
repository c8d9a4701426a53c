// A faithful spec's pipeline given as a list of cuts by node name: the names come from one design
// (`isrlu elaborate`), so the search chooses among the designs that have them all, shows the others
// as excluded, and the report prices those at pipeline "auto" instead of failing.
import { describe, expect, it } from 'vitest';
import { resolveSpec, SpecError } from '../spec/index.js';
import { missingCuts, scheduleDatapath } from '../schedule/index.js';
import { paretoPoints } from '../report/report.js';
import { elaborate } from './index.js';

const base = { function: 'isrlu', alpha: 1, input: 'sQ3.8', accuracy: 'faithful' } as const;

describe('faithful search under a list of cuts', () => {
  it('chooses a design that has the named nodes and cuts after them', () => {
    const plain = elaborate(resolveSpec(base));
    const e = elaborate(resolveSpec({ ...base, pipeline: ['p0'] }));
    // Without the list this spec takes multipartite tables, which have no product p0.
    expect(plain.datapath.params.method).toBe('multipartite');
    expect(missingCuts(plain.datapath, ['p0'])).toEqual(['p0']);
    expect(e.datapath.params.method).toBe('poly');
    expect(missingCuts(e.datapath)).toEqual([]);
    const sched = scheduleDatapath(e.datapath);
    const p0 = e.datapath.nodes.find((n) => n.name === 'p0')!;
    const after = e.datapath.nodes.filter((n) => n.args.includes(p0.id));
    expect(after.length).toBeGreaterThan(0);
    for (const n of after) expect(sched.stage[n.id]).toBe(sched.stage[p0.id]! + 1);
    const multi = e.sizing!.alternatives.find((a) => a.params.method === 'multipartite')!;
    expect(multi.excluded).toBe('pipeline: no node named "p0" to cut after');
    expect(multi.cost).toBe(Infinity);
    // The report's table prices every design, the ones without p0 at pipeline "auto".
    const pts = paretoPoints(e.datapath);
    expect(pts.filter((p) => p.chosen)).toHaveLength(1);
    expect(pts.find((p) => p.method === 'multipartite')?.excluded).toMatch(/^pipeline: no node named "p0"/);
  });
  it('a name no design has is one error on the pipeline field', () => {
    const run = () => elaborate(resolveSpec({ ...base, pipeline: ['p0', 'nope'] }));
    expect(run).toThrow(SpecError);
    expect(run).toThrow(/^pipeline: no faithful design for .* has every node the list of cuts names \(no design has a node named "nope"\)/);
  });
});
