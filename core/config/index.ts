// UCI configuration of the daemon: parser, option types, section schemas, the
// registry plugins add their sections to, and the service (TOKENS.Config).
export * from './uci-parser.js';
export * from './option-types.js';
export * from './schema.js';
export * from './registry.js';
export * from './core-sections.js';
export * from './diff.js';
export * from './service.js';
