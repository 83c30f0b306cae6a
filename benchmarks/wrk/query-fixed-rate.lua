-- wrk script for the query API benchmark (docs/performance.md, "Query API latency").
-- Debian's wrk has no fixed-rate mode (-R is wrk2's), so each connection waits PACE_MS before each request:
-- with C connections the rate is at most C * 1000 / PACE_MS requests/s (10 connections, 20 ms: 500/s), less by the
-- answers' own latency. The paths come from PATHS_FILE, one a line (QueryLatencyBenchmark --serve writes them),
-- and are taken in turn.
local pace = tonumber(os.getenv("PACE_MS") or "20")
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  paths[#paths + 1] = line
end
local n = 0

function delay()
  return pace
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
