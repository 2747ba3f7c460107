-- wrk -s bench/wrk/get_release_2026.lua: stateless 2026-07-28 `tools/call get_release` for one
-- release (RELEASE_ID), answered from the server's cache after the first call.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local release = os.getenv("RELEASE_ID") or "1"
local extra = {
  ["MCP-Protocol-Version"] = "2026-07-28",
  ["Mcp-Method"] = "tools/call",
  ["Mcp-Name"] = "get_release",
}

common.install(common.headers(extra), function(id)
  return '{"jsonrpc":"2.0","id":' .. id .. ',"method":"tools/call","params":{"name":"get_release",'
    .. '"arguments":{"release_id":' .. release .. '},"_meta":{'
    .. '"io.modelcontextprotocol/protocolVersion":"2026-07-28",'
    .. '"io.modelcontextprotocol/clientCapabilities":{}}}}'
end)
