-- restore: reconcile puts back entries the queue lost, unless they are waiting or leased right now.
-- KEYS[1]  due sorted set
-- KEYS[2]  processing sorted set
-- ARGV     pairs of (due instant epoch ms, member)
-- Result:  how many entries were missing and added
local added = 0
for i = 1, #ARGV, 2 do
  local member = ARGV[i + 1]
  if not redis.call('ZSCORE', KEYS[2], member) and not redis.call('ZSCORE', KEYS[1], member) then
    redis.call('ZADD', KEYS[1], ARGV[i], member)
    added = added + 1
  end
end
return added
