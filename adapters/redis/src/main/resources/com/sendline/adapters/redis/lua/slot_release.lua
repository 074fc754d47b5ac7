-- slot_release: frees a slot if it still holds this lease's value, and says so to every worker.
-- KEYS[1]  the slot key
-- ARGV[1]  the lease's value
-- ARGV[2]  the channel announcing freed slots
-- Result:  1 when freed, 0 when it was not this lease's any more
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], 'freed')
  return 1
end
return 0
