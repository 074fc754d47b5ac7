-- GCRA (generic cell rate algorithm) for one API key. KEYS[1] holds the key's theoretical arrival time (TAT) in
-- microseconds of Redis's own clock, so every instance judges by the same time.
-- ARGV[1]: microseconds between calls at the steady rate; ARGV[2]: how many calls may come at once (burst);
-- ARGV[3]: how many calls ask together (one instance's concurrent calls of this key share a script call).
-- Returns {admitted, wait}: how many of them are admitted (the first ones), and for the rest the microseconds until
-- the next would be (0 when all were admitted). Admitting n together is the same as admitting them one by one.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = interval * (tonumber(ARGV[2]) - 1)
local asked = tonumber(ARGV[3] or '1')
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
    tat = now
end
-- Call i (0-based) is admitted when tat + i * interval - tolerance <= now.
local room = now + tolerance - tat
if room < 0 then
    return {0, -room}
end
local admitted = math.min(asked, math.floor(room / interval) + 1)
tat = tat + admitted * interval
redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
local wait = 0
if admitted < asked then
    wait = tat - tolerance - now
end
return {admitted, wait}
