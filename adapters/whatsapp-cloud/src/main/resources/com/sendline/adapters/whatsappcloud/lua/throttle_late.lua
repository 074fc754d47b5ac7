-- throttle_late: a sender is about to leave later than its instant; it may, if the instants a window later give it
-- room. Leaving at d instead of instant s puts the call closer to the calls after it, as Meta counts; so every instant
-- at or after s + window (the (rate + 1)-th instant after s and later: instants are at least window / rate apart) must
-- come no earlier than d + floorAfter. That is a floor for throttle_reserve.lua, only possible while no such instant
-- has been handed out yet; otherwise the sender must not leave on this instant.
-- KEYS[1]  the number's pace (TAT), as in throttle_reserve.lua
-- KEYS[2]  the number's floors, as in throttle_reserve.lua
-- ARGV[1]  the instant the sender reserved, microseconds since the epoch on Redis's clock
-- ARGV[2]  window, microseconds: rate × interval (at least 1 s + jitter allowance)
-- ARGV[3]  floor after, microseconds: how long after leaving the floor lies (window - late allowance)
-- ARGV[4]  optional: the most the floor may cost, microseconds (how far it may move the instants at the threshold
--          beyond where the floors already put them); past that, giving this instant up and reserving another costs
--          the number less (one interval) than leaving on it
-- Result:  flat array: Redis's now (microseconds since the epoch), then 1 when the sender may leave now (the floor is
--          set), 0 when it may not (an instant at or after the threshold was already handed out), 2 when it may not
--          because the floor would cost more than ARGV[4]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local threshold = tonumber(ARGV[1]) + tonumber(ARGV[2])
local floor = now + tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
-- Every instant handed out so far lies at least one interval before the TAT.
if tat > threshold then
  return {now, 0}
end
if ARGV[4] then
  -- Where the instants at the threshold stand already: at the threshold, or later by a floor set before.
  local standing = highest_floor(KEYS[2], threshold, threshold)
  if floor - standing > tonumber(ARGV[4]) then
    return {now, 2}
  end
end
redis.call('ZADD', KEYS[2], string.format('%.0f', threshold), string.format('%.0f:%.0f', floor, threshold))
-- Kept until a second after its last floor: by then every new instant lies past it anyway.
local ttl = math.floor((floor - now) / 1000) + 1000
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return {now, 1}
