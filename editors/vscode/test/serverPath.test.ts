// Which server runs (setting, bundled, PATH) and the messages when none can: node --test.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";

import { probeServer } from "../src/logic/probe";
import { chooseServer, choiceNotification, choiceReport, PathEnv, ProbeResult, serverCandidates } from "../src/logic/serverPath";

const exists = new Set(["/opt/agentlens", "/ext/bin/agentlens", "/usr/local/bin/agentlens"]);
const env: PathEnv = {
  settingPath: "",
  extensionPath: "/ext",
  platform: "linux",
  envPath: "/usr/bin:/usr/local/bin",
  isExecutable: (p) => exists.has(p),
};
const works = async (p: string): Promise<ProbeResult> => ({ ok: true, version: `agentlens 0.1.0 at ${p}` });

test("candidates: setting, then bundled, then the first agentlens on PATH", () => {
  const all = serverCandidates({ ...env, settingPath: "/opt/agentlens" });
  assert.deepEqual(all.candidates.map((c) => c.source), ["setting", "bundled", "PATH"]);
  assert.equal(all.candidates[2].path, "/usr/local/bin/agentlens");
  assert.deepEqual(all.missing, []);
  const none = serverCandidates({ ...env, settingPath: "/nope", isExecutable: () => false });
  assert.deepEqual(none.candidates, []);
  assert.match(none.missing[0], /agentlens\.path is \/nope, which does not exist/);
  assert.match(none.missing[1], /no bundled server for linux \(\/ext\/bin\/agentlens\)/);
  assert.equal(none.missing[2], "no agentlens on PATH");
});

test("the setting wins; the bundled binary is next; what runs is said", async () => {
  const c = await chooseServer({ ...env, settingPath: "/opt/agentlens" }, works);
  assert.ok(c.ok && c.candidate.source === "setting");
  assert.deepEqual(choiceReport(c), ["Running /opt/agentlens (the agentlens.path setting): agentlens 0.1.0 at /opt/agentlens"]);
  assert.equal(choiceNotification(c), null);
  const b = await chooseServer(env, works);
  assert.ok(b.ok && b.candidate.path === "/ext/bin/agentlens");
  assert.match(choiceReport(b)[0], /bundled with the extension/);
});

test("a bundled binary that cannot start falls back to PATH, with a warning naming the reason", async () => {
  const probe = async (p: string): Promise<ProbeResult> =>
    p.startsWith("/ext") ? { ok: false, reason: "exited 127: error while loading shared libraries: libspdlog.so.1.10" } : works(p);
  const c = await chooseServer(env, probe);
  assert.ok(c.ok && c.candidate.source === "PATH");
  const report = choiceReport(c);
  assert.match(report[0], /Could not start \/ext\/bin\/agentlens \(bundled with the extension\): exited 127: .*libspdlog/);
  assert.match(report[1], /Running \/usr\/local\/bin\/agentlens \(found on PATH\)/);
  const note = choiceNotification(c)!;
  assert.equal(note.level, "warning");
  assert.match(note.message, /could not start \(exited 127.*running \/usr\/local\/bin\/agentlens \(found on PATH\) instead/);
});

test("none could start: an error that says why for each, and how to fix it", async () => {
  const c = await chooseServer({ ...env, settingPath: "/opt/agentlens" }, async () => ({ ok: false, reason: "not executable (EACCES)" }));
  assert.equal(c.ok, false);
  const report = choiceReport(c);
  assert.equal(report.filter((l) => l.startsWith("Could not start")).length, 3);
  assert.equal(report[report.length - 1], "No AgentLens server could start.");
  const note = choiceNotification(c)!;
  assert.equal(note.level, "error");
  assert.match(note.message, /\/opt\/agentlens \(the agentlens\.path setting\): not executable/);
  assert.match(note.message, /set agentlens\.path/);
  const nothing = await chooseServer({ ...env, isExecutable: () => false }, works);
  assert.match(choiceNotification(nothing)!.message, /agentlens\.path is not set; this extension has no bundled server/);
});

test("probe: a working binary, a missing library, no execute bit, a missing file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentlens-probe-"));
  try {
    const write = (name: string, body: string, mode: number) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, body, { mode });
      return p;
    };
    const good = write("good", "#!/bin/sh\necho 'agentlens 9.9.9'\n", 0o755);
    const lib = write("lib", "#!/bin/sh\necho 'agentlens: error while loading shared libraries: libfmt.so.9' >&2\nexit 127\n", 0o755);
    const noexec = write("noexec", "#!/bin/sh\necho x\n", 0o644);
    assert.deepEqual(await probeServer(good), { ok: true, version: "agentlens 9.9.9" });
    assert.deepEqual(await probeServer(lib), { ok: false, reason: "exited 127: agentlens: error while loading shared libraries: libfmt.so.9" });
    assert.deepEqual(await probeServer(noexec), { ok: false, reason: "not executable (EACCES)" });
    assert.deepEqual(await probeServer(path.join(dir, "missing")), { ok: false, reason: "file not found (ENOENT)" });
    const real = process.env.AGENTLENS_BINARY;
    if (real) assert.match(((await probeServer(real)) as { version: string }).version, /^agentlens \d/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
