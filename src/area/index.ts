// Public face of the area model: a per-op estimate of LUTs, FFs, carries, DSPs and memory bits of a
// scheduled core on every target record. The per-op rules live with the ops (src/datapath/ops), the
// device facts in src/targets, the calibration against Yosys in src/calibration.
export { estimateArea, estimateAreaDetail, areaFeatures, lutFromFeatures, AREA_TARGETS, COST_CLASSES, UNIT_FACTORS } from './model.js';
export { FACTORS } from './factors.js';
export type { AreaCounts, AreaSchedule, AreaBreakdown, NodeArea, CostClass, Factors, LutFeatures } from './model.js';
export type { RegisterCount } from './registers.js';
