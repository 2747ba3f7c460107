-- wrk -s bench/wrk/initialize.lua: a handshake `initialize` per request, so every request creates
-- (and persists) a new Streamable HTTP session: the session creation rate.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

common.install(common.headers({}), function(id)
  return '{"jsonrpc":"2.0","id":' .. id .. ',"method":"initialize","params":{"protocolVersion":"2025-11-25",'
    .. '"capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
end)
