// The one mapping from a thrown error to what a client is told, for both transports: the hub's
// domain error as it is, a dependency that is down as `not_ready` (retry later), anything else
// undefined (a bug: the transport logs it and answers `internal`).
import { HubError, notReady } from '../../protocol/index.js';
import { downDependency } from '../../storage/dependency-errors.js';

export function asHubError(err: unknown): HubError | undefined {
  if (err instanceof HubError) return err;
  const down = downDependency(err);
  return down ? notReady(down) : undefined;
}
