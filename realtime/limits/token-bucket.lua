-- Token bucket: takes `cost` tokens if the bucket holds them, refilling continuously since the
-- last accepted take. A refused take writes nothing, so it consumes nothing.
-- KEYS[1] bucket  HASH {tokens, ts (ms of the last accepted take)}; absent = full
-- ARGV[1] capacity   ARGV[2] refillPerS   ARGV[3] cost   ARGV[4] now (ms)   ARGV[5] marginMs
-- Returns {1, 0} if taken, else {0, retryAfterMs}: ms until the bucket holds `cost` tokens.
local capacity, refillPerS, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now, marginMs = tonumber(ARGV[4]), tonumber(ARGV[5])
-- Float sums may land a hair below a whole token that is due; never refuse for that.
local EPSILON = 1e-9

local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens, ts = tonumber(state[1]), tonumber(state[2])
if tokens == nil or ts == nil then
  tokens, ts = capacity, now
else
  -- Nodes' clocks differ a little: an earlier `now` than the last take adds no tokens.
  tokens = math.min(capacity, tokens + math.max(0, now - ts) * refillPerS / 1000)
end

if tokens + EPSILON < cost then
  return { 0, math.max(1, math.ceil((cost - tokens) * 1000 / refillPerS)) }
end

tokens = math.max(0, tokens - cost)
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', math.max(ts, now))
-- Once refilled the bucket is the same as no bucket: let the key go then.
local fullInMs = math.ceil((capacity - tokens) * 1000 / refillPerS)
redis.call('PEXPIRE', KEYS[1], string.format('%d', fullInMs + marginMs))
return { 1, 0 }
