// The post-adder spelling: on iCE40 a DSP product read by an add of its own stage is written at the
// add's width (Yosys packs the add into the SB_MAC16 only then); other flows keep the plain spelling.
import { describe, expect, it } from 'vitest';
import { resolveSpec } from '../spec/index.js';
import { buildDatapath } from '../datapath/index.js';
import { scheduleDatapath } from '../schedule/index.js';
import { coreView, fusedPostAdds } from './view.js';

// A degree-1 piecewise polynomial whose table is read through a register (block RAM): its product
// c1 * t and the add of c0 share a stage, as in the default faithful core.
const core = (extra: Record<string, unknown> = {}) => {
  const spec = resolveSpec({ function: 'isrlu', input: 'sQ3.10', accuracy: 'custom', method: 'poly', degree: 1, segmentBits: 6, romStyle: 'block', ...extra });
  const dp = buildDatapath(spec, spec.custom!);
  const sched = scheduleDatapath(dp);
  return { dp, sched, body: coreView(dp, sched).body.join('\n') };
};

describe('fused post-adders', () => {
  it('iCE40-DSP: the product is spelled at the add width and the add reads it unextended', () => {
    const { dp, sched, body } = core();
    const fused = fusedPostAdds(dp, sched);
    expect(fused.size).toBe(1);
    const [add, f] = [...fused][0]!;
    const n = dp.nodes[add]!;
    const p = dp.nodes[n.args[f.arg]!]!;
    expect(p.op).toBe('mul');
    expect(sched.stage[p.id]).toBe(sched.stage[add]);
    const w = `d_${p.name}__w`;
    expect(body).toContain(`wire [${f.width - 1}:0] ${w};`);
    expect(body).toMatch(new RegExp(`assign ${w} = \\$signed\\(.*\\) \\* \\$signed\\(.*\\);`));
    expect(body).toContain(`assign d_${p.name} = ${w}[`);
    expect(body).toMatch(new RegExp(`assign d_${n.name} = ${w} \\+ `));
  });

  it('Xilinx (its flow packs either spelling) and products kept in LUTs: the plain spelling', () => {
    for (const extra of [{ device: 'xilinx' }, { objective: 'no-dsp' }, { device: 'ice40' }]) {
      const { dp, sched, body } = core(extra);
      expect(fusedPostAdds(dp, sched).size, JSON.stringify(extra)).toBe(0);
      expect(body, JSON.stringify(extra)).not.toContain('__w');
    }
  });
});
