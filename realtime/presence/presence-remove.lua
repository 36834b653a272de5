-- Removes one connection; idempotent, so a second remove (or one after the sweep) never counts
-- a user down twice.
-- KEYS[1] conns  ZSET connId -> expiry (ms)
-- KEYS[2] info   HASH connId -> JSON {id, name, status}
-- KEYS[3] users  HASH userId -> connections not yet removed or swept
-- ARGV[1] connId
-- Returns {the stored info JSON of the connection if it was its user's last, else false, users
-- counted in the topic}.
local infoJson = redis.call('HGET', KEYS[2], ARGV[1])
if not infoJson then return { false, redis.call('HLEN', KEYS[3]) } end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
local userId = cjson.decode(infoJson).id
if redis.call('HINCRBY', KEYS[3], userId, -1) > 0 then return { false, redis.call('HLEN', KEYS[3]) } end
redis.call('HDEL', KEYS[3], userId)
return { infoJson, redis.call('HLEN', KEYS[3]) }
