-- A vote in a live-session poll: one per user, only while the poll is open, atomically.
-- KEYS[1] polls   HASH pollId -> JSON poll {status, options, multiple, ...}
-- KEYS[2] votes   HASH userId -> JSON array of choice indexes (this poll)
-- KEYS[3] tally   HASH choice index -> count (this poll)
-- KEYS[4] voters  SET of userIds who voted in any poll of the session
-- ARGV[1] pollId  ARGV[2] userId  ARGV[3] JSON array of distinct choice indexes
-- Returns 'ok', 'no_poll', 'closed', 'already' or 'bad_choice'.
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 'no_poll' end
local poll = cjson.decode(raw)
if poll.status ~= 'open' then return 'closed' end
local choices = cjson.decode(ARGV[3])
if #choices == 0 or (not poll.multiple and #choices > 1) then return 'bad_choice' end
for _, c in ipairs(choices) do
  if type(c) ~= 'number' or c < 0 or c >= #poll.options or c % 1 ~= 0 then return 'bad_choice' end
end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then return 'already' end
for _, c in ipairs(choices) do redis.call('HINCRBY', KEYS[3], tostring(c), 1) end
redis.call('SADD', KEYS[4], ARGV[2])
return 'ok'
