-- Closes a live-session poll; votes arriving after this are refused by poll-vote.lua.
-- KEYS[1] polls HASH pollId -> JSON poll
-- ARGV[1] pollId  ARGV[2] closedAt (ms)
-- Returns 1 when this call closed it, 0 when it was closed already, -1 when there is no such poll.
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return -1 end
local poll = cjson.decode(raw)
if poll.status ~= 'open' then return 0 end
poll.status = 'closed'
poll.closedAt = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(poll))
return 1
