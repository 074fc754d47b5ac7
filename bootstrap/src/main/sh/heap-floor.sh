# Sourced by ./sendline and load-tests/bench (from the checkout's root), so the benchmarks measure the JVM
# production starts.
#
# Heap: G1 starts a JVM at 1/64 of the RAM and grows it only when collections take too long, so Sendline ran
# with a ~320 MB heap whose old generation filled every second and a half, each time a concurrent marking cycle
# (CPU taken from requests) and a 9 ms remark pause: at 5,000 API calls a second, p99 19 ms with them, 12 ms
# without (docs/benchmarks.md). So the heap starts at 1 GB, or a quarter of the RAM on a smaller machine, unless
# JAVA_OPTS sizes it.
if [[ ! ${JAVA_OPTS:-} =~ (-Xm[sx]|HeapSize|RAMPercentage|RAMFraction) ]]; then
    ram_mb=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo 2>/dev/null || true)
    heap_mb=$(( ${ram_mb:-4096} / 4 < 1024 ? ${ram_mb:-4096} / 4 : 1024 ))
    JAVA_OPTS="-Xms${heap_mb}m ${JAVA_OPTS:-}"
fi
