// Public face of the charts: deterministic PNG charts (Chart.js on @napi-rs/canvas) and the
// ChartSpecs of a core's transfer function, its error and accuracy against bit width.
export * from './render.js';
export * from './fonts.js';
export { strokeText, strokeTextWidth, useStrokeFont } from './stroke-font.js';
export * from './core-charts.js';
