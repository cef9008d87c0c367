-- Headless Neovim test of the AgentLens plugin against the real server:
--   nvim --headless -u NONE -c "luafile tests/editors/neovim/plugin_test.lua"
-- Env: AGENTLENS_BINARY (server), AGENTLENS_WORKDIR (a temp copy of a fixture app).
local binary = os.getenv("AGENTLENS_BINARY")
local workdir = os.getenv("AGENTLENS_WORKDIR")
local plugin = os.getenv("AGENTLENS_PLUGIN")
local failures = {}
local function check(cond, msg)
  if not cond then
    table.insert(failures, msg)
  end
end
local function finish()
  if #failures > 0 then
    io.stderr:write("FAILED:\n  " .. table.concat(failures, "\n  ") .. "\n")
    vim.cmd("cquit 1")
  else
    io.stdout:write("neovim plugin test: all checks passed\n")
    vim.cmd("qall!")
  end
end

vim.opt.runtimepath:append(plugin)
vim.opt.swapfile = false
local agentlens = require("agentlens")
agentlens.setup({ cmd = { binary, "lsp" } })

vim.cmd("edit " .. workdir .. "/app.py")
local bufnr = vim.api.nvim_get_current_buf()
check(vim.bo[bufnr].filetype == "python", "filetype python")

-- Diagnostics arrive.
local ok = vim.wait(15000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)
check(ok, "diagnostics received within 15 s")
local diags = vim.diagnostic.get(bufnr)
local swallowed
for _, d in ipairs(diags) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  if code == "swallowed-exception" then
    swallowed = d
  end
end
check(swallowed ~= nil, "a swallowed-exception diagnostic")

-- :AgentLensReadiness shows the score in a floating window.
vim.wait(10000, function()
  local r = agentlens.fetch_readiness(2000)
  return r and r.score ~= nil and r.score ~= vim.NIL
end, 200)
vim.cmd("AgentLensReadiness")
local win = vim.api.nvim_get_current_win()
local cfg = vim.api.nvim_win_get_config(win)
check(cfg.relative == "editor", "readiness window is floating")
local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), "\n")
check(text:find("Production readiness:", 1, true) ~= nil, "readiness window shows the score: " .. text)
check(text:find("Action plan:", 1, true) ~= nil, "readiness window shows the plan")
vim.cmd("close")

-- :AgentLensPlan fills the quickfix list.
local items = agentlens.plan_to_quickfix()
check(items and #items > 0, "plan items in quickfix")
vim.cmd("cclose")
vim.api.nvim_set_current_buf(bufnr)

-- Apply the quick fix of the swallowed exception and check the buffer.
if swallowed then
  local client
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == "agentlens" then
      client = c
    end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = swallowed.lnum, character = swallowed.col }, ["end"] = { line = swallowed.end_lnum or swallowed.lnum, character = swallowed.end_col or swallowed.col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, swallowed.lnum), only = { "quickfix" } },
  }
  local resp = client.request_sync("textDocument/codeAction", params, 5000, bufnr)
  local applied = false
  for _, action in ipairs((resp and resp.result) or {}) do
    if action.title and action.title:find("Log the exception", 1, true) and not applied then
      if not action.edit and client.server_capabilities.codeActionProvider and client.server_capabilities.codeActionProvider.resolveProvider then
        local r2 = client.request_sync("codeAction/resolve", action, 5000, bufnr)
        action = (r2 and r2.result) or action
      end
      if action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
        applied = true
      end
    end
  end
  check(applied, "quick fix 'Log the exception…' offered and applied")
  local buf_text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  check(buf_text:find("logger.exception(", 1, true) ~= nil, "buffer contains logger.exception after the fix")
  check(buf_text:find("import logging", 1, true) ~= nil, "buffer imports logging after the fix")
end

finish()
