-- Moves an audit log's checkpoint forward: appends race, and only a newer seq may replace it.
-- KEYS[1] checkpoint  HASH {seq, record}: the log's newest signed checkpoint
-- KEYS[2] logs        SET of the logs that have a checkpoint
-- ARGV[1] log  ARGV[2] seq  ARGV[3] record (signed JSON)
-- Returns 1 when this checkpoint became the newest, 0 when a newer one was there already.
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if current >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'record', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
