-- Read only. The users with live connections, aggregated.
-- KEYS[1] conns  ZSET connId -> expiry (ms)
-- KEYS[2] info   HASH connId -> JSON {id, name, status}
-- ARGV[1] now (ms): expiry <= now is expired
-- Returns one JSON {id, name, status, connections} per user with a live connection.
local RANK = { idle = 1, online = 2, dnd = 3 }
local users, order = {}, {}
for _, connId in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')) do
  local infoJson = redis.call('HGET', KEYS[2], connId)
  if infoJson then
    local info = cjson.decode(infoJson)
    local user = users[info.id]
    if not user then
      user = { id = info.id, name = info.name, status = info.status, connections = 0 }
      users[info.id] = user
      order[#order + 1] = info.id
    end
    user.connections = user.connections + 1
    if RANK[info.status] > RANK[user.status] then user.status = info.status end
  end
end
local out = {}
for i, id in ipairs(order) do out[i] = cjson.encode(users[id]) end
return out
