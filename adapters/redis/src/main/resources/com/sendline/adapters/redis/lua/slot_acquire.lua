-- slot_acquire: takes a hot-set slot for a device, or returns the one it holds already.
-- KEYS     every slot key, slot 0 first (one hash tag: the whole hot set is one cluster slot)
-- ARGV[1]  the device id
-- ARGV[2]  the value to store: "<device>|<holder>|<0 or 1 for sticky>"
-- ARGV[3]  slot time to live, ms
-- ARGV[4]  at most this many sticky slots (0 when the request is not sticky: no limit applies)
-- Result:  the slot index taken or already held by this holder; -1 when none is free; -2 when the device holds a
--          slot through another holder (a session lives on another worker)
local prefix = ARGV[1] .. '|'
local mine = string.sub(ARGV[2], 1, -3)
local free = -1
local sticky = 0
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v then
    if string.sub(v, 1, #prefix) == prefix then
      if string.sub(v, 1, -3) == mine then
        return i - 1
      end
      return -2
    end
    if string.sub(v, -2) == '|1' then
      sticky = sticky + 1
    end
  elseif free < 0 then
    free = i - 1
  end
end
if free < 0 then
  return -1
end
if tonumber(ARGV[4]) > 0 and sticky >= tonumber(ARGV[4]) then
  return -1
end
redis.call('SET', KEYS[free + 1], ARGV[2], 'PX', ARGV[3])
return free
