-- extend: pushes the lease deadline of entries still in processing; entries no longer there are left alone.
-- KEYS[1]  processing sorted set
-- ARGV[1]  new lease deadline, epoch ms
-- ARGV[2..] members
-- Result:  how many leases were extended
local n = 0
for i = 2, #ARGV do
  n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', ARGV[1], ARGV[i])
end
return n
