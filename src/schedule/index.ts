// Public face of scheduling: pipeline stages for the elaborated datapath, and the delay model.
export * from './schedule.js';
export * from './delay.js';
export * from './layout.js';
