-- Releases a LiveKit webhook event's claim when handling it failed, so LiveKit's retry of the
-- same event is handled instead of answered "duplicate". Only the claim's own holder may release
-- it: if the claim expired meanwhile and another delivery holds it now, it is left alone.
-- KEYS[1] marker   STRING: the event's claim token while handled, 'done' once handled
-- ARGV[1] token    the token this delivery claimed it with
-- Returns 1 when released, 0 when the marker held something else (or nothing).
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
