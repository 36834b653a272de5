-- Upvote (or withdraw an upvote from) a live-session question: one vote per user, atomically.
-- KEYS[1] voters   SET of userIds who upvoted this question
-- KEYS[2] questions HASH questionId -> JSON question (must hold ARGV[2])
-- KEYS[3] scores   ZSET questionId -> upvotes
-- ARGV[1] userId  ARGV[2] questionId  ARGV[3] '1' to upvote, '0' to withdraw
-- Returns {changed (0|1), upvotes}, or {-1, 0} when the question does not exist.
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 0 then return {-1, 0} end
local changed
if ARGV[3] == '1' then
  changed = redis.call('SADD', KEYS[1], ARGV[1])
  if changed == 1 then redis.call('ZINCRBY', KEYS[3], 1, ARGV[2]) end
else
  changed = redis.call('SREM', KEYS[1], ARGV[1])
  if changed == 1 then redis.call('ZINCRBY', KEYS[3], -1, ARGV[2]) end
end
return {changed, tonumber(redis.call('ZSCORE', KEYS[3], ARGV[2]) or '0')}
