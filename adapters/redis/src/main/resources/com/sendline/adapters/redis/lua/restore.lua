-- restore: reconcile puts back entries the queue lost, unless they are waiting or leased right now.
-- KEYS[1]  due sorted set
-- KEYS[2]  processing sorted set
-- ARGV     pairs of (due instant epoch ms, member)
-- Result:  the members that were missing and have been added
local added = {}
for i = 1, #ARGV, 2 do
  local member = ARGV[i + 1]
  if not redis.call('ZSCORE', KEYS[2], member) and not redis.call('ZSCORE', KEYS[1], member) then
    redis.call('ZADD', KEYS[1], ARGV[i], member)
    added[#added + 1] = member
  end
end
return added
