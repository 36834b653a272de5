-- Adds a connection to a topic's presence, or re-adds a known one (new info and expiry, counted
-- once). Connections that expired but were not swept yet still count in `users`, so a user's
-- joins and leaves alternate: the sweep reports the leave, and a reconnect before it is no join.
-- KEYS[1] conns  ZSET connId -> expiry (ms)
-- KEYS[2] info   HASH connId -> JSON {id, name, status}
-- KEYS[3] users  HASH userId -> connections not yet removed or swept
-- ARGV[1] connId   ARGV[2] info JSON   ARGV[3] now (ms)   ARGV[4] ttlMs
-- Returns {joined: 1 on the user's first connection else 0, JSON {id, name, status,
-- connections} of the user over their live connections, users counted in the topic}; an error
-- if connId is another user's.
local connId, infoJson = ARGV[1], ARGV[2]
local now, ttlMs = tonumber(ARGV[3]), tonumber(ARGV[4])
local info = cjson.decode(infoJson)
local RANK = { idle = 1, online = 2, dnd = 3 }

local known = redis.call('HGET', KEYS[2], connId)
if known and cjson.decode(known).id ~= info.id then
  return redis.error_reply('presence: connection ' .. connId .. ' belongs to another user')
end

redis.call('ZADD', KEYS[1], now + ttlMs, connId)
redis.call('HSET', KEYS[2], connId, infoJson)
local count = known and tonumber(redis.call('HGET', KEYS[3], info.id) or 0) or 0
if count == 0 then count = redis.call('HINCRBY', KEYS[3], info.id, 1) end

local user = { id = info.id, name = info.name, status = info.status, connections = 1 }
if count > 1 then
  -- Other connections of this user: aggregate over the live ones. O(connections in the topic),
  -- paid only by users with several connections (the keys have no per-user index).
  user.connections = 0
  local all = redis.call('HGETALL', KEYS[2])
  for i = 1, #all, 2 do
    local other = cjson.decode(all[i + 1])
    if other.id == info.id and (tonumber(redis.call('ZSCORE', KEYS[1], all[i])) or 0) > now then
      user.connections = user.connections + 1
      if RANK[other.status] > RANK[user.status] then user.status = other.status end
    end
  end
end

-- Abandoned topics (every node gone) disappear: keys outlive the last refresh by 2 ttlMs.
local keyTtlMs = 2 * ttlMs
for _, key in ipairs(KEYS) do
  if redis.call('PTTL', key) < keyTtlMs then redis.call('PEXPIRE', key, string.format('%d', keyTtlMs)) end
end

return { (not known and count == 1) and 1 or 0, cjson.encode(user), redis.call('HLEN', KEYS[3]) }
