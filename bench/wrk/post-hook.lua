-- wrk script (bench/run.sh): signed OrderCloud post-hooks, each with its own LogID, closed loop.
-- Reads the files written by signed_posthooks.py: FILES.template (the fixture, \1 = LogID, \2 = order ID) and
-- FILES.ids ("<uuid> <X-oc-hash>" per line). Each wrk thread takes every n-th line, so no two threads send the
-- same call; a thread that runs out starts again at its first call and counts every call it sends again
-- ("repeats": the hub answers those from its duplicate check, so a run with repeats > 0 needs a larger COUNT).
--   wrk -t THREADS -s post-hook.lua URL -- FILES THREADS
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- per thread (globals of the thread's Lua state, so done() can read them): calls sent again, answers by status
repeats, statuses = 0, {}
local calls, next_call, parts, wrapped = {}, 1, {}, false

function init(args)
  local files, stride = args[1], tonumber(args[2] or 1)
  local f = assert(io.open(files .. ".template", "rb"))
  local template = f:read("*a")
  f:close()
  -- split the template at \1 and \2 once; each call is then one table.concat
  for literal, mark in template:gmatch("([^\1\2]*)([\1\2]?)") do
    if literal ~= "" then table.insert(parts, literal) end
    if mark == "\1" then table.insert(parts, 1) elseif mark == "\2" then table.insert(parts, 2) end
  end
  local line = 0
  for l in io.lines(files .. ".ids") do
    if line % stride == index then -- index: set by setup()
      local id, sig = l:match("^(%S+) (%S+)$")
      table.insert(calls, { id, sig })
    end
    line = line + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function body_of(id)
  local out, order = {}, "SO-" .. id
  for k, p in ipairs(parts) do
    if p == 1 then out[k] = id elseif p == 2 then out[k] = order else out[k] = p end
  end
  return table.concat(out)
end

function request()
  if next_call > #calls then
    next_call = 1
    wrapped = true
  end
  if wrapped then repeats = repeats + 1 end
  local c = calls[next_call]
  next_call = next_call + 1
  return wrk.format(nil, nil, { ["X-oc-hash"] = c[2] }, body_of(c[1]))
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local s = {}
  local rep = 0
  for _, t in ipairs(threads) do
    rep = rep + (t:get("repeats") or 0)
    for code, n in pairs(t:get("statuses") or {}) do s[code] = (s[code] or 0) + n end
  end
  local codes = {}
  for code, n in pairs(s) do table.insert(codes, code .. "=" .. n) end
  table.sort(codes)
  local e = summary.errors
  -- one line bench/run.sh reads: requests, seconds, req/s, p50/p99/p99.9/max ms, non-2xx, socket errors, statuses
  io.write(string.format("WRK_RESULT %d %.3f %.1f %.2f %.2f %.2f %.2f %d %d %s repeats=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout,
    #codes > 0 and table.concat(codes, ",") or "none", rep))
end
