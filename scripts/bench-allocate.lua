-- wrk script: POST /api/v1/leads without an owner, each at a random point of the scale
-- territories' box, so the engine allocates each (LAR-001..007) in the request's transaction.
local n = 0
math.randomseed(os.time())
request = function()
  n = n + 1
  local lat = 25 + math.random() * 24
  local lon = -124 + math.random() * 57
  local body = string.format('{"company":"Inbound %d-%d","latitude":%.5f,"longitude":%.5f}',
    math.random(1, 1e9), n, lat, lon)
  local headers = { ["Content-Type"] = "application/json" }
  for k, v in pairs(wrk.headers) do headers[k] = v end
  return wrk.format("POST", "/api/v1/leads", headers, body)
end
dofile("scripts/bench-report.lua")
