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
-- -u NONE skips filetype detection, which the plugin's FileType autocommand relies on.
vim.cmd("filetype on")
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

-- :AgentLensReadiness shows the score in a floating window. The expected numbers come from the
-- CLI's readiness model of the same directory (the server answers with exactly that model).
vim.wait(10000, function()
  local r = agentlens.fetch_readiness(2000)
  return r and r.score ~= nil and r.score ~= vim.NIL
end, 200)
local cli = vim.fn.json_decode(vim.fn.system({ binary, "check", workdir, "--format", "json" })).readiness
check(type(cli.score) == "number" and #cli.plan > 0, "the CLI reports a score and a plan for the fixture")
vim.cmd("AgentLensReadiness")
local win = vim.api.nvim_get_current_win()
local cfg = vim.api.nvim_win_get_config(win)
check(cfg.relative == "editor", "readiness window is floating")
local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
local text = table.concat(lines, "\n")
local function has(s, what)
  check(text:find(s, 1, true) ~= nil, what .. ": expected '" .. s .. "' in\n" .. text)
end
has(string.format("Production readiness: %.1f/100 (%s) — %s", cli.score, cli.grade, cli.label), "score, grade and label")
if cli.blockers > 0 then
  has(string.format("%d blocker", cli.blockers), "blocker count")
end
has(cli.gate.headline, "readiness gate beside the score")
for name, c in pairs(cli.categories) do
  if c.applicable and type(c.score) == "number" then
    local filled = math.floor(c.score / 5 + 0.5)
    local cap = type(c.cap) == "table" and string.format("  (capped at %d by %s)", c.cap.value, c.cap.cause) or ""
    local human = require("agentlens").CATEGORY_NAMES[name]
    check(human ~= nil and human ~= name, "a human name for " .. name)
    has(string.format("  %-15s %s%s %5.1f %s%s\n", human, string.rep("█", filled), string.rep("░", 20 - filled), c.score, c.grade, cap), "bar of " .. name)
  end
end
has("Action plan:", "plan heading")
has("  1. " .. (cli.plan[1].blocker and "[blocker] " or "") .. cli.plan[1].title .. string.format("  +%.1f", cli.plan[1].expectedGain.overall),
  "first plan item with the CLI's gain on its line")
local plan_lines = 0
for _, l in ipairs(lines) do
  if l:match("^  %d+%. ") then
    plan_lines = plan_lines + 1
  end
end
check(plan_lines == #cli.plan, string.format("one line per plan item (%d lines, %d items)", plan_lines, #cli.plan))
vim.cmd("close")

-- :AgentLensPlan fills the quickfix list: one entry per plan location, absolute paths.
vim.cmd("AgentLensPlan")
local qf = vim.fn.getqflist({ title = 1, items = 1 })
local want = 0
for _, p in ipairs(cli.plan) do
  want = want + #(p.locations or {})
end
check(qf.title == "AgentLens plan", "quickfix title")
check(#qf.items == want and want > 0, string.format("quickfix entries = plan locations (%d vs %d)", #qf.items, want))
local first = qf.items[1]
local loc1 = cli.plan[1].locations[1]
local first_file = first and vim.fn.resolve(vim.api.nvim_buf_get_name(first.bufnr)) or ""
check(first_file == vim.fn.resolve(workdir .. "/" .. loc1.file), "first quickfix entry is the first plan location's file: " .. first_file)
check(first and first.lnum == loc1.line and first.col == loc1.column, "first quickfix entry at the plan location's line/column")
check(first and first.text:find(cli.plan[1].rule, 1, true) ~= nil, "quickfix text names the rule")
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

  -- The server re-analyses the edited buffer: that swallowed exception is gone.
  local fixed_line = swallowed.lnum
  local gone = vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == "swallowed-exception" and math.abs(d.lnum - fixed_line) <= 2 then
        return false
      end
    end
    return true
  end, 50)
  check(gone, "the swallowed-exception diagnostic disappears after the fix")

  -- :AgentLensFixAll applies the Safe fixes of the current analysis.
  local before = buf_text
  local applied_all = agentlens.fix_all(bufnr)
  local after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  check(type(applied_all) == "number" and applied_all >= 1, ":AgentLensFixAll applied a fix-all edit")
  check(after ~= before, ":AgentLensFixAll changed the buffer")
  local function count(t, pat)
    local n = 0
    for _ in t:gmatch(pat) do
      n = n + 1
    end
    return n
  end
  check(count(after, "logger%.exception%(") > count(before, "logger%.exception%("), ":AgentLensFixAll added a logger.exception call (a Safe fix)")
end

finish()
