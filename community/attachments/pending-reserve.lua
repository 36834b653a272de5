-- Reserves a place for one upload among a user's pending uploads of one community: refused when
-- `max` are pending already. Reservations older than the pending lifetime are dropped first (the
-- sweep deletes such uploads), so a place a lost reservation held comes back by then.
-- KEYS[1] pending  ZSET attachment id -> reserved at (ms)
-- ARGV[1] id   ARGV[2] max   ARGV[3] now (ms)   ARGV[4] ttlMs (the pending lifetime)
-- Returns {1, 0} if reserved, else {0, retryAfterMs}: ms until the oldest reservation lapses.
local id, max, now, ttlMs = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - ttlMs))
if redis.call('ZCARD', KEYS[1]) >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local lapses = tonumber(oldest[2] or now) + ttlMs
  return { 0, math.max(1, lapses - now) }
end
redis.call('ZADD', KEYS[1], string.format('%d', now), id)
redis.call('PEXPIRE', KEYS[1], string.format('%d', ttlMs))
return { 1, 0 }
