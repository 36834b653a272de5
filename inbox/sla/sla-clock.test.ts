// SLA clocks under a fake clock: timers fire at the planned instants, a timer that fires after
// the agent answered does nothing, and the breach escalates exactly at the due time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addBusinessTime, parseBusinessHours } from './business-hours.js';
import { DEFAULT_SLA_POLICIES, raisedPriority } from './policies.js';
import { planTimers, resolutionStart, timerApplies, type ClockState, type SlaTimer } from './sla-clock.js';

const always = parseBusinessHours('');
const MIN = 60_000;

describe('business hours', () => {
  const weekdays = parseBusinessHours('mon-fri 09:00-17:00', 'UTC');

  it('counts only open time: 4 h from Friday 16:00 is Monday 12:00', () => {
    const friday = new Date('2026-11-20T16:00:00Z');
    expect(addBusinessTime(friday, 240 * MIN, weekdays).toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('starts the clock at the next opening when closed', () => {
    const sunday = new Date('2026-11-22T20:05:00Z');
    expect(addBusinessTime(sunday, 30 * MIN, weekdays).toISOString()).toBe('2026-11-23T09:30:00.000Z');
  });

  it('honours the time zone', () => {
    const berlin = parseBusinessHours('mon-fri 09:00-17:00', 'Europe/Berlin');
    // 08:30 UTC on a Monday in November is 09:30 in Berlin: open.
    expect(addBusinessTime(new Date('2026-11-23T08:30:00Z'), 60 * MIN, berlin).toISOString()).toBe(
      '2026-11-23T09:30:00.000Z',
    );
  });

  it('refuses malformed rules and unknown zones', () => {
    expect(() => parseBusinessHours('weekdays 9-5')).toThrow(/not like/);
    expect(() => parseBusinessHours('mon 17:00-09:00')).toThrow(/out of range/);
    expect(() => parseBusinessHours('mon 09:00-17:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('SLA timers under a fake clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  /** Schedules timers with setTimeout (the fake clock drives them) and records what fired. */
  function run(timers: SlaTimer[], state: () => ClockState): { fired: { stage: string; at: number }[] } {
    const fired: { stage: string; at: number }[] = [];
    for (const t of timers) {
      setTimeout(() => {
        if (timerApplies(t, state(), DEFAULT_SLA_POLICIES, always))
          fired.push({ stage: t.stage, at: Date.now() });
      }, t.at - Date.now());
    }
    return { fired };
  }

  it('warns at 80% and escalates exactly at the first-response target', () => {
    const created = new Date();
    const state: ClockState = {
      status: 'open',
      priority: 'high',
      createdAt: created,
      firstResponseAt: null,
      awaitingSince: created,
      breaches: [],
    };
    const timers = planTimers('first_response', 'high', created, DEFAULT_SLA_POLICIES, always);
    const { fired } = run(timers, () => state);
    vi.advanceTimersByTime(48 * MIN - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ stage: 'warning', at: created.getTime() + 48 * MIN }]);
    vi.advanceTimersByTime(12 * MIN - 1);
    expect(fired).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(fired[1]).toEqual({ stage: 'breach', at: created.getTime() + 60 * MIN });
    expect(raisedPriority('high')).toBe('urgent');
  });

  it('does nothing when the agent answered before the target', () => {
    const created = new Date();
    const state: ClockState = {
      status: 'open',
      priority: 'urgent',
      createdAt: created,
      firstResponseAt: null,
      awaitingSince: created,
      breaches: [],
    };
    const { fired } = run(
      planTimers('first_response', 'urgent', created, DEFAULT_SLA_POLICIES, always),
      () => state,
    );
    vi.advanceTimersByTime(5 * MIN);
    state.firstResponseAt = new Date();
    state.awaitingSince = null;
    vi.advanceTimersByTime(60 * MIN);
    expect(fired).toEqual([]);
  });

  it('moves the next-response clock with each unanswered member message', () => {
    const created = new Date();
    const state: ClockState = {
      status: 'open',
      priority: 'urgent',
      createdAt: created,
      firstResponseAt: created,
      awaitingSince: created,
      breaches: [],
    };
    const old = planTimers('next_response', 'urgent', created, DEFAULT_SLA_POLICIES, always);
    vi.advanceTimersByTime(10 * MIN);
    state.awaitingSince = null; // answered
    vi.advanceTimersByTime(5 * MIN);
    state.awaitingSince = new Date(); // a new member message restarts the clock
    const fresh = planTimers('next_response', 'urgent', state.awaitingSince, DEFAULT_SLA_POLICIES, always);
    const { fired } = run([...old, ...fresh], () => state);
    vi.advanceTimersByTime(30 * MIN);
    expect(fired.map((f) => [f.stage, f.at - created.getTime()])).toEqual([
      ['warning', 39 * MIN],
      ['breach', 45 * MIN],
    ]);
  });

  it("runs the resolution clock again from a reopening; the old clock's timers are stale", () => {
    const created = new Date();
    const state: ClockState = {
      status: 'resolved',
      priority: 'urgent',
      createdAt: created,
      firstResponseAt: created,
      awaitingSince: null,
      breaches: [],
    };
    const old = planTimers('resolution', 'urgent', resolutionStart(state), DEFAULT_SLA_POLICIES, always);
    vi.advanceTimersByTime(60 * MIN);
    state.status = 'open';
    state.reopenedAt = new Date();
    expect(resolutionStart(state)).toEqual(state.reopenedAt);
    const fresh = planTimers('resolution', 'urgent', state.reopenedAt, DEFAULT_SLA_POLICIES, always);
    for (const t of old) expect(timerApplies(t, state, DEFAULT_SLA_POLICIES, always)).toBe(false);
    for (const t of fresh) expect(timerApplies(t, state, DEFAULT_SLA_POLICIES, always)).toBe(true);
  });

  it('ignores timers of a resolved conversation and breaches already recorded', () => {
    const created = new Date();
    const base: ClockState = {
      status: 'resolved',
      priority: 'low',
      createdAt: created,
      firstResponseAt: null,
      awaitingSince: created,
      breaches: [],
    };
    const [, breach] = planTimers('resolution', 'low', created, DEFAULT_SLA_POLICIES, always);
    expect(timerApplies(breach as SlaTimer, base, DEFAULT_SLA_POLICIES, always)).toBe(false);
    expect(
      timerApplies(
        breach as SlaTimer,
        { ...base, status: 'open', breaches: ['resolution'] },
        DEFAULT_SLA_POLICIES,
        always,
      ),
    ).toBe(false);
    expect(timerApplies(breach as SlaTimer, { ...base, status: 'open' }, DEFAULT_SLA_POLICIES, always)).toBe(
      true,
    );
  });
});
