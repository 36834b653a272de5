import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { MemoryRateLimiter } from './rate-limiter.memory.js';

describeRateLimiterContract('in memory', (clock) => new MemoryRateLimiter(clock));
