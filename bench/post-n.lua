-- wrk script: POST $BODY_FILE as JSON until each thread has had $PER_THREAD answers (then the
-- thread stops), so that wrk sends about PER_THREAD x threads requests. Counts answers other than
-- $EXPECT (default 202) per thread and prints them as each thread ends.
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
local body = f:read("*a")
f:close()
local expect = tonumber(os.getenv("EXPECT") or "202")
local limit = tonumber(os.getenv("PER_THREAD") or "1000")
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
if os.getenv("TOKEN") then wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end

local answers = 0
local unexpected = 0
function response(status, headers, body)
  answers = answers + 1
  if status ~= expect then
    unexpected = unexpected + 1
    if unexpected <= 3 then io.write("answer " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
  if answers >= limit then
    if unexpected > 0 then io.write(string.format("thread: %d unexpected answers\n", unexpected)) end
    wrk.thread:stop()
  end
end
