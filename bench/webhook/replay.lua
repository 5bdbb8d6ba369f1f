-- wrk script: POSTs one request again and again, as it was written to a file by
-- run-webhook-bench.sh from the sink's /sample: the path on the first line, then one header per
-- line (`name: value`), an empty line, and the body.
--   wrk ... -s bench/webhook/replay.lua URL -- REQUEST_FILE
local path, body

function init(args)
  local file = assert(io.open(args[1], "rb"))
  path = file:read("*l")
  for line in file:lines() do
    if line == "" then break end
    local name, value = line:match("^([^:]+): (.*)$")
    wrk.headers[name] = value
  end
  body = file:read("*a")
  file:close()
  wrk.method = "POST"
end

function request()
  return wrk.format(nil, path, nil, body)
end
