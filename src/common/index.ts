// Public face of the shared bottom layer: the bad-input error, file I/O, output folders and seeded
// random numbers. It imports nothing of the tool but src/fixedpoint, so every folder may use it.
export { UserError } from './errors.js';
export { writeFileAtomic, checkOverwrite, readTextFile, readInput, writeOutput, isStreamPath } from './files.js';
export { checkOutputDir, writeOutputDir, MANIFEST } from './outdir.js';
export { mulberry32, sampleCodes, seededShuffle } from './prng.js';
export { extent } from './extent.js';
export { solveLinear } from './linear.js';
