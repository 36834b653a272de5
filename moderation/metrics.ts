// What moderation counts on a hub node's /metrics: AutoMod's verdicts and actions, so operators
// see a rule that suddenly blocks everything, or a wave of spam, without reading the audit log.
import { Counter, type Registry } from 'prom-client';

export interface ModerationMetrics {
  /** Messages and edits AutoMod found breaking a rule, by verdict (allow = alert or timeout only). */
  verdicts: Counter<'verdict'>;
  /** Actions taken, by type: block, hide, alert, timeout. */
  actions: Counter<'action'>;
}

export function createModerationMetrics(registry?: Registry): ModerationMetrics {
  const registers = registry ? [registry] : [];
  return {
    verdicts: new Counter({
      name: 'hubbub_automod_verdicts_total',
      help: 'Messages and edits that broke an AutoMod rule, by verdict.',
      labelNames: ['verdict'],
      registers,
    }),
    actions: new Counter({
      name: 'hubbub_automod_actions_total',
      help: 'AutoMod actions taken, by type.',
      labelNames: ['action'],
      registers,
    }),
  };
}
