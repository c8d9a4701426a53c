// The co-simulation matrix: every function, alpha 1/3/0.5, input widths 8 to 20, 0 to 2
// Newton-Raphson steps, every rsqrt method, every interface, with and without the derivative,
// combinational, pipelined and iterative (with lanes), both ROM styles. Pairwise coverage rather than the full product.

export const HW_MATRIX: Record<string, unknown>[] = [
  { name: 'm01_default' },
  { name: 'm02', function: 'isru', alpha: 3, input: 'sQ2.9', interface: 'ready-valid', derivative: true },
  { name: 'm03', function: 'isrlu', alpha: 0.5, input: 'sQ3.4', interface: 'axis' },
  { name: 'm04', function: 'isru', alpha: 1, input: 'sQ3.16', derivative: true },
  { name: 'm05', function: 'isru', alpha: 0.5, input: 'sQ3.8', accuracy: 'custom', method: 'newton', steps: 0, tableAddressBits: 8, tableDataBits: 10, interface: 'ready-valid', pipeline: 2 },
  { name: 'm06', function: 'isrlu', alpha: 3, input: 'sQ3.10', accuracy: 'custom', method: 'newton', steps: 2, tableAddressBits: 3, tableDataBits: 6, interface: 'axis', derivative: true },
  { name: 'm07', function: 'isru', alpha: 1, input: 'sQ2.9', accuracy: 'custom', method: 'pwl', steps: 1, tableAddressBits: 4, romStyle: 'readmemh', derivative: true, pipeline: 0 },
  { name: 'm08', function: 'isrlu', alpha: 0.5, input: 'sQ3.12', accuracy: 'custom', method: 'magic', steps: 2, tableDataBits: 10, interface: 'ready-valid' },
  { name: 'm09', function: 'isru', alpha: 3, input: 'sQ3.6', accuracy: 'custom', method: 'direct', interface: 'axis', derivative: true, romStyle: 'readmemh' },
  { name: 'm10', function: 'isrlu', alpha: 1, input: 'sQ4.13', accuracy: 'custom', method: 'pwl', steps: 0, tableAddressBits: 7, tableDataBits: 16, pipeline: 5 },
  { name: 'm11', function: 'isru', alpha: 0.5, input: 'sQ3.14', accuracy: 'custom', method: 'magic', steps: 1, tableDataBits: 9, interface: 'axis', pipeline: 1 },
  { name: 'm12', function: 'isrlu', alpha: 3, input: 'sQ1.14', interface: 'ready-valid', derivative: true, pipeline: 3, romStyle: 'readmemh' },
  { name: 'm13', function: 'isru', alpha: 1, input: 'sQ5.6', output: 'sQ1.10', outputRounding: 'nearest-away' },
  { name: 'm14', function: 'isrlu', alpha: 1, input: 'sQ3.12', output: 'sQ0.9', accuracy: 'custom', steps: 1, outputRounding: 'truncate', outputOverflow: 'wrap' },
  // The iterative architecture: one Newton-Raphson unit reused (faithful sizing, custom, magic seed), and round-robin lanes.
  { name: 'm15_iter', function: 'isru', alpha: 3, input: 'sQ3.10', interface: 'ready-valid', architecture: 'iterative', derivative: true },
  { name: 'm16_lanes', function: 'isrlu', input: 'sQ3.8', accuracy: 'custom', steps: 3, stepBits: 12, tableAddressBits: 3, tableDataBits: 5, interface: 'axis', architecture: 'iterative', lanes: 3, romStyle: 'readmemh' },
  { name: 'm17_magic', function: 'isrlu', alpha: 0.5, input: 'sQ2.6', accuracy: 'custom', method: 'magic', steps: 2, tableDataBits: 6, interface: 'ready-valid', architecture: 'iterative', lanes: 2 },
  // The methods that approximate the function itself, as the faithful search chooses them under each
  // objective (trees of pieces in logic, multipartite tables in block RAM, non-uniform pieces on
  // |x|, the gate's unsigned output, both channels) and as custom specs.
  { name: 'm18_poly3', function: 'isrlu', input: 'sQ3.12', objective: 'no-bram', pipeline: 4 },
  { name: 'm19_mp_bram', function: 'isrlu', input: 'sQ3.12', objective: 'no-dsp', interface: 'axis' },
  { name: 'm20_poly_dy', function: 'isru', alpha: 0.5, input: 'sQ2.9', objective: 'no-bram', derivative: true, interface: 'ready-valid' },
  { name: 'm21_gate', function: 'isru-gate', input: 'sQ3.8' },
  { name: 'm22_merged', function: 'isru', input: 'sQ3.12', device: 'ice40', objective: 'no-bram' },
  { name: 'm23_table', function: 'isru', alpha: 3, input: 'sQ3.6', accuracy: 'custom', method: 'table', romStyle: 'block', derivative: true, interface: 'axis' },
  { name: 'm24_poly1', function: 'isrlu', input: 'sQ2.9', accuracy: 'custom', method: 'poly', degree: 1, segmentBits: 4, guardBits: 2, pipeline: 0 },
  { name: 'm25_mp2', function: 'isru', alpha: 2, input: 'sQ3.8', accuracy: 'custom', method: 'multipartite', windowBits: 11, segmentBits: 7, offsetBits: [2, 2], offsetPrefixBits: [3, 2], romStyle: 'logic' },
  { name: 'm26_gate_poly', function: 'isru-gate', input: 'sQ2.7', output: 'uQ0.10', accuracy: 'custom', method: 'poly', degree: 2, derivative: true, romStyle: 'readmemh', interface: 'ready-valid' },
  { name: 'm27_xilinx_dy', function: 'isrlu', alpha: 2, input: 'sQ3.9', objective: 'no-bram', device: 'xilinx', derivative: true },
  // A tree of cubic pieces with its index table, on the codes around 0 (m22: a tree of linear
  // pieces on |x|; m18: cubic pieces merged by quarter).
  { name: 'm28_tree', function: 'isru', alpha: 2, input: 'sQ3.12', objective: 'no-bram' },
  // Products in LUTs on devices with DSP blocks (objective no-dsp, maxDsp 0): partial-product sums,
  // signed and unsigned, squares and constant multiplies (Newton-Raphson with the derivative).
  { name: 'm29_soft_poly', function: 'isrlu', input: 'sQ3.12', objective: 'no-dsp', maxBram: 2 },
  { name: 'm30_soft_newton', function: 'isru', alpha: 3, input: 'sQ2.9', accuracy: 'custom', method: 'newton', steps: 1, maxDsp: 0, device: 'xilinx', derivative: true, interface: 'ready-valid' },
  // A mixed product split: the first Horner product in LUTs beside a DSP block (lutProducts).
  { name: 'm31_lut_product', function: 'isrlu', input: 'sQ2.9', accuracy: 'custom', method: 'poly', degree: 2, segmentBits: 4, lutProducts: 1 },
  // A table of every input code in block RAM (no fold, no identity select), with the derivative's.
  { name: 'm32_whole_table', function: 'isrlu', input: 'sQ3.4', derivative: true, interface: 'ready-valid' },
  // The identity half selected for y (a table of the negative half) but not for the derivative (a
  // table of the codes around 0 that holds it).
  { name: 'm33_mixed_folds', function: 'isrlu', input: 'sQ3.6', derivative: true },
  // Cuts by node name on a faithful spec: the search takes a design with a product p0 (linear pieces
  // in block RAM, not the multipartite tables it takes otherwise), the cut after p0 a register of its own.
  { name: 'm34_cuts', function: 'isrlu', input: 'sQ3.8', pipeline: ['p0'], interface: 'ready-valid' },
  // A DSP budget shared by two channels: y keeps one DSP block, the derivative's pieces have every
  // product in LUTs on a device with DSP blocks (lutProducts = degree, offered under a budget).
  { name: 'm35_budget_pair', function: 'isru', input: 'sQ2.9', derivative: true, device: 'xilinx', maxDsp: 1, maxBram: 0, interface: 'ready-valid' },
];
