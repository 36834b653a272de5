-- A participant left a session's LiveKit room (participant_left webhook).
-- KEYS[1] present  HASH identity -> joinedAt (ms)
-- KEYS[2] counters HASH joins, peak, watchMs, ...
-- ARGV[1] identity  ARGV[2] leftAt (ms)
-- Returns the number still present. Adds the stay to watchMs; a leave without its join is ignored.
local joinedAt = redis.call('HGET', KEYS[1], ARGV[1])
if joinedAt then
  redis.call('HDEL', KEYS[1], ARGV[1])
  local stay = tonumber(ARGV[2]) - tonumber(joinedAt)
  if stay > 0 then redis.call('HINCRBY', KEYS[2], 'watchMs', stay) end
end
return redis.call('HLEN', KEYS[1])
