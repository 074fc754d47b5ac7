-- postpone: leased entries that must wait go back to due at a later instant.
-- KEYS[1]  due sorted set
-- KEYS[2]  processing sorted set
-- ARGV[1]  new due instant, epoch ms
-- ARGV[2..] members
-- Result:  how many entries were put back
for i = 2, #ARGV do
  redis.call('ZREM', KEYS[2], ARGV[i])
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
end
return #ARGV - 1
