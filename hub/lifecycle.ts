// Process lifecycle: SIGTERM and SIGINT start a graceful shutdown bounded in time. Past the
// bound, or on a second signal, the process exits at once with status 1.
import type { Logger } from 'pino';

export function exitOnSignals(
  shutdown: (reason: string) => Promise<void>,
  timeoutMs: number,
  log: Logger,
): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    started = true;
    const timer = setTimeout(() => {
      log.error({ timeoutMs }, 'graceful shutdown took too long: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    shutdown(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'graceful shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
