-- throttle_reserve: reserves the next send instants of one phone number, on Redis's clock (GCRA, virtual scheduling).
-- Every worker reserves through these keys, so the pace holds across the cluster; a caller is told how long to wait
-- for each instant it got and never has to ask again. Instants are at least one interval apart, except that up to
-- (tolerance / interval) of them may catch up at once after a pause, and never earlier than a floor that a late
-- sender set (throttle_late.lua).
-- KEYS[1]  the number's pace: its theoretical arrival time (TAT), microseconds since the epoch on Redis's clock; gone
--          when the number has been idle for a second (a missing key and a TAT in the past mean the same)
-- KEYS[2]  the number's floors, a sorted set: member "<floor>:<threshold>", score <threshold> (microseconds, Redis's
--          clock): no instant at or after the threshold may come before the floor
-- ARGV[1]  interval, microseconds: the spacing of a number's sends at its rate (whole number >= 1)
-- ARGV[2]  tolerance, microseconds: how far before its TAT a send may go (0: never; whole number >= 0)
-- ARGV[3]  longest wait, microseconds: an instant further from now than this is not reserved
-- ARGV[4]  how many instants to reserve (whole number >= 1)
-- Result:  flat array: Redis's now (microseconds since the epoch), then the wait for each instant reserved,
--          microseconds from now, earliest first; fewer waits than ARGV[4] (possibly none) when the rest would wait
--          longer than ARGV[3], which reserves nothing for them
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local longest = tonumber(ARGV[3])
local count = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local waits = {now}
for i = 1, count do
  if tat < now then
    tat = now
  end
  local at = tat - tolerance
  if at < now then
    at = now
  end
  -- Floors whose threshold this instant reaches push it to their floor; a pushed instant may reach more thresholds.
  local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', string.format('%.0f', at))
  while #due > 0 do
    local from = at
    for j = 1, #due do
      local floor = tonumber(string.match(due[j], '^(%d+):'))
      if floor > at then
        at = floor
      end
    end
    if at - now > longest then
      break
    end
    -- Every later instant comes after this one, so these floors are kept from now on.
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%.0f', from))
    if at == from then
      break
    end
    due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', string.format('%.0f', at))
  end
  if at - now > longest then
    break
  end
  waits[i + 1] = at - now
  if tat < at then
    tat = at
  end
  tat = tat + interval
end
if #waits > 1 then
  -- %.0f: Lua would print a number this large as 1.7e+15. Kept until a second after the last instant reserved.
  redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
end
return waits
