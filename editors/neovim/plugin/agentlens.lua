-- Nothing runs until require("agentlens").setup({...}) is called.
if vim.g.loaded_agentlens then
  return
end
vim.g.loaded_agentlens = true
