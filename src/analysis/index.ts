// Public face of the analysis: error statistics, faithful sizing and elaboration of a spec.
export * from './error.js';
export * from './sizing.js';
export * from './elaborate.js';
export * from './search.js';
export * from './objective.js';
export { searchChannel, priceChannel, type ChannelCandidate } from './direct-search.js';
