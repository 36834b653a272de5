// The job processors a worker process runs: each module that hands work to workers
// (moderation scoring, inbox sync, SLA timers, session reminders) adds its entry here.
import type { Config } from '../config/index.js';
import type { Processor } from './worker.js';

export function processors(_config: Config): Processor[] {
  return [];
}
