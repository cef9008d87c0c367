-- A real client: Neovim (Debian 0.7.2) headless drives `agentlens lsp` with vim.lsp.start_client,
-- receives diagnostics for a file and applies the preferred quick fix.
--   AGENTLENS_BINARY=build/agentlens AGENTLENS_FILE=/tmp/x/app.py \
--     nvim --headless -u NONE -i NONE -n -c "luafile tests/lsp/neovim/quickfix_test.lua"
local binary = os.getenv("AGENTLENS_BINARY")
local file = os.getenv("AGENTLENS_FILE")
local failures = {}
local function check(cond, msg)
  if not cond then table.insert(failures, msg) end
end
local function finish()
  if #failures > 0 then
    io.stderr:write("FAILED:\n  " .. table.concat(failures, "\n  ") .. "\n")
    vim.cmd("cquit 1")
  else
    io.stdout:write("neovim lsp test: all checks passed\n")
    vim.cmd("qall!")
  end
end

vim.opt.swapfile = false
vim.cmd("edit " .. file)
local bufnr = vim.api.nvim_get_current_buf()
local root = vim.fn.fnamemodify(file, ":h")
local client_id = vim.lsp.start_client({
  name = "agentlens",
  cmd = { binary, "lsp" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "fixture" } },
})
check(client_id ~= nil, "client started")
vim.lsp.buf_attach_client(bufnr, client_id)

local function find_diag()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp
    if lsp and lsp.code == "swallowed-exception" then return d, lsp end
  end
end
local ok = vim.wait(15000, function() return find_diag() ~= nil end, 50)
check(ok, "swallowed-exception diagnostic received within 15 s")
local d, lsp_diag = find_diag()
if not d then return finish() end
check(d.source == "agentlens", "source is agentlens")
check(d.lnum == 3, "diagnostic on line 4, got " .. tostring(d.lnum))

local client = vim.lsp.get_client_by_id(client_id)
-- Neovim 0.7 keeps code/data in user_data.lsp but not the range: rebuild the LSP diagnostic.
local range = {
  start = { line = d.lnum, character = d.col },
  ["end"] = { line = d.end_lnum, character = d.end_col },
}
local ctx_diag = vim.tbl_extend("force", lsp_diag, {
  range = range, message = d.message, severity = d.severity, source = d.source,
})
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = range,
  context = { diagnostics = { ctx_diag } },
}
local resp = client.request_sync("textDocument/codeAction", params, 5000, bufnr)
check(resp and resp.result, "code actions returned")
local preferred
for _, a in ipairs((resp and resp.result) or {}) do
  if a.isPreferred then preferred = a end
end
check(preferred ~= nil, "a preferred (safe) quick fix; sent " .. vim.inspect(ctx_diag) .. ", got " .. vim.inspect(resp))
if not preferred then return finish() end
vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
check(text:find('logger.exception("charge failed")', 1, true) ~= nil, "fix applied: " .. text)
check(text:find("pass", 1, true) == nil, "pass removed")

-- The edit reaches the server (didChange): the finding disappears.
local gone = vim.wait(10000, function() return find_diag() == nil end, 50)
check(gone, "diagnostic cleared after the fix")

client.stop()
vim.wait(2000, function() return client.is_stopped() end, 50)
finish()
