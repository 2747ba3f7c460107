-- Shared by the wrk scripts in bench/wrk: builds a POST /mcp request for `tools/list`
-- with a fresh integer id per request (ids are unique per thread: thread k uses k*1e9 + n,
-- so two in-flight requests never share an id, and a legacy session never sees one twice).
--
-- Environment:
--   MCP_BEARER      optional bearer token, sent as `Authorization: Bearer …`
--   MCP_SESSION_ID  (handshake era) the Mcp-Session-Id obtained by bench/run with curl
--   MCP_ACCEPT_ENCODING  optional Accept-Encoding (bench/delivery: gzip); unset, wrk sends none

local M = {}

function M.headers(extra)
  local h = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
  }
  local bearer = os.getenv("MCP_BEARER")
  if bearer and bearer ~= "" then h["Authorization"] = "Bearer " .. bearer end
  local encoding = os.getenv("MCP_ACCEPT_ENCODING")
  if encoding and encoding ~= "" then h["Accept-Encoding"] = encoding end
  for k, v in pairs(extra) do h[k] = v end
  return h
end

-- Installs setup/init/request globals that send `make_body(id)` with `headers`.
function M.install(headers, make_body)
  local counter = 0
  local next_thread = 1
  function setup(thread)
    thread:set("thread_index", next_thread)
    next_thread = next_thread + 1
  end
  function init(args)
    counter = (thread_index or 0) * 1000000000
  end
  wrk.method = "POST"
  wrk.headers = headers
  function request()
    counter = counter + 1
    return wrk.format("POST", nil, headers, make_body(counter))
  end
end

return M
