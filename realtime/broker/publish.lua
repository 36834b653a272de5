-- publish.lua: assign the next offset of a topic, append to its recent history, remember the
-- nonce, and deliver to every node, as one atomic step. Centrifugo's model: because offset
-- assignment and delivery cannot be separated, offsets on the bus are gapless and in order. The
-- history entry is also the write-ahead log of the durable write: it names the node that owes
-- that write and carries what must be stored, so the sweep can store it if that node dies.
--
-- KEYS[1] meta     HASH {epoch, offset}
-- KEYS[2] history  STREAM of {o = offset, f = frame, k = nonce, n = node, r = record?},
--                  trimmed by count and age
-- KEYS[3] nonces   ZSET nonce key -> offset, trimmed to the offsets the history window covers
-- KEYS[4] live     sharded pub/sub channel of the topic
-- ARGV[1] nonce key (the publisher's id and its nonce: nonces of different users never meet)
-- ARGV[2] frame tail: the JSON of the publication after its offset and epoch, without the
--         opening brace ("channel":...,"data":...,"info":...,"ts":...})
-- ARGV[3] history max count    ARGV[4] history max age (ms)    ARGV[5] now (ms)
-- ARGV[6] idle expiry of the keys (ms)
-- ARGV[7] node id (who writes it durably)    ARGV[8] record: what is stored when it differs
--         from the delivered data ('' when it does not)
-- Returns {'NOPOS'}                     the topic has no position: restore it, then retry
--         {'DUP', offset, epoch}        the nonce was published before; nothing happened
--         {'OK', offset, epoch}         published
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then return {'NOPOS'} end

local seen = redis.call('ZSCORE', KEYS[3], ARGV[1])
if seen then return {'DUP', tonumber(seen), epoch} end

local offset = redis.call('HINCRBY', KEYS[1], 'offset', 1)
local frame = '{"type":"pub","offset":' .. offset .. ',"epoch":"' .. epoch .. '",' .. ARGV[2]
local maxCount = tonumber(ARGV[3])
if ARGV[8] == '' then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', maxCount, '*', 'o', offset, 'f', frame, 'k', ARGV[1], 'n', ARGV[7])
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', maxCount, '*', 'o', offset, 'f', frame, 'k', ARGV[1], 'n', ARGV[7],
    'r', ARGV[8])
end
redis.call('XTRIM', KEYS[2], 'MINID', '~', tonumber(ARGV[5]) - tonumber(ARGV[4]))
redis.call('ZADD', KEYS[3], offset, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', offset - maxCount)
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
redis.call('SPUBLISH', KEYS[4], frame)
return {'OK', offset, epoch}
