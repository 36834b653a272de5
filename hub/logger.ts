// Structured JSON logs. Every line of a request carries its requestId, every line of a
// WebSocket connection its connId (child loggers), so one grep follows one story.
import { pino, type Logger } from 'pino';
import type { Config } from '../config/index.js';

export type { Logger };

export function createLogger(config: Config, process: 'hub' | 'worker' | 'cli'): Logger {
  return pino({
    level: config.log.level,
    base: { process, pid: globalThis.process.pid, env: config.env },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Belt and braces: nothing logged under these keys reaches the output.
    redact: {
      paths: ['*.token', '*.apiSecret', '*.password', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
