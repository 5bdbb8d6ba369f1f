-- wrk script: POSTs the events listed in a file (`PATH BODY` per line, from seed.py), going round
-- them; each thread starts at another place so that threads seldom hit one seminar at once.
--   wrk ... -s bench/http/event_posts.lua URL -- AMENDS_FILE TOKEN
local requests = {}
local next_index = 1
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count)
end

function init(args)
  for line in io.lines(args[1]) do
    local path, body = line:match("^(%S+) (.*)$")
    requests[#requests + 1] = {path = path, body = body}
  end
  wrk.headers["Authorization"] = "Bearer " .. args[2]
  wrk.headers["Content-Type"] = "application/json"
  wrk.method = "POST"
  next_index = ((offset or 1) * 37) % #requests + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return wrk.format(nil, r.path, nil, r.body)
end

-- Any answer but 200 is counted by wrk as a non-2xx response: the table reports them.
