-- wrk script: POST the body of $BODY_FILE as JSON (with "execution_mode" set to $MODE when given),
-- count answers other than $EXPECT (default 201), print latency percentiles.
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
local body = f:read("*a")
f:close()
local mode = os.getenv("MODE")
if mode then
  body = body:gsub('"execution_mode"%s*:%s*"%a+"', '"execution_mode":"' .. mode .. '"')
end
local expect = tonumber(os.getenv("EXPECT") or "201")
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
if os.getenv("TOKEN") then wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end

local errors = 0
function response(status, headers, body)
  if status ~= expect then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, unexpected answers %d\n", summary.requests, errors))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
