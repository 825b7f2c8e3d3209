-- wrk script: POST /api/v1/leads with a unique company per request (no duplicate keys).
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"company":"Bench %d-%d","contact_name":"Buyer","next_contact_at":"2030-01-01T09:00:00Z"}', math.random(1, 1e9), n)
  -- wrk.format uses only the headers given: carry -H (Authorization) over.
  local headers = { ["Content-Type"] = "application/json" }
  for k, v in pairs(wrk.headers) do headers[k] = v end
  return wrk.format("POST", "/api/v1/leads", headers, body)
end
-- wrk reporter: one machine-readable line with throughput and latency percentiles (ms).
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end
