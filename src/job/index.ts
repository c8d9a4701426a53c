// Public face of the main job (`isrlu run`): every back end on one spec, written to out/NAME/.
export { runJob, type JobOptions, type JobResult, type JobStep, type StepStatus, type TrainingOutcome } from './run.js';
