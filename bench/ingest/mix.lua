-- wrk script of bench/ingest: posts a mix of the real Tracker web hook bodies in fixtures/tracker
-- (webhook-v5/*.json, activity/*.json, webhook-v3/*.xml), each request a new activity.
--
--   wrk -t2 -c32 -d30s --latency -s mix.lua http://127.0.0.1:PORT -- \
--       fixtures=DIR paths=/webhooks/tracker/1/SIG,/webhooks/tracker/2/SIG base=1000000 [projects=1000]
--
-- fixtures  the fixtures/tracker folder
-- paths     the signed web hook paths to post to (comma-separated); a project always goes to the same one
-- base      the first project id of this wrk run: give every run (warm-up, measurement, each target) its own
--           base, or the service answers repeated guids as duplicates without publishing them
-- projects  projects per wrk thread (default 1000)
--
-- With BENCH_CHECK=1 in the environment it reads every response and prints how many were 200 with
-- "duplicate":false (slower: a pre-flight, not for measuring; wrk decides whether it reads responses from the
-- script as loaded, so this cannot be an argument).
--
-- Uniqueness: the service answers a guid it saw recently as a duplicate and never publishes it again, and it asks
-- the poller for the versions in between when a project's version skips ahead. So every request rewrites the
-- fixture's project id, project_version and guid: thread t (0-based) owns projects base + t*projects + k,
-- k = 0..projects-1; its i-th request (0-based) goes to project k = i % projects with version i // projects + 1,
-- guid "{project}_{version}" (for v3 XML, <project_id> and <version>). Versions are contiguous per project, and
-- the next version of a project is sent only `projects` requests later, long after the previous one was answered,
-- so no gap fires (a run prints hub_webhook_gaps_total to prove it). The fixture is chosen round-robin.
--
-- At the end (done) it prints one machine-readable line:
--   RESULT requests=N duration_us=N non2xx=N connect=N read=N write=N timeout=N p50_us=N p90_us=N p99_us=N
--          p999_us=N max_us=N mean_us=N bytes=N
-- and with BENCH_CHECK=1 also:  CHECK ok=N duplicate=N other=N first_other=STATUS:BODY

local P_MARK, V_MARK = "\1P\1", "\1V\1"

-- ------------------------------------------------------------------------------------------- main state

local threads = {}
local next_tid = 0

function setup(thread)
   thread:set("tid", next_tid)
   next_tid = next_tid + 1
   table.insert(threads, thread)
end

-- ---------------------------------------------------------------------------------------- thread state

local templates = {}   -- { parts = {...}, slots = {...}, ctype = "..." }
local paths = {}
local base, per_thread, counter = 0, 1000, 0
local ok, duplicate, other, first_other = 0, 0, 0, ""

local function read_file(path)
   local f = assert(io.open(path, "rb"), "cannot read " .. path)
   local s = f:read("*a")
   f:close()
   return s
end

local function list(dir, suffix)
   local files = {}
   local p = assert(io.popen('ls -1 "' .. dir .. '" 2>/dev/null'))
   for name in p:lines() do
      if name:sub(-#suffix) == suffix then table.insert(files, dir .. "/" .. name) end
   end
   p:close()
   table.sort(files)
   return files
end

local function escape(s) return (s:gsub("%p", "%%%0")) end

-- A fixture as a template: its project id, project_version and guid replaced by markers, then split into
-- literal parts and slots so that a request is one table.concat.
local function template(path)
   local body = read_file(path)
   local xml = path:sub(-4) == ".xml"
   local pid, ver
   if xml then
      pid = body:match("<project_id[^>]*>%s*(%d+)%s*</project_id>")
      ver = body:match("<version[^>]*>%s*(%d+)%s*</version>")
      assert(pid and ver, path .. ": no <project_id> or <version>")
      body = body:gsub("(<version[^>]*>%s*)" .. ver .. "(%s*</version>)", "%1" .. V_MARK .. "%2")
   else
      pid, ver = body:match('"guid"%s*:%s*"(%d+)_(%d+)"')
      assert(pid and ver, path .. ": no guid")
      body = body:gsub('("guid"%s*:%s*")' .. pid .. "_" .. ver .. '"', "%1" .. P_MARK .. "_" .. V_MARK .. '"')
      body = body:gsub('("project_version"%s*:%s*)' .. ver .. "%f[%D]", "%1" .. V_MARK)
   end
   -- every other mention of the project id (project.id, new_values.project_id, v3 URLs) follows the new project
   body = body:gsub("%f[%d]" .. escape(pid) .. "%f[%D]", P_MARK)
   local parts, slots = {}, {}
   local pos = 1
   while true do
      local s, e = body:find("\1[PV]\1", pos)
      if not s then break end
      table.insert(parts, body:sub(pos, s - 1))
      table.insert(slots, body:sub(s + 1, s + 1))
      pos = e + 1
   end
   table.insert(parts, body:sub(pos))
   local has_p, has_v = false, false
   for _, s in ipairs(slots) do
      if s == "P" then has_p = true else has_v = true end
   end
   assert(has_p and has_v, path .. ": project id or version not found")
   return { parts = parts, slots = slots, ctype = xml and "application/xml" or "application/json", name = path }
end

function init(args)
   local opts = {}
   for _, a in ipairs(args) do
      local k, v = a:match("^([%w_]+)=(.*)$")
      assert(k, "mix.lua: arguments are key=value, got " .. a)
      opts[k] = v
   end
   local dir = assert(opts.fixtures, "mix.lua: fixtures=DIR is missing")
   for p in (assert(opts.paths, "mix.lua: paths=... is missing") .. ","):gmatch("([^,]+),") do
      table.insert(paths, p)
   end
   base = tonumber(opts.base or "1000000")
   per_thread = tonumber(opts.projects or "1000")
   local files = {}
   for _, f in ipairs(list(dir .. "/webhook-v5", ".json")) do table.insert(files, f) end
   for _, f in ipairs(list(dir .. "/activity", ".json")) do table.insert(files, f) end
   for _, f in ipairs(list(dir .. "/webhook-v3", ".xml")) do table.insert(files, f) end
   assert(#files > 0, "mix.lua: no fixtures under " .. dir)
   for _, f in ipairs(files) do table.insert(templates, template(f)) end
end

if os.getenv("BENCH_CHECK") == "1" then
   function response(status, headers, body)
      if status == 200 and body:find('"duplicate":false', 1, true) then
         ok = ok + 1
      elseif status == 200 and body:find('"duplicate":true', 1, true) then
         duplicate = duplicate + 1
      else
         other = other + 1
         if first_other == "" then first_other = status .. ":" .. (body or ""):sub(1, 300):gsub("%s+", " ") end
      end
      wrk.thread:set("ok", ok)
      wrk.thread:set("duplicate", duplicate)
      wrk.thread:set("other", other)
      wrk.thread:set("first_other", first_other)
   end
end

local headers = {}

function request()
   local i = counter
   counter = counter + 1
   local k = i % per_thread
   local project = string.format("%d", base + tid * per_thread + k)
   local version = string.format("%d", math.floor(i / per_thread) + 1)
   local t = templates[(i % #templates) + 1]
   local out, parts, slots = {}, t.parts, t.slots
   local n = 0
   for j = 1, #slots do
      n = n + 1; out[n] = parts[j]
      n = n + 1; out[n] = (slots[j] == "P") and project or version
   end
   out[n + 1] = parts[#parts]
   headers["Content-Type"] = t.ctype
   return wrk.format("POST", paths[(k % #paths) + 1], headers, table.concat(out))
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%d bytes=%d\n",
      summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
      latency.max, latency.mean, summary.bytes))
   local c_ok, c_dup, c_other, c_first, any = 0, 0, 0, "", false
   for _, t in ipairs(threads) do
      local v = t:get("ok")
      if v then
         any = true
         c_ok = c_ok + v
         c_dup = c_dup + (t:get("duplicate") or 0)
         c_other = c_other + (t:get("other") or 0)
         if c_first == "" then c_first = t:get("first_other") or "" end
      end
   end
   if any then
      io.write(string.format("CHECK ok=%d duplicate=%d other=%d first_other=%s\n", c_ok, c_dup, c_other, c_first))
   end
end
