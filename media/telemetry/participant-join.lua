-- A participant joined a session's LiveKit room (participant_joined webhook).
-- KEYS[1] present  HASH identity -> joinedAt (ms)
-- KEYS[2] counters HASH joins, peak, watchMs, handRaises, questions
-- ARGV[1] identity  ARGV[2] joinedAt (ms)
-- Returns {current, peak}. A join already recorded (the webhook delivered twice) counts once.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'joins', 1)
end
local current = redis.call('HLEN', KEYS[1])
local peak = tonumber(redis.call('HGET', KEYS[2], 'peak') or '0')
if current > peak then
  peak = current
  redis.call('HSET', KEYS[2], 'peak', peak)
end
return {current, peak}
