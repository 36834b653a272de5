-- Sets one connection's status and reports whether its user's aggregate status (over their live
-- connections: dnd > online > idle) changed.
-- KEYS[1] conns  ZSET connId -> expiry (ms)
-- KEYS[2] info   HASH connId -> JSON {id, name, status}
-- KEYS[3] users  HASH userId -> connections not yet removed or swept
-- ARGV[1] connId   ARGV[2] status   ARGV[3] now (ms)
-- Returns JSON {id, name, status} with the new aggregate if it changed, else nil (also for an
-- unknown or expired connection).
local connId, status, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
local RANK = { idle = 1, online = 2, dnd = 3 }
local NAME = { 'idle', 'online', 'dnd' }

local infoJson = redis.call('HGET', KEYS[2], connId)
if not infoJson then return nil end
local info = cjson.decode(infoJson)
if info.status == status then return nil end

local function live(id) return (tonumber(redis.call('ZSCORE', KEYS[1], id)) or 0) > now end

-- Best rank over the user's live connections, before and after the change (0: none live).
local before, after = 0, 0
if tonumber(redis.call('HGET', KEYS[3], info.id)) == 1 then
  if live(connId) then before, after = RANK[info.status], RANK[status] end
else
  -- O(connections in the topic), paid only by users with several connections.
  local all = redis.call('HGETALL', KEYS[2])
  for i = 1, #all, 2 do
    local other = all[i] == connId and info or cjson.decode(all[i + 1])
    if other.id == info.id and live(all[i]) then
      before = math.max(before, RANK[other.status])
      after = math.max(after, all[i] == connId and RANK[status] or RANK[other.status])
    end
  end
end

info.status = status
redis.call('HSET', KEYS[2], connId, cjson.encode(info))
if after == before or after == 0 then return nil end
return cjson.encode({ id = info.id, name = info.name, status = NAME[after] })
