-- throttle_reserve: reserves the next send instants of one phone number, on Redis's clock (GCRA, virtual scheduling),
-- for one or several senders at once. Every worker reserves through these keys, so the pace holds across the
-- cluster; a sender is told how long to wait for its instant and never has to ask again. Instants are at least one
-- interval apart, except that up to (tolerance / interval) of them may catch up at once after a pause, and never
-- earlier than a floor that a late sender set (throttle_late.lua).
-- KEYS[1]  the number's pace: its theoretical arrival time (TAT), microseconds since the epoch on Redis's clock; gone
--          when the number has been idle for a second (a missing key and a TAT in the past mean the same)
-- KEYS[2]  the number's floors, a sorted set: member "<floor>:<threshold>", score <threshold> (microseconds, Redis's
--          clock): no instant at or after the threshold may come before the floor
-- ARGV[1]  interval, microseconds: the spacing of a number's sends at its rate (whole number >= 1)
-- ARGV[2]  tolerance, microseconds: how far before its TAT a send may go (0: never; whole number >= 0)
-- ARGV[3..] one per sender asking: the longest it may wait, microseconds, in ascending order
-- Result:  flat array: Redis's now (microseconds since the epoch), then for each sender in the order asked the wait
--          for its instant, microseconds from now, or -1 when its instant would be further away than it may wait
--          (which reserves nothing for it); the instants go out in that order, earliest first
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local floors = redis.call('EXISTS', KEYS[2]) == 1

-- The next free instant: the TAT (less the tolerance, not before now), pushed to the floors whose threshold it
-- reaches; a pushed instant may reach more thresholds.
local function next_instant()
  local at = tat
  if at < now then
    at = now
  end
  at = at - tolerance
  if at < now then
    at = now
  end
  while floors do
    local top = highest_floor(KEYS[2], at, at)
    if top == at then
      break
    end
    at = top
  end
  return at
end

local result = {now}
local granted = 0
local at = nil
for i = 3, #ARGV do
  if at == nil then
    at = next_instant()
  end
  if at - now > tonumber(ARGV[i]) then
    result[#result + 1] = -1
  else
    result[#result + 1] = at - now
    granted = granted + 1
    if floors then
      -- Every later instant comes after this one: the floors it reached are kept from now on.
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%.0f', at))
    end
    if tat < now then
      tat = now
    end
    if tat < at then
      tat = at
    end
    tat = tat + interval
    at = nil
  end
end
if granted > 0 then
  -- %.0f: Lua would print a number this large as 1.7e+15. Kept until a second after the last instant reserved.
  redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
end
return result
