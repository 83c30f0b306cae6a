-- wrk script for the query API benchmark (docs/performance.md, "Query API latency").
--
-- Debian's wrk has no fixed-rate mode (-R is wrk2's), so this script paces the requests itself. Each wrk thread
-- keeps a schedule of send times, one every THREADS / RATE seconds; a connection that is ready to send takes the
-- next free slot and waits until it (wrk's delay()). With enough connections (more than RATE x latency) the rate
-- reached is RATE. When every connection is busy past its slot the request goes out late, as soon as a connection
-- is free; done() counts those late sends. wrk measures latency from the moment a request is written, not from its
-- slot, so late sends are the sign that the numbers hide queueing (coordinated omission): the run only counts as
-- "at RATE" when the late count is near zero.
--
-- Environment: PATHS_FILE (paths, one a line, taken in turn; QueryLatencyBenchmark --serve writes them), RATE
-- (requests/s over all threads, default 500), THREADS (must equal wrk's -t, default 1; one thread is enough for
-- thousands of requests/s).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } vpcflow_timespec;
int clock_gettime(int clock_id, vpcflow_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("vpcflow_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("RATE") or "500")
local threads = tonumber(os.getenv("THREADS") or "1")
local period = 1000 * threads / rate
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  paths[#paths + 1] = line
end
local n = 0
local next_slot = nil
late = 0
late_ms_max = 0

local all_threads = {}

function setup(thread)
  all_threads[#all_threads + 1] = thread
end

function delay()
  local now = now_ms()
  if next_slot == nil then
    next_slot = now
  end
  next_slot = next_slot + period
  local wait = next_slot - now
  if wait < -1 then
    late = late + 1
    if -wait > late_ms_max then
      late_ms_max = -wait
    end
  end
  return math.max(0, math.floor(wait))
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function done(summary, latency, requests)
  local total_late = 0
  local worst = 0
  for _, t in ipairs(all_threads) do
    total_late = total_late + (t:get("late") or 0)
    worst = math.max(worst, t:get("late_ms_max") or 0)
  end
  io.write(string.format("paced at %d requests/s over %d thread(s): %d of %d requests sent more than 1 ms after"
      .. " their slot (worst %.1f ms late)\n", rate, threads, total_late, summary.requests, worst))
end
