// Folder-level import graph of src/ (non-test sources): prints each folder's imports and every
// cycle (a folder that imports a folder that imports it back, directly or through others).
// `tsx scripts/layers.mts` exits 1 when there is a cycle; src/layers.test.ts runs the same check.
import { folderGraph, folderCycles } from '../src/layers.js';

const graph = folderGraph('src');
for (const [f, deps] of [...graph].sort()) console.log(`${f} -> ${[...deps].sort().join(' ') || '(nothing)'}`);
const cycles = folderCycles(graph);
for (const c of cycles) console.log(`cycle: ${c.join(' -> ')}`);
process.exit(cycles.length ? 1 : 0);
