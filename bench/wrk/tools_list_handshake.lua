-- wrk -s bench/wrk/tools_list_handshake.lua: `tools/list` inside an initialized 2025-11-25 session.
-- bench/run performs `initialize` + `notifications/initialized` with curl first and exports
-- MCP_SESSION_ID (empty for a stateless server that mints none, such as the Python peer).
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local extra = { ["MCP-Protocol-Version"] = "2025-11-25" }
local sid = os.getenv("MCP_SESSION_ID")
if sid and sid ~= "" then extra["Mcp-Session-Id"] = sid end

common.install(common.headers(extra), function(id)
  return '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/list"}'
end)
