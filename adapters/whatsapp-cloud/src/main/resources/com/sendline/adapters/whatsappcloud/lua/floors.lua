-- floors: put in front of each throttle script when it is loaded (RedisPhoneThrottle.Script). A late sender's
-- floors (throttle_late.lua) live in a sorted set, member "<floor>:<threshold>", score <threshold>: no instant at or
-- after the threshold may come before the floor.
-- highest_floor: the highest floor whose threshold is at or before `upto`, or `least` when none is higher.
local function highest_floor(key, upto, least)
  local top = least
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, '-inf', string.format('%.0f', upto))) do
    local floor = tonumber(string.match(member, '^(%d+):'))
    if floor > top then
      top = floor
    end
  end
  return top
end
