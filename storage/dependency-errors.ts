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
  // ioredis Cluster gives up on a command redirected (MOVED) to a master that died, while its
  // replica is not promoted yet: a failover in progress.
  /Too many Cluster redirections/,
  /Failed to refresh slots cache/,
  /None of startup nodes is available/,
];

/** A network or availability failure of Redis or MongoDB. */
export function isDependencyDown(err: unknown): boolean {
  return downDependency(err) !== null;
}

/** Which dependency a failure says is down, in words for an error message; null for any other failure. */
export function downDependency(err: unknown): 'Redis' | 'the database' | null {
  if (!(err instanceof Error)) return null;
  const { mongo } = mongoose;
  if (
    err instanceof mongo.MongoNetworkError ||
    err instanceof mongo.MongoServerSelectionError ||
    err instanceof mongo.MongoTopologyClosedError ||
    err instanceof mongo.MongoNotConnectedError ||
    err instanceof mongoose.Error.MongooseServerSelectionError
  )
    return 'the database';
  // mongoose buffers commands while disconnected, then gives up with this.
  if (err.name === 'MongooseError' && /buffering timed out/.test(err.message)) return 'the database';
  if (err.name === 'MaxRetriesPerRequestError') return 'Redis';
  return REDIS_DOWN.some((re) => re.test(err.message)) ? 'Redis' : null;
}
