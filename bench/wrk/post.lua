-- wrk script of bench/run.sh: POSTs the JSON in $BODY on every request, counts the answers by
-- status per thread and prints, when the run ends, one "key value" line per figure:
-- requests, rps, latency percentiles in microseconds (over all answers: wrk's histogram does not
-- tell statuses apart), answers by status class and socket errors.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BODY")

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   s2xx, s429, s5xx, sother = 0, 0, 0, 0
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      s2xx = s2xx + 1
   elseif status == 429 then
      s429 = s429 + 1
   elseif status >= 500 then
      s5xx = s5xx + 1
   else
      sother = sother + 1
   end
end

function done(summary, latency, requests)
   local counts = { s2xx = 0, s429 = 0, s5xx = 0, sother = 0 }
   for _, thread in ipairs(threads) do
      for key in pairs(counts) do
         counts[key] = counts[key] + thread:get(key)
      end
   end
   local e = summary.errors
   io.write(string.format("requests %d\n", summary.requests))
   io.write(string.format("seconds %.3f\n", summary.duration / 1e6))
   io.write(string.format("rps %.1f\n", summary.requests / (summary.duration / 1e6)))
   io.write(string.format("mean_us %.1f\n", latency.mean))
   for _, p in ipairs({ 50, 90, 99 }) do
      io.write(string.format("p%d_us %d\n", p, latency:percentile(p)))
   end
   io.write(string.format("status_2xx %d\nstatus_429 %d\nstatus_5xx %d\nstatus_other %d\n",
      counts.s2xx, counts.s429, counts.s5xx, counts.sother))
   io.write(string.format("socket_errors %d\ntimeouts %d\n", e.connect + e.read + e.write, e.timeout))
end
