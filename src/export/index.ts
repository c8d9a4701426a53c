// Public face of the export: the core's bit-exact model as C99 or Python source.
export * from './export.js';
