// Which failures answer `not_ready`: the errors ioredis and the MongoDB driver give while their
// server is unreachable or failing over, and nothing else (a bug stays `internal`).
import mongoose from 'mongoose';
import { ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { downDependency } from './dependency-errors.js';

describe('downDependency', () => {
  it('names Redis for the errors of a Redis or Redis Cluster that is down or failing over', () => {
    for (const message of [
      'Connection is closed.',
      'connect ECONNREFUSED 127.0.0.1:6379',
      'CLUSTERDOWN The cluster is down',
      // What ioredis Cluster gave a publish during a master's failover (test/gateway/failover.test.ts).
      'Too many Cluster redirections. Last error: ReplyError: MOVED 11767 127.0.0.1:6403',
    ])
      expect(downDependency(new Error(message)), message).toBe('Redis');
    const retries = Object.assign(new Error('Reached the max retries per request limit (which is 2).'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(downDependency(retries)).toBe('Redis');
  });

  it('names the database for the MongoDB driver network errors', () => {
    expect(downDependency(new mongoose.mongo.MongoNetworkError('connection closed'))).toBe('the database');
  });

  it('names nothing for other failures', () => {
    expect(
      downDependency(new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value')),
    ).toBe(null);
    expect(downDependency(new TypeError('cannot read properties of undefined'))).toBe(null);
    expect(downDependency('a string')).toBe(null);
  });
});
