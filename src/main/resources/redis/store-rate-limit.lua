-- One store's token bucket for the whole hub, taken atomically.
-- KEYS[1]: the bucket, a hash {tokens, at (microseconds of Redis's clock)}.
-- ARGV[1]: tokens per second; ARGV[2]: burst; ARGV[3]: the key's expiry in ms (time to refill from empty,
-- after which a missing bucket and a full one are the same thing).
-- Returns 0 when a token was taken, else the milliseconds until one is there.
-- Redis's own clock, so instances with skewed clocks share one bucket (scripts replicate effects, Redis 7).
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1])
local at = tonumber(bucket[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000000)
  at = now
end
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) * 1000 / rate))
end
-- %.0f: Lua's default number format keeps 14 digits, too few for microseconds since 1970.
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.0f', at))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return wait
