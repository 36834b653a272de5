// The earlier name of `withDocumentLock` (document-lock.ts), kept for the repositories not yet
// moved to it (messages.ts): the same per-document serialisation, across processes.
export { withDocumentLock as serialized } from './document-lock.js';
