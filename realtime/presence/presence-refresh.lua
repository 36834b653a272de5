-- Extends the expiry of known connections (one node's heartbeat); unknown ids are ignored, so a
-- late heartbeat never brings back a removed or swept connection.
-- KEYS[1] conns  ZSET connId -> expiry (ms)
-- KEYS[2] info   HASH connId -> JSON {id, name, status}
-- KEYS[3] users  HASH userId -> connections not yet removed or swept
-- ARGV[1] now (ms)   ARGV[2] ttlMs   ARGV[3..] connIds
-- Returns nil.
local ttlMs = tonumber(ARGV[2])
local expiresAtMs = tonumber(ARGV[1]) + ttlMs
for i = 3, #ARGV do
  redis.call('ZADD', KEYS[1], 'XX', expiresAtMs, ARGV[i])
end

local keyTtlMs = 2 * ttlMs
for _, key in ipairs(KEYS) do
  if redis.call('PTTL', key) < keyTtlMs then redis.call('PEXPIRE', key, string.format('%d', keyTtlMs)) end
end
return nil
