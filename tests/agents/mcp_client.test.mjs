// A real MCP client against `agentlens mcp`: the official TypeScript SDK (pinned in
// package-lock.json) spawns the binary over stdio, lists the tools, calls each one (the SDK
// validates every structuredContent against the tool's outputSchema), runs a preview/apply round
// trip on a temporary copy of examples/shop-prototype, and checks the errors an agent can cause.
// Run by scripts/test_agents.sh (ctest: mcp-agents) with AGENTLENS_BINARY and AGENTLENS_SOURCE_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';

const binary = process.env.AGENTLENS_BINARY;
const sourceDir = process.env.AGENTLENS_SOURCE_DIR;
assert.ok(binary && sourceDir, 'AGENTLENS_BINARY and AGENTLENS_SOURCE_DIR must be set');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agentlens-agents-'));
const STRIPE_KEY = 'sk_live_51Hx9aQ2eZvKYlo2C8Nv3mR7tYpQ';

function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
}

/** A fresh copy of the shop example, committed, so check_change has a ref to compare with. */
function shopCopy(name) {
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(sourceDir, 'examples', 'shop-prototype'), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'shop');
  return dir;
}

/** Puts the working copy back as committed (fixes may create files). */
function restore() {
  git(root, 'checkout', '-q', '--', '.');
  git(root, 'clean', '-fdq');
}

const transportErrors = [];
const stderrChunks = [];
let client;
let root;
let tools;
const timings = {};

async function call(name, args = {}) {
  const t0 = performance.now();
  const result = await client.callTool({ name, arguments: args });
  (timings[name] ??= []).push(performance.now() - t0);
  return result;
}

/** A successful call's structured content, with its text block holding the same JSON. */
async function ok(name, args = {}) {
  const result = await call(name, args);
  assert.equal(result.isError, false, JSON.stringify(result));
  assert.ok(result.structuredContent, `${name}: structuredContent`);
  assert.equal(result.content.length, 1);
  assert.equal(result.content[0].type, 'text');
  assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
  return result.structuredContent;
}

/** A tool error result's message. */
async function toolError(name, args) {
  const result = await call(name, args);
  assert.equal(result.isError, true, JSON.stringify(result));
  return result.content[0].text;
}

before(async () => {
  root = shopCopy('shop');
  const transport = new StdioClientTransport({
    command: binary,
    // Debug logging on: every log line must go to stderr, never into the protocol on stdout.
    args: ['--log-level', 'debug', 'mcp', '--root', root, '-j', '2'],
    env: { ...process.env, AGENTLENS_CACHE_DIR: path.join(tmp, 'cache') },
    stderr: 'pipe',
  });
  transport.stderr.on('data', (d) => stderrChunks.push(String(d)));
  client = new Client({ name: 'agentlens-test', version: '1.0.0' });
  client.onerror = (e) => transportErrors.push(e);
  await client.connect(transport);
  const listed = await client.listTools();
  tools = listed.tools;
  const chars = JSON.stringify(listed).length;
  console.log(`tools/list: ${tools.length} tools, ${chars} characters, ~${Math.ceil(chars / 4)} tokens (characters/4)`);
  assert.ok(chars / 4 <= 1500, 'tools/list within 1,500 tokens');
});

after(async () => {
  await client?.close();
  for (const [name, ms] of Object.entries(timings)) {
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`${name}: ${ms.length} call(s), median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('initialize and tools/list: protocol 2025-06-18, seven tools with input and output schemas', () => {
  assert.equal(client.getServerVersion().name, 'agentlens');
  assert.ok(client.getServerCapabilities().tools);
  assert.deepEqual(tools.map((t) => t.name),
    ['readiness', 'findings', 'check_change', 'explain', 'plan', 'preview_fix', 'apply_fix']);
  for (const t of tools) {
    assert.equal(t.inputSchema.type, 'object');
    assert.equal(t.outputSchema.type, 'object');
    // listTools() compiled a validator per output schema: every callTool below is checked.
    assert.equal(typeof client.getToolOutputValidator(t.name), 'function');
  }
});

test('readiness, plan, findings and explain', async () => {
  const r = await ok('readiness');
  assert.equal(typeof r.score, 'number');
  assert.ok(r.score < 60);
  assert.equal(r.gate.passed, false);
  assert.ok(r.blockers >= 1);
  assert.ok(r.top.length >= 1 && r.top.length <= 5);
  assert.ok('security' in r.categories);

  const plan = await ok('plan', { top: 3 });
  assert.equal(plan.items.length, 3);
  assert.ok(plan.items.every((i) => typeof i.handoff === 'string' && i.handoff.length > 0));

  const f = await ok('findings', { min_severity: 'high' });
  assert.ok(f.total >= 1);
  assert.ok(f.findings.every((x) => ['critical', 'high'].includes(x.severity)));
  assert.ok(!JSON.stringify(f).includes(STRIPE_KEY), 'secrets are masked');

  const scoped = await ok('findings', { paths: ['inventory'], limit: 2 });
  assert.ok(scoped.findings.length <= 2);
  assert.ok(scoped.findings.every((x) => x.file.startsWith('inventory/')));

  const ex = await ok('explain', { rule: 'hardcoded-secret' });
  assert.equal(ex.rule, 'hardcoded-secret');
  assert.match(ex.docs, /## What it does/);
});

test('preview_fix then apply_fix on a copy of the example: the previewed diff is what is written', async () => {
  const all = await ok('findings', { limit: 1000 });
  // A file without secrets: a diff through a secret's line shows it masked, which git cannot apply.
  const target = all.findings.find((x) => x.fix === 'safe' && x.file === 'reports.py');
  assert.ok(target, 'the example has a finding with a safe fix in reports.py');
  const file = path.join(root, target.file);
  const before = fs.readFileSync(file, 'utf8');

  const preview = await ok('preview_fix', { id: target.id });
  assert.equal(preview.fix.safety, 'safe');
  assert.match(preview.diff, new RegExp(`^--- a/${target.file}\\n\\+\\+\\+ b/${target.file}\\n@@ `, 'm'));
  assert.ok(!preview.diff.includes(STRIPE_KEY));
  assert.equal(fs.readFileSync(file, 'utf8'), before, 'a preview writes nothing');

  const applied = await ok('apply_fix', { rule: target.rule, file: target.file, line: target.line });
  assert.equal(applied.applied, true);
  assert.equal(applied.diff, preview.diff);
  assert.ok(applied.files.includes(target.file));
  assert.notEqual(fs.readFileSync(file, 'utf8'), before);

  // The diff applies with git to a pristine copy and gives the same files.
  const pristine = shopCopy('pristine');
  fs.writeFileSync(path.join(tmp, 'fix.diff'), applied.diff);
  git(pristine, 'apply', path.join(tmp, 'fix.diff'));
  for (const f of applied.files)
    assert.equal(fs.readFileSync(path.join(pristine, f), 'utf8'), fs.readFileSync(path.join(root, f), 'utf8'));

  const change = await ok('check_change');
  assert.deepEqual(change.introduced, []);
  assert.ok(change.fixed.some((x) => x.rule === target.rule));
  assert.ok(change.score.delta >= 0);
  restore();
});

test('a fix across files (code and .env.example) previews as one diff, the secret masked', async () => {
  const secrets = await ok('findings', { paths: ['app.py'], category: 'security', limit: 100 });
  const secret = secrets.findings.find((x) => x.rule === 'hardcoded-secret' && x.line === 9);
  assert.ok(secret, JSON.stringify(secrets));
  const preview = await ok('preview_fix', { rule: 'hardcoded-secret', file: 'app.py', line: 9 });
  assert.equal(preview.fix.safety, 'unsafe');
  assert.deepEqual(preview.files, ['.env.example', 'app.py']);
  assert.match(preview.diff, /^--- \/dev\/null\n\+\+\+ b\/\.env\.example\n/m);
  assert.ok(!preview.diff.includes(STRIPE_KEY));
  assert.ok(preview.diff.includes('sk_l****'));
  assert.match(await toolError('apply_fix', { id: secret.id }), /allow_unsafe/);
  const applied = await ok('apply_fix', { id: secret.id, allow_unsafe: true });
  assert.deepEqual(applied.files.sort(), ['.env.example', 'app.py']);
  assert.ok(!fs.readFileSync(path.join(root, 'app.py'), 'utf8').includes(STRIPE_KEY));
  assert.ok(fs.existsSync(path.join(root, '.env.example')));
  restore();
});

test('check_change reports what an edit introduced, with the score delta', async () => {
  fs.appendFileSync(path.join(root, 'reports.py'), '\ndef risky():\n    try:\n        run()\n    except:\n        pass\n');
  const change = await ok('check_change', { ref: 'HEAD' });
  assert.deepEqual(change.files, ['reports.py']);
  assert.ok(change.introduced.some((x) => x.rule === 'swallowed-exception' && x.file === 'reports.py'));
  assert.deepEqual(change.fixed, []);
  assert.ok(change.score.delta <= 0);
  const listed = await ok('check_change', { files: ['app.py'] });
  assert.deepEqual(listed.introduced, []);
  restore();
});

test('errors: bad path, unknown rule, path traversal, malformed arguments, unknown tool', async () => {
  assert.match(await toolError('readiness', { path: 'no/such/dir' }), /no such file or directory/);
  assert.match(await toolError('explain', { rule: 'no-such-rule' }), /unknown rule 'no-such-rule'/);
  assert.match(await toolError('findings', { paths: ['../'] }), /outside the workspace root/);
  assert.match(await toolError('preview_fix', { rule: 'hardcoded-secret', file: '../../etc/passwd', line: 1 }),
    /outside the workspace root/);
  assert.match(await toolError('check_change', { ref: 'no-such-ref' }), /unknown git ref/);
  for (const [name, args] of [['findings', { limit: 'ten' }], ['findings', { paths: 'app.py' }],
    ['plan', { top: -1 }], ['apply_fix', { allow_unsafe: 'yes', id: 'x' }], ['explain', {}], ['nope', {}]]) {
    await assert.rejects(call(name, args), (e) => e instanceof McpError && e.code === ErrorCode.InvalidParams,
      `${name} ${JSON.stringify(args)}`);
  }
  // The server kept serving after every error.
  assert.deepEqual(await client.ping(), {});
});

test('cancellation: an aborted call is dropped and the server keeps serving', async () => {
  const controller = new AbortController();
  const pending = client.callTool({ name: 'readiness', arguments: {} }, undefined, { signal: controller.signal });
  controller.abort('test');
  await assert.rejects(pending);
  assert.deepEqual(await client.ping(), {});
  const r = await ok('readiness');
  assert.equal(typeof r.score, 'number');
});

test('stdout carried only protocol messages; the debug log went to stderr', () => {
  assert.deepEqual(transportErrors.map(String), []);
  assert.ok(stderrChunks.join('').length > 0, 'debug logging wrote to stderr');
});
