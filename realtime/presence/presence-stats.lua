-- Read only. Counts users and connections, leaving out expired ones; O(expired connections),
-- not O(topic), so it stays cheap for large topics.
-- KEYS[1] conns  ZSET connId -> expiry (ms)
-- KEYS[2] info   HASH connId -> JSON {id, name, status}
-- KEYS[3] users  HASH userId -> connections not yet removed or swept
-- ARGV[1] now (ms): expiry <= now is expired
-- Returns {users, connections}.
local users = redis.call('HLEN', KEYS[3])
local connections = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf')
local expiredPerUser = {}
for _, connId in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])) do
  local infoJson = redis.call('HGET', KEYS[2], connId)
  if infoJson then
    local id = cjson.decode(infoJson).id
    expiredPerUser[id] = (expiredPerUser[id] or 0) + 1
  end
end
for id, expired in pairs(expiredPerUser) do
  if tonumber(redis.call('HGET', KEYS[3], id) or 0) <= expired then users = users - 1 end
end
return { users, connections }
