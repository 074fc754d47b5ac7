-- slot_refresh: keeps a slot alive, only while it still holds this lease's value.
-- KEYS[1]  the slot key
-- ARGV[1]  the lease's value
-- ARGV[2]  time to live, ms
-- Result:  1 when refreshed, 0 when the slot is no longer this lease's
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
