// Public face of scheduling: pipeline stages for the elaborated datapath.
export * from './schedule.js';
