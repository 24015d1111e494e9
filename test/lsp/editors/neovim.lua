-- docbits in headless Neovim (0.7 or later) over --stdio, configured as docs/editors.md says for Neovim 0.7
-- (start_client + buf_attach_client, settings pushed in on_init). It opens DOCBITS_FILE, waits for the
-- diagnostics, applies the first one's "Add docstring" quick fix, then the source action for the rest (resolved
-- if the server left its edit for codeAction/resolve), hovers DOCBITS_HOVER (line:character, 1-based line),
-- asks docbits/fileCoverage, stops the server, and writes what it saw to DOCBITS_OUT as JSON.
local result = { errors = {} }
local function fail(message) table.insert(result.errors, message) end

local client_id = vim.lsp.start_client({
  name = 'docbits',
  cmd = { 'node', os.getenv('DOCBITS_SERVER'), '--stdio' },
  root_dir = os.getenv('DOCBITS_ROOT'),
  settings = { docbits = { severity = 'warning', docstringStyle = 'google' } },
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end,
  on_exit = function(code, signal) result.exit = { code = code, signal = signal } end,
})
vim.cmd('edit ' .. os.getenv('DOCBITS_FILE'))
vim.bo.filetype = 'python'
vim.lsp.buf_attach_client(0, client_id)

local function diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(list, { line = d.lnum + 1, col = d.col, message = d.message, code = d.code, severity = d.severity, source = d.source })
  end
  table.sort(list, function(a, b) return a.line < b.line end)
  return list
end

local function request(method, params, timeout)
  local answers, err = vim.lsp.buf_request_sync(0, method, params, timeout or 10000)
  if not answers then fail(method .. ': ' .. tostring(err)) return nil end
  for _, answer in pairs(answers) do
    if answer.err then fail(method .. ': ' .. vim.inspect(answer.err)) end
    return answer.result
  end
end

local function apply(action)
  if not action.edit and not action.command then action = request('codeAction/resolve', action) or action end
  if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16') else fail('no edit in ' .. action.title) end
end

if not vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20) then fail('no diagnostics within 20 s') end
result.diagnostics = diagnostics()

local first = result.diagnostics[1]
if first then
  vim.api.nvim_win_set_cursor(0, { first.line, first.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(), only = { 'quickfix' } }
  local actions = request('textDocument/codeAction', params) or {}
  result.quickFixes = {}
  for _, a in ipairs(actions) do table.insert(result.quickFixes, a.title) end
  if actions[1] then
    apply(actions[1])
    local want = #result.diagnostics - 1
    vim.wait(10000, function() return #vim.diagnostic.get(0) == want end, 20)
    result.afterQuickFix = diagnostics()
  end
end

local whole = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } }
local sourceActions = request('textDocument/codeAction', {
  textDocument = vim.lsp.util.make_text_document_params(), range = whole,
  context = { diagnostics = {}, only = { 'source.docbits.addAllDocstrings' } },
}) or {}
result.sourceActions = {}
for _, a in ipairs(sourceActions) do table.insert(result.sourceActions, a.title) end
if sourceActions[1] then apply(sourceActions[1]) end
vim.wait(10000, function() return #vim.diagnostic.get(0) == 0 end, 20)
result.afterSourceAction = diagnostics()
result.text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'

local hover = os.getenv('DOCBITS_HOVER')
if hover then
  local line, character = hover:match('^(%d+):(%d+)$')
  local answer = request('textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(), position = { line = tonumber(line) - 1, character = tonumber(character) },
  })
  result.hover = answer and answer.contents and (answer.contents.value or answer.contents) or vim.NIL
end
result.fileCoverage = request('docbits/fileCoverage', { uri = vim.uri_from_bufnr(0) }) or vim.NIL

vim.lsp.stop_client(client_id)
if not vim.wait(5000, function() return result.exit ~= nil end, 20) then fail('the server did not exit within 5 s of shutdown') end
local out = io.open(os.getenv('DOCBITS_OUT'), 'w')
out:write(vim.fn.json_encode(result))
out:close()
vim.cmd('qa!')
