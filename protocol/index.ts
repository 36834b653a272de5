// Wire types and registries shared by the hub and its clients. No runtime dependencies.
export * from './close-codes.js';
export * from './error-codes.js';
export * from './frames.js';
export * from './topics.js';
export * from './hub-error.js';
export * from './support.js';
export * from './support-context.js';
export * from './live-session.js';
export * from './limits.js';
