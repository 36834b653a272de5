import { describe, expect, it } from 'vitest';
import { longestAckGap, pauseAfterKill, type AckTrace } from './failover.js';
import { masterOfSlot } from './private-cluster.js';

const ack = (sentAtMs: number, ackedAtMs: number): AckTrace => ({ sentAtMs, ackedAtMs, ref: `n${sentAtMs}` });

describe('the failover pause', () => {
  // Killed at 1,000 ms: a publish in flight then is answered at 4,100 ms; the first publish sent
  // after the kill is answered at 4,050 ms.
  const trace = [
    ack(900, 905),
    ack(950, 956),
    ack(990, 4100),
    ack(1050, 4050),
    ack(1100, 4060),
    ack(4200, 4205),
  ];

  it('runs from the kill to the first ack of a publish sent after it', () => {
    expect(pauseAfterKill(trace, 1000)).toBe(3050);
  });

  it('is null when no publish sent after the kill was acknowledged', () => {
    expect(pauseAfterKill(trace.slice(0, 3), 1000)).toBeNull();
    expect(pauseAfterKill([], 1000)).toBeNull();
  });

  it('reports the longest silence between acks within the window, its ends included', () => {
    expect(longestAckGap(trace, 0, 5000)).toBe(4050 - 956);
    expect(longestAckGap([], 0, 5000)).toBe(5000);
    expect(longestAckGap([ack(100, 200)], 0, 10_000)).toBe(9800);
  });
});

describe('the master of a slot, from CLUSTER NODES', () => {
  const nodes = [
    'a1 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-5460',
    'a2 127.0.0.1:7002@17002 master - 0 1700000000000 2 connected 5461-10922',
    'a3 127.0.0.1:7003@17003,host3 master,fail - 0 1700000000000 3 disconnected',
    'a4 127.0.0.1:7004@17004 master - 0 1700000000000 7 connected 10923-16383 [42->-b1]',
    'a5 127.0.0.1:7005@17005 slave a2 0 1700000000000 2 connected',
    '',
  ].join('\n');

  it('finds the live master whose ranges hold the slot', () => {
    expect(masterOfSlot(nodes, 0)).toBe('127.0.0.1:7001');
    expect(masterOfSlot(nodes, 5461)).toBe('127.0.0.1:7002');
    expect(masterOfSlot(nodes, 16383)).toBe('127.0.0.1:7004');
  });

  it('skips failed masters and replicas, and answers undefined for an unserved slot', () => {
    expect(masterOfSlot(nodes.replace('connected 0-5460', 'connected'), 100)).toBeUndefined();
    const single = 'b1 127.0.0.1:7010@17010 master - 0 0 1 connected 100';
    expect(masterOfSlot(single, 100)).toBe('127.0.0.1:7010');
    expect(masterOfSlot(single, 101)).toBeUndefined();
    const failedOver = [
      'c1 127.0.0.1:7020@17020 master,fail - 0 0 1 disconnected 0-100',
      'c2 127.0.0.1:7021@17021 master - 0 0 4 connected 0-100',
    ].join('\n');
    expect(masterOfSlot(failedOver, 50)).toBe('127.0.0.1:7021');
  });
});
