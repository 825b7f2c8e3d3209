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
-- The same RESULT line as every other run (scripts/bench runs wrk from the repository root).
dofile("scripts/bench-report.lua")
