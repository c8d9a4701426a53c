// The control plans: what they print and how they run. The Verilog and the cycle simulator read the
// same plan; hw-tests/cycle-rtl.test.ts checks the two cycle by cycle on every matrix core.
import { describe, expect, it } from 'vitest';
import { ControlRunner, controlVerilog, iterativeControl, lanesControl, pipelinedControl, ref } from './index.js';

describe('control plans', () => {
  it('prints a pipelined core\'s valid chain, enable and handshake', () => {
    expect(controlVerilog(pipelinedControl(2, 'ready-valid')).join('\n')).toBe([
      '  // Control: a valid bit per stage, reset synchronously; data registers have no reset.',
      '  // The pipeline advances unless the last stage holds an item the consumer does not take.',
      '  reg valid_s2;',
      '  reg valid_s3;',
      '  wire en;',
      '  assign en = ~valid_s3 | out_ready;',
      '  assign in_ready = en;',
      '  assign out_valid = valid_s3;',
      '  always @(posedge clk) begin',
      '    if (rst) begin',
      "      valid_s2 <= 1'b0;",
      "      valid_s3 <= 1'b0;",
      '    end else if (en) begin',
      '      valid_s2 <= in_valid;',
      '      valid_s3 <= valid_s2;',
      '    end',
      '  end',
    ].join('\n'));
  });

  it('runs a ready/valid pipeline: items advance, a stalled consumer holds them, rst clears the valid bits', () => {
    const c = new ControlRunner(pipelinedControl(3, 'ready-valid'));
    const edge = (inValid: boolean, outReady: boolean, rst = false) => {
      c.set('in_valid', inValid); c.set('out_ready', outReady); c.set('rst', rst);
      const before = { en: c.get('en'), outValid: c.get('out_valid') };
      c.edge();
      return before;
    };
    edge(true, false);
    edge(false, false);
    edge(false, false);
    // Three stages: the item is at the output now, the consumer not ready, so the pipeline stops.
    c.set('out_ready', false);
    expect(c.get('out_valid')).toBe(1);
    expect(c.get('in_ready')).toBe(0);
    expect(edge(true, false)).toEqual({ en: 0, outValid: 1 });
    expect(c.get('valid_s2')).toBe(0);
    expect(edge(false, true)).toEqual({ en: 1, outValid: 1 });
    expect(c.get('out_valid')).toBe(0);
    edge(true, true);
    edge(false, true, true);
    expect([2, 3, 4].map((b) => c.get(`valid_s${b}`))).toEqual([0, 0, 0]);
  });

  it('runs an iterative lane: busy for its passes, in_ready again on the last one, out_valid after it', () => {
    const steps = 3;
    const c = new ControlRunner(iterativeControl(steps));
    c.set('out_ready', true); c.set('in_valid', true);
    expect(c.get('in_ready')).toBe(1);
    c.edge();
    c.set('in_valid', false);
    const trace: string[] = [];
    for (let i = 0; i < 4; i++) {
      trace.push(`busy ${c.get('busy')} count ${c.get('count')} last ${c.get('last')} in_ready ${c.get('in_ready')} out_valid ${c.get('out_valid')}`);
      c.edge();
    }
    expect(trace).toEqual([
      'busy 1 count 0 last 0 in_ready 0 out_valid 0',
      'busy 1 count 1 last 0 in_ready 0 out_valid 0',
      'busy 1 count 2 last 1 in_ready 1 out_valid 0',
      'busy 0 count 2 last 0 in_ready 1 out_valid 1',
    ]);
  });

  it('round-robins lanes, wrapping at the last lane when the count is not a power of two', () => {
    const c = new ControlRunner(lanesControl(3));
    c.set('in_valid', true); c.set('in_ready', true); c.set('out_valid', false); c.set('out_ready', true);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push([0, 1, 2].find((k) => c.get(`l${k}_in_valid`) === 1)!);
      c.edge();
    }
    expect(seen).toEqual([0, 1, 2, 0, 1]);
    expect(controlVerilog(lanesControl(3)).join('\n')).toContain("rr_in <= (rr_in == 2'h2) ? 2'h0 : rr_in + 2'h1;");
  });

  it('refuses a plan that reads a signal it does not have', () => {
    const p = pipelinedControl(1, 'valid');
    expect(() => new ControlRunner({ ...p, wires: [...p.wires, { name: 'x', expr: ref('nowhere') }] })).toThrow(/nowhere/);
  });
});
