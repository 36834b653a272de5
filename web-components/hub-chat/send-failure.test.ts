import { describe, expect, it } from 'vitest';
import { I18n } from '../shared/i18n/i18n.js';
import { blockFrom, describeBlock, describeFailure } from './send-failure.js';

const i18n = new I18n('en');
const now = 1_000_000;

describe('describeFailure', () => {
  it('names an AutoMod block with its reason, and offers editing, never Retry', () => {
    expect(describeFailure({ code: 'automod_blocked', message: 'No scams here.' }, 'x', i18n, now)).toEqual({
      text: 'Blocked: No scams here.',
      canRetry: false,
      waitUntil: undefined,
      final: true,
    });
  });

  it('says a body is too long with the limit, whichever code the hub refused it with', () => {
    const long = 'a'.repeat(4_001);
    for (const code of ['payload_too_large', 'validation_failed']) {
      expect(describeFailure({ code, message: 'data is larger' }, long, i18n, now)).toMatchObject({
        text: 'Not sent: longer than 4,000 characters.',
        canRetry: false,
        final: true,
      });
    }
    expect(
      describeFailure({ code: 'validation_failed', message: 'replyToId: must be an id' }, 'hi', i18n, now),
    ).toMatchObject({ text: 'Not sent: replyToId: must be an id', canRetry: false });
  });

  it('counts down a slowmode, a timeout and the rate limit, offering Retry once the wait is over', () => {
    const slow = { code: 'slowmode', message: 'wait', retryAt: now + 12_300 };
    expect(describeFailure(slow, 'hi', i18n, now)).toEqual({
      text: 'Not sent: this channel is in slowmode. You can retry in 13 seconds.',
      canRetry: false,
      waitUntil: now + 12_300,
      final: false,
    });
    expect(describeFailure(slow, 'hi', i18n, now + 12_300)).toMatchObject({
      text: 'Not sent: this channel is in slowmode.',
      canRetry: true,
    });
    const timedOut = { code: 'timed_out', message: 'timed out', retryAt: now + 5 * 60_000 };
    expect(describeFailure(timedOut, 'hi', i18n, now).text).toBe(
      'Not sent: you are timed out in this community. You can retry in 5 minutes.',
    );
    expect(describeFailure({ code: 'rate_limited', message: '' }, 'hi', i18n, now).canRetry).toBe(true);
  });

  it('offers Retry at once when the network or the hub failed, and not when the member may not send', () => {
    expect(describeFailure({ code: 'timeout', message: '' }, 'hi', i18n, now)).toMatchObject({
      text: 'Not sent: the hub did not answer in time.',
      canRetry: true,
      final: false,
    });
    expect(describeFailure({ code: 'not_ready', message: '' }, 'hi', i18n, now).canRetry).toBe(true);
    expect(describeFailure({ code: 'overloaded', message: '' }, 'hi', i18n, now)).toMatchObject({
      text: 'Not sent: the hub is busy or restarting.',
      canRetry: true,
      final: false,
    });
    expect(describeFailure({ code: 'forbidden', message: '' }, 'hi', i18n, now)).toMatchObject({
      text: 'Not sent: you cannot send messages here.',
      canRetry: false,
      final: true,
    });
    expect(describeFailure({ code: 'conflict', message: '' }, 'hi', i18n, now)).toMatchObject({
      text: 'Not sent.',
      canRetry: false,
    });
  });
});

describe('blocks of the composer', () => {
  it('holds a timeout and the rate limit everywhere, slowmode in its channel, only with a wait', () => {
    expect(blockFrom('c1', { code: 'timed_out', message: '', retryAt: now + 1 })).toEqual({
      code: 'timed_out',
      channelId: null,
      until: now + 1,
    });
    expect(blockFrom('c1', { code: 'slowmode', message: '', retryAt: now + 1 })?.channelId).toBe('c1');
    expect(blockFrom('c1', { code: 'slowmode', message: '' })).toBeUndefined();
    expect(blockFrom('c1', { code: 'forbidden', message: '', retryAt: now + 1 })).toBeUndefined();
    expect(describeBlock({ code: 'slowmode', channelId: 'c1', until: now + 30_000 }, i18n, now)).toBe(
      'Slowmode: you can send again in 30 seconds.',
    );
  });
});
