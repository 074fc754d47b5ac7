-- GCRA (generic cell rate algorithm) for one API key. KEYS[1] holds the key's theoretical arrival time (TAT) in
-- microseconds of Redis's own clock, so every instance judges by the same time.
-- ARGV[1]: microseconds between calls at the steady rate; ARGV[2]: how many calls may come at once (burst);
-- ARGV[3] (optional, default 1): how many calls the caller would like admitted at once.
-- Returns {admitted, wait}: how many were admitted (at least 1 unless none could be, at most ARGV[3]), and when
-- none could be, the microseconds until one would be (else 0). Admitting n at once counts as n calls made now.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = interval * (tonumber(ARGV[2]) - 1)
local wanted = tonumber(ARGV[3] or '1')
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then
    tat = now
end
local wait = tat - tolerance - now
if wait > 0 then
    return {0, wait}
end
-- The k-th call (from 0) is admissible while tat + k * interval - tolerance <= now.
local room = math.floor((now + tolerance - tat) / interval) + 1
local admitted = math.min(wanted, room)
tat = tat + admitted * interval
redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
return {admitted, 0}
