-- Stops a local recording once: only the call that finds it recording completes it.
-- KEYS[1] recording   HASH: room, status (recording|complete), startedAt, stoppedAt
-- ARGV[1] now         epoch ms
-- Returns 1 when this call stopped it, 0 when it had stopped already, -1 when there is none.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return -1 end
if status ~= 'recording' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'complete', 'stoppedAt', ARGV[1])
return 1
