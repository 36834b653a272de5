-- Removes connections whose expiry has passed, at most ARGV[2] per run so a dead node's many
-- connections do not block Redis in one long script; the caller runs it again while `more`.
-- KEYS[1] conns  ZSET connId -> expiry (ms)
-- KEYS[2] info   HASH connId -> JSON {id, name, status}
-- KEYS[3] users  HASH userId -> connections not yet removed or swept
-- ARGV[1] now (ms): expiry <= now is expired   ARGV[2] batch size
-- Returns {more: 1 if expired connections remain else 0, info JSON of each user who left...}.
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local out = { 0 }
for _, connId in ipairs(expired) do
  redis.call('ZREM', KEYS[1], connId)
  local infoJson = redis.call('HGET', KEYS[2], connId)
  if infoJson then
    redis.call('HDEL', KEYS[2], connId)
    local userId = cjson.decode(infoJson).id
    if redis.call('HINCRBY', KEYS[3], userId, -1) <= 0 then
      redis.call('HDEL', KEYS[3], userId)
      out[#out + 1] = infoJson
    end
  end
end
if redis.call('ZCOUNT', KEYS[1], '-inf', ARGV[1]) > 0 then out[1] = 1 end
return out
