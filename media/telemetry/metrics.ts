// Live-session figures on /metrics: sessions live, participants per live session (a series per
// session, dropped when it ends), webhooks by event and outcome.
import { Counter, Gauge, type Registry } from 'prom-client';

export interface MediaMetrics {
  participants: Gauge<'session'>;
  peakParticipants: Gauge<'session'>;
  webhooks: Counter<'event' | 'outcome'>;
  joinsTotal: Counter;
  sessionEnded(sessionId: string): void;
}

export function createMediaMetrics(registry: Registry): MediaMetrics {
  const participants = new Gauge({
    name: 'hubbub_live_session_participants',
    help: 'Participants in the LiveKit room of a live session now (from webhooks).',
    labelNames: ['session'],
    registers: [registry],
  });
  const peakParticipants = new Gauge({
    name: 'hubbub_live_session_peak_participants',
    help: 'Most participants at once in a live session so far.',
    labelNames: ['session'],
    registers: [registry],
  });
  return {
    participants,
    peakParticipants,
    webhooks: new Counter({
      name: 'hubbub_livekit_webhooks_total',
      help: 'LiveKit webhooks received, by event and outcome (handled, duplicate, ignored, refused, forged).',
      labelNames: ['event', 'outcome'],
      registers: [registry],
    }),
    joinsTotal: new Counter({
      name: 'hubbub_live_session_joins_total',
      help: 'Participants who joined a live session room.',
      registers: [registry],
    }),
    sessionEnded(sessionId) {
      participants.remove({ session: sessionId });
      peakParticipants.remove({ session: sessionId });
    },
  };
}
