// Which failures mean "a dependency is down" rather than "a bug": a Redis or MongoDB that cannot
// be reached, or dropped the connection mid-command. Both transports answer those `not_ready`
// (503 with Retry-After, or the error reply's retryAfterMs) instead of `internal`; readiness
// flips on its own checks. One place, because only the storage layer knows its clients' errors.
import mongoose from 'mongoose';

const REDIS_DOWN = [
  /Connection is closed/,
  /Stream isn't writeable/,
  /Reached the max retries per request limit/,
  /connect ECONNREFUSED/,
  /ECONNRESET/,
  /ETIMEDOUT/,
  /EPIPE/,
  /CLUSTERDOWN/,
  /TRYAGAIN/,
  /Failed to refresh slots cache/,
  /None of startup nodes is available/,
];

/** A network or availability failure of Redis or MongoDB. */
export function isDependencyDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const { mongo } = mongoose;
  if (
    err instanceof mongo.MongoNetworkError ||
    err instanceof mongo.MongoServerSelectionError ||
    err instanceof mongo.MongoTopologyClosedError ||
    err instanceof mongo.MongoNotConnectedError ||
    err instanceof mongoose.Error.MongooseServerSelectionError
  )
    return true;
  // mongoose buffers commands while disconnected, then gives up with this.
  if (err.name === 'MongooseError' && /buffering timed out/.test(err.message)) return true;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  return REDIS_DOWN.some((re) => re.test(err.message));
}
