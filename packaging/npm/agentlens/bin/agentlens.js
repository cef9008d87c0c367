#!/usr/bin/env node
// The agentlens launcher: runs the native binary of this platform's package
// (@agentlens/cli-<platform>-<arch>, an optional dependency npm installs only where it fits; the
// layout Biome and oxlint use). AGENTLENS_BINARY overrides it. stdio is inherited, so
// `agentlens lsp` speaks to the editor directly; the exit status and signals are passed on.
"use strict";
const { spawnSync } = require("child_process");

const SUPPORTED = ["linux-x64"];

function binaryPath() {
  if (process.env.AGENTLENS_BINARY) return process.env.AGENTLENS_BINARY;
  const target = `${process.platform}-${process.arch}`;
  const pkg = `@agentlens/cli-${target}`;
  const exe = process.platform === "win32" ? "agentlens.exe" : "agentlens";
  try {
    return require.resolve(`${pkg}/${exe}`);
  } catch {
    const why = SUPPORTED.includes(target)
      ? `the package ${pkg} is not installed (was the install run with --no-optional or --omit=optional?); reinstall agentlens`
      : `there is no AgentLens binary for ${target} yet (available: ${SUPPORTED.join(", ")}); build it from source (README: Install)`;
    process.stderr.write(`agentlens: ${why}\n`);
    process.exit(2);
  }
}

const bin = binaryPath();
const r = spawnSync(bin, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (r.error) {
  process.stderr.write(`agentlens: cannot run ${bin}: ${r.error.message}\n`);
  process.exit(2);
}
if (r.signal) process.kill(process.pid, r.signal);
process.exit(r.status === null ? 2 : r.status);
