// What a device family is to the tool: every fact the delay model, the area model, synthesis and
// place-and-route need, in one record per device (src/targets/<device>.ts). Adding a device is
// adding one such file to the registry in index.ts.

/** A Yosys cell type and what one instance adds (or a function of the match, for sized names). */
export interface CellRule {
  readonly match: RegExp;
  readonly per: Contribution | ((m: RegExpMatchArray) => Contribution);
}

/** Resource totals derived from cell counts. */
export interface ResourceCounts {
  /** Logic LUTs (SB_LUT4; Xilinx LUT1..LUT6, LUT6_2 and INV, which Vivado places as a LUT1). */
  readonly lut: number;
  /** Flip-flops and latches (SB_DFF*; Xilinx FD*, LDCE/LDPE). */
  readonly ff: number;
  /** Carry-chain cells (SB_CARRY; CARRY4/CARRY8). */
  readonly carry: number;
  /** Hard multipliers (SB_MAC16; DSP48E1/E2). */
  readonly dsp: number;
  /**
   * Storage bits: block RAM capacity, distributed-RAM primitive capacity (depth x width x banks as
   * the primitive is named, e.g. RAM64M = 4 x 64 x 1 = 256), iCE40 SPRAM, and memories Yosys left
   * unmapped ($mem cells, RTLIL memories). Capacity, not bits in use.
   */
  readonly memoryBits: number;
  /**
   * Block RAM tiles as the vendor counts them: one per SB_RAM40_4K; one per RAMB36E1 and one half
   * per RAMB18E1 (Vivado's "Block RAM Tile"). SPRAM and distributed RAM are not block RAM.
   */
  readonly bram: number;
}

export type Contribution = Partial<ResourceCounts>;

/** mul2dsp's parameters for one flow (see synth_ice40 -dsp, synth_xilinx). */
export interface DspRules {
  readonly aMax: number;
  readonly bMax: number;
  /** DSP_A_MAXWIDTH_PARTIAL: the slice width when A is split. */
  readonly aPartial: number;
  readonly bPartial: number;
  readonly aMin: number;
  readonly bMin: number;
  readonly yMin: number;
  /** DSP_SIGNEDONLY: an unsigned product becomes a signed one a bit wider on each side. */
  readonly signedOnly: boolean;
}

/** Block RAM geometry and the size from which memory_libmap prefers it to logic (measured). */
export interface BramRules {
  /** [depth, width] pairs of the block's configurations, shallowest first. */
  readonly shapes: readonly (readonly [number, number])[];
  readonly bitsPerBlock: number;
  /** Tables of more bits than this (2^k x live width) go to block RAM when read synchronously. */
  readonly minBits: number;
  /** Block RAM tiles one block counts as, the vendor's way (a 7-series RAMB18 is half a RAMB36 tile). */
  readonly tilesPerBlock: number;
}

/**
 * The area objective's weights: what each resource costs in LUT-equivalents of silicon on this
 * device family (its floorplan: a hard block takes the place of so many logic cells), and how many
 * FFs a logic cell holds beside its LUT. Cost = max(LUT, FF / ffPerCell) + dsp * DSP + bram * BRAM.
 */
export interface CostWeights {
  readonly ffPerCell: number;
  readonly dsp: number;
  readonly bram: number;
  /** Where the weights come from, for the docs. */
  readonly basis: string;
}

/** Combinational delays (ns) of the fabric, for the schedule's delay model. */
export interface DelayFacts {
  /** One LUT plus its local routing. */
  readonly lut: number;
  /** Per bit of a carry chain. */
  readonly carryBit: number;
  /** Clock-to-out plus setup of a register: the overhead of every stage. */
  readonly register: number;
  /** A combinational hard multiplier (its operand sizes), where the flow infers one. */
  readonly dsp?: { readonly delay: number; readonly a: number; readonly b: number };
}

export interface Target {
  readonly name: string;
  /** One line for help texts and reports. */
  readonly description: string;
  /** Inputs of a logic LUT (4 on iCE40 and ECP5, 6 on 7-series). */
  readonly lutInputs: 4 | 6;
  readonly delay: DelayFacts;
  /** The clock `pipeline: "auto"` aims at when the spec sets no clockMHz. */
  readonly defaultClockMHz: number;
  /** Hard multipliers as mul2dsp tiles them, with the register levels a block absorbs; absent: LUT multipliers. */
  readonly dsp?: DspRules & {
    readonly registers: { readonly input: number; readonly output: number };
    /** Whether every slice of a product wider than one block keeps its registers (SB_MAC16) or only single-block products do. */
    readonly slicesKeepRegisters: boolean;
    /**
     * Whether the flow packs an add into the block of the product it reads only where the $mul
     * drives the $add at the add's own width (measured, Yosys 0.55: synth_ice40 -dsp leaves the
     * adder of a sign-extended product in the fabric, synth_xilinx packs it either way).
     */
    readonly postAddFullWidth: boolean;
  };
  readonly bram: BramRules;
  /** Shift chains of at least this many FFs become one SRL cell (7-series SRL16E). */
  readonly srlMinLength?: number;
  /**
   * Measured (Yosys 0.55, 2-lane iterative cores): whether synthesis merges the lanes' input-side
   * DSP blocks (synth_ice40 -dsp does, synth_xilinx keeps one per lane).
   */
  readonly mergesLaneDsps: boolean;
  /** Synthesis: the Yosys command (`-top` is appended) and how its cells count. */
  readonly synth: { readonly command: string; readonly cells: readonly CellRule[] };
  /** The area objective's weights on this device. */
  readonly cost: CostWeights;
  /**
   * The part the family's figures are for, where there is one (the UP5K for iCE40): the faithful
   * search keeps only cores that fit it. Absent for a family of many sizes (Xilinx 7-series).
   */
  readonly capacity?: { readonly part: string; readonly lut: number; readonly ff: number; readonly dsp: number; readonly bram: number };
  /** Place and route for a measured Fmax, where a tool exists for the family. */
  readonly pnr?: { readonly tool: string; readonly device: string; readonly package: string };
}
