-- AgentLens for Neovim: attaches `agentlens lsp` to Python, JS/TS and Go buffers, and adds
-- :AgentLensReadiness (floating window), :AgentLensPlan (quickfix list) and :AgentLensFixAll.
-- Works on Neovim 0.7 (vim.lsp.start_client) and 0.8+ (vim.lsp.start), with or without
-- nvim-lspconfig.
local M = {}

local defaults = {
  cmd = nil, -- default: { "agentlens", "lsp" } when `agentlens` is on $PATH
  filetypes = { "python", "javascript", "javascriptreact", "typescript", "typescriptreact", "go", "dockerfile" },
  root_markers = { ".agentlens.toml", ".git", "pyproject.toml", "package.json", "go.mod" },
  settings = {}, -- sent as initializationOptions and answered on workspace/configuration
  on_attach = nil,
}

M.config = vim.deepcopy(defaults)
M.readiness = nil -- the last readiness model received from the server
local clients = {} -- root dir -> client id (Neovim 0.7 path)

local function notify(msg, level)
  vim.notify("AgentLens: " .. msg, level or vim.log.levels.INFO)
end

local function find_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.fn.getcwd()
  for _, marker in ipairs(M.config.root_markers) do
    local found = vim.fn.findfile(marker, dir .. ";")
    if found == "" then
      found = vim.fn.finddir(marker, dir .. ";")
    end
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h"):gsub("/%.git/?$", "")
    end
  end
  return dir
end

local function handlers()
  return {
    ["agentlens/readinessChanged"] = function(_, result)
      M.readiness = result
    end,
    ["workspace/configuration"] = function(_, params)
      local out = {}
      for i, item in ipairs(params.items or {}) do
        out[i] = item.section == "agentlens" and M.config.settings or vim.NIL
      end
      return out
    end,
  }
end

local function client_config(root)
  return {
    name = "agentlens",
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = M.config.settings,
    handlers = handlers(),
    on_attach = M.config.on_attach,
  }
end

--- Attaches the server to a buffer (called from the FileType autocommand).
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].buftype ~= "" then
    return
  end
  local root = find_root(bufnr)
  if vim.lsp.start then -- Neovim 0.8+
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(client_config(root))
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local function get_client(bufnr)
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr or 0)) do
    if c.name == "agentlens" then
      return c
    end
  end
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == "agentlens" then
      return c
    end
  end
end

--- Fetches the readiness model synchronously (timeout in ms).
function M.fetch_readiness(timeout)
  local client = get_client()
  if not client then
    notify("the server is not running in this buffer", vim.log.levels.WARN)
    return nil
  end
  local resp = client.request_sync("agentlens/readiness", {}, timeout or 5000, vim.api.nvim_get_current_buf())
  if resp and resp.result then
    M.readiness = resp.result
  end
  return M.readiness
end

local CATEGORIES = { "error-handling", "security", "observability", "configuration", "database", "deployment", "testing" }
-- What people call them (the VS Code view uses the same names).
M.CATEGORY_NAMES = {
  ["error-handling"] = "Error handling",
  security = "Security",
  observability = "Observability",
  configuration = "Configuration",
  database = "Database",
  deployment = "Deployment",
  testing = "Testing",
}

--- The lines of the readiness window (exposed for tests).
function M.readiness_lines(r)
  if not r then
    return { "AgentLens: no readiness report yet (the workspace is still indexing)." }
  end
  if r.score == nil or r.score == vim.NIL then
    return { "AgentLens: nothing to assess." }
  end
  local lines = {}
  -- Score version 2 puts a gate beside the score; version 1 servers only send the blocker count.
  local gate
  if type(r.gate) == "table" and type(r.gate.headline) == "string" then
    gate = " · " .. r.gate.headline
  else
    gate = (r.blockers or 0) > 0 and string.format(" · %d blocker%s", r.blockers, r.blockers == 1 and "" or "s") or ""
  end
  table.insert(lines, string.format("Production readiness: %.1f/100 (%s) — %s%s", r.score, r.grade, r.label, gate))
  table.insert(lines, "")
  for _, name in ipairs(CATEGORIES) do
    local c = r.categories and r.categories[name]
    if c and c.applicable and c.score ~= vim.NIL then
      local filled = math.floor(c.score / 5 + 0.5)
      local cap = type(c.cap) == "table" and string.format("  (capped at %d by %s)", c.cap.value, c.cap.cause) or ""
      table.insert(lines, string.format("  %-15s %s%s %5.1f %s%s", M.CATEGORY_NAMES[name] or name, string.rep("█", filled), string.rep("░", 20 - filled), c.score, c.grade, cap))
    elseif c then
      table.insert(lines, string.format("  %-15s %s  n/a", M.CATEGORY_NAMES[name] or name, string.rep(" ", 20)))
    end
  end
  local services = type(r.services) == "table" and r.services or {}
  if #services > 1 or (#services == 1 and services[1].root ~= "") then
    table.insert(lines, "")
    table.insert(lines, "Services (the score above is the repository roll-up):")
    for _, sv in ipairs(services) do
      local where = sv.root == "" and "." or (sv.root .. "/")
      if sv.kind and sv.kind ~= "service" then where = where .. " (" .. sv.kind .. ")" end
      local score = type(sv.score) == "number" and string.format("%5.1f %s", sv.score, sv.grade) or "  n/a"
      local next_item = (type(sv.plan) == "table" and #sv.plan > 0) and (" · next: " .. sv.plan[1].title) or ""
      table.insert(lines, string.format("  %-24s %s · %s%s", where, score, sv.gate and sv.gate.headline or "", next_item))
    end
  end
  if r.plan and #r.plan > 0 then
    table.insert(lines, "")
    table.insert(lines, "Action plan:")
    for i, p in ipairs(r.plan) do
      local g = p.expectedGain.overall
      local gain = (g > 0 and g < 0.1) and string.format("+%.2f", g) or string.format("+%.1f", g)
      table.insert(lines, string.format("  %d. %s%s  %s  (%d finding%s, effort %s)", i, p.blocker and "[blocker] " or "", p.title,
        gain, p.findings, p.findings == 1 and "" or "s", p.effort))
    end
    table.insert(lines, "")
    table.insert(lines, ":AgentLensPlan fills the quickfix list · q closes")
  end
  return lines
end

--- :AgentLensReadiness — a floating window with the score, bars and plan.
function M.show_readiness()
  local lines = M.readiness_lines(M.fetch_readiness())
  local width = 20
  for _, l in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(l))
  end
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = "agentlens-readiness"
  local win = vim.api.nvim_open_win(buf, true, {
    relative = "editor",
    width = math.min(width + 2, vim.o.columns - 4),
    height = math.min(#lines, vim.o.lines - 4),
    row = 2,
    col = math.floor((vim.o.columns - width) / 2),
    style = "minimal",
    border = "rounded",
  })
  vim.api.nvim_buf_set_keymap(buf, "n", "q", "<cmd>close<cr>", { noremap = true, silent = true })
  return buf, win
end

--- :AgentLensPlan — plan items as quickfix entries.
function M.plan_to_quickfix()
  local r = M.fetch_readiness()
  if not r or not r.plan then
    return notify("no plan yet", vim.log.levels.WARN)
  end
  local client = get_client()
  local root = client and client.config.root_dir or vim.fn.getcwd()
  local items = {}
  for i, p in ipairs(r.plan) do
    for _, loc in ipairs(p.locations or {}) do
      local file = loc.file
      if file:match("^file://") then
        file = vim.uri_to_fname(file)
      elseif not file:match("^/") then
        file = root .. "/" .. file
      end
      table.insert(items, { filename = file, lnum = loc.line, col = loc.column, text = string.format("%d. %s [%s]", i, p.title, p.rule) })
    end
  end
  vim.fn.setqflist({}, " ", { title = "AgentLens plan", items = items })
  vim.cmd("copen")
  return items
end

--- :AgentLensFixAll — applies the server's Safe fixes (source.fixAll.agentlens) to the buffer.
function M.fix_all(bufnr, timeout)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = get_client(bufnr)
  if not client then
    return notify("the server is not running in this buffer", vim.log.levels.WARN)
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { "source.fixAll.agentlens" } },
  }
  local resp = client.request_sync("textDocument/codeAction", params, timeout or 5000, bufnr)
  local applied = 0
  for _, action in ipairs((resp and resp.result) or {}) do
    if action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
      applied = applied + 1
    end
  end
  if applied == 0 then
    notify("no safe fixes to apply")
  end
  return applied
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  if not M.config.cmd then
    local exe = vim.fn.exepath("agentlens")
    if exe == "" then
      return notify("`agentlens` is not on $PATH: pass setup({ cmd = { '/path/to/agentlens', 'lsp' } })", vim.log.levels.ERROR)
    end
    M.config.cmd = { exe, "lsp" }
  end
  local group = vim.api.nvim_create_augroup("AgentLens", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  vim.api.nvim_create_user_command("AgentLensReadiness", M.show_readiness, { desc = "AgentLens: readiness report" })
  vim.api.nvim_create_user_command("AgentLensPlan", M.plan_to_quickfix, { desc = "AgentLens: action plan in quickfix" })
  vim.api.nvim_create_user_command("AgentLensFixAll", function()
    M.fix_all()
  end, { desc = "AgentLens: apply safe fixes" })
  -- Buffers already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

return M
