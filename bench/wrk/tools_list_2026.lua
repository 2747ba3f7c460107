-- wrk -s bench/wrk/tools_list_2026.lua: stateless 2026-07-28 `tools/list` (no handshake, no session).
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local extra = {
  ["MCP-Protocol-Version"] = "2026-07-28",
  ["Mcp-Method"] = "tools/list",
}

common.install(common.headers(extra), function(id)
  return '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/list","params":{"_meta":{'
    .. '"io.modelcontextprotocol/protocolVersion":"2026-07-28",'
    .. '"io.modelcontextprotocol/clientCapabilities":{}}}}'
end)
