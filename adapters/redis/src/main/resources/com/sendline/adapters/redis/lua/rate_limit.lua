-- GCRA (generic cell rate algorithm) for one API key. KEYS[1] holds the key's theoretical arrival time (TAT) in
-- microseconds of Redis's own clock, so every instance judges by the same time.
-- ARGV[1]: microseconds between calls at the steady rate; ARGV[2]: how many calls may come at once (burst).
-- Returns 0 when admitted, else the microseconds until a call would be.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = interval * (tonumber(ARGV[2]) - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
    tat = now
end
local wait = tat - tolerance - now
if wait > 0 then
    return wait
end
tat = tat + interval
redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
return 0
