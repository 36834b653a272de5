-- restore.lua: give a topic its position when it has none: never published, or Redis lost it
-- (then the message store's newest offset and epoch continue the history). The first caller
-- wins; every caller gets the position in force.
--
-- KEYS[1] meta  HASH {epoch, offset}
-- ARGV[1] epoch   ARGV[2] offset   ARGV[3] idle expiry of the key (ms)
-- Returns {epoch, offset}
if redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 'offset', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
local pos = redis.call('HMGET', KEYS[1], 'epoch', 'offset')
return {pos[1], tonumber(pos[2])}
