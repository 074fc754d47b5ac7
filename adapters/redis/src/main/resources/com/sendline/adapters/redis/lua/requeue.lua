-- requeue: entries whose lease ran out (their worker died or stalled) become due again at once.
-- KEYS[1]  due sorted set
-- KEYS[2]  processing sorted set
-- ARGV[1]  now, epoch ms
-- ARGV[2]  at most this many entries
-- Result:  how many entries were requeued
local items = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #items do
  redis.call('ZADD', KEYS[1], ARGV[1], items[i])
end
if #items > 0 then
  redis.call('ZREM', KEYS[2], unpack(items))
end
return #items
