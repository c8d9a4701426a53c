// The spelling of products an iCE40 computes in its fabric (fabricProducts): a small signed product
// written as partial-product sums maps to fewer LUTs than the same product as a Verilog `*`, and a
// wider one the other way round, with the project's Yosys (synth_ice40, the product registered
// alone). The spellings come from the op's own Verilog (verilogOf), so this checks what cores emit.
import { afterAll, describe, expect, it } from 'vitest';
import { verilogOf, type Node } from '../src/datapath/index.js';
import type { Format } from '../src/fixedpoint/index.js';
import { synthesize, closeYosysWorkers } from '../src/synth/index.js';

/** A registered product of an unsigned `a`-bit and a signed `b`-bit operand, in either spelling. */
function productModule(a: number, b: number, sums: boolean): string {
  const fa: Format[] = [{ signed: false, int: a, frac: 0 }, { signed: true, int: b - 1, frac: 0 }];
  const p = { id: 2, name: 'p', op: 'mul', args: [0, 1], fmt: { signed: true, int: a + b, frac: 0 } } as unknown as Node;
  const w = a + b + 1;
  const ctx = { romStyle: 'auto', softProducts: false, fabricProducts: new Set(sums ? [2] : []), drop: () => {} };
  return [
    `module t(input clk, input [${a - 1}:0] ai, input [${b - 1}:0] bi, output reg [${w - 1}:0] y);`,
    `  reg [${a - 1}:0] c; reg [${b - 1}:0] d; wire [${w - 1}:0] p;`,
    ...verilogOf(p, ['c', 'd'], fa, 'p', ctx).map((l) => `  ${l}`),
    '  always @(posedge clk) begin c <= ai; d <= bi; y <= p; end',
    'endmodule',
  ].join('\n');
}

const luts = async (text: string) => (await synthesize({ top: 't', files: { 't.v': text }, target: 'ice40', timeoutMs: 300_000 })).lut;

describe('fabric products on iCE40', () => {
  afterAll(closeYosysWorkers);

  it('a narrow signed product (3 x 5, 5 x 12) is smaller as partial-product sums; an 8 x 8 is not', async () => {
    const [s35, m35, s512, m512, s88, m88] = await Promise.all([
      luts(productModule(3, 5, true)), luts(productModule(3, 5, false)),
      luts(productModule(5, 12, true)), luts(productModule(5, 12, false)),
      luts(productModule(8, 8, true)), luts(productModule(8, 8, false)),
    ]);
    expect(s35).toBeLessThan(m35);
    expect(s512).toBeLessThan(m512);
    expect(s88).toBeGreaterThanOrEqual(m88);
  }, 900_000);
});
