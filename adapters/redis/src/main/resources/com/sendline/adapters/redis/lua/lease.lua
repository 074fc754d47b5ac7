-- lease: moves a bounded batch of due entries into processing, leased until a deadline.
-- KEYS[1]  due sorted set        (member = entry, score = due instant, epoch ms)
-- KEYS[2]  processing sorted set (member = entry, score = lease deadline, epoch ms)
-- ARGV[1]  now, epoch ms (passed in: every worker uses its own clock, never Redis's)
-- ARGV[2]  at most this many entries
-- ARGV[3]  lease deadline, epoch ms
-- Result:  flat array: the leased members, oldest due first, then the due score of the next waiting entry
--          ("" when the partition is empty)
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for i = 1, #items do
  redis.call('ZADD', KEYS[2], ARGV[3], items[i])
end
if #items > 0 then
  redis.call('ZREM', KEYS[1], unpack(items))
end
local head = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
items[#items + 1] = head[2] or ''
return items
