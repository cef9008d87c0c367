// Checks the packaged .vsix: manifest (activation events, contributions, settings schema) and
// the bundled server binary. AGENTLENS_VSIX names the package (make test sets it).
import assert from "node:assert/strict";
import { test } from "node:test";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yauzl = require("yauzl");
import { SEVERITY_LEVELS } from "../src/logic/settings";

function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err: Error | null, zip: any) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.readEntry();
      zip.on("entry", (entry: any) => {
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e: Error | null, stream: any) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
    });
  });
}

/** Does a 64-bit little-endian ELF file name a dynamic loader (a PT_INTERP program header)? */
function hasInterpreter(elf: Buffer): boolean {
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  const phnum = elf.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) if (elf.readUInt32LE(phoff + i * phentsize) === 3) return true;
  return false;
}

const vsix = process.env.AGENTLENS_VSIX;

test("the .vsix carries the manifest, the bundle and the server", { skip: !vsix && "AGENTLENS_VSIX not set" }, async () => {
  const files = await readZip(vsix!);
  const manifest = JSON.parse(files.get("extension/package.json")!.toString("utf8"));
  assert.equal(manifest.name, "agentlens");
  assert.equal(manifest.main, "./dist/extension.js");
  for (const ev of ["onLanguage:python", "onLanguage:typescript", "onLanguage:go", "onLanguage:javascript"])
    assert.ok(manifest.activationEvents.includes(ev), ev);
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual(commands.sort(), ["agentlens.copyHandoff", "agentlens.fixAll", "agentlens.restartServer", "agentlens.showReadiness"]);
  const props = manifest.contributes.configuration.properties;
  for (const key of ["agentlens.path", "agentlens.enable", "agentlens.select", "agentlens.ignore", "agentlens.severity", "agentlens.exclude", "agentlens.diagnosticsScope", "agentlens.fixOnSave", "agentlens.trace.server"])
    assert.ok(props[key] && props[key].type, key);
  // The severity enum is exactly what the server accepts (otherwise it warns and ignores it).
  assert.deepEqual(props["agentlens.severity"].additionalProperties.enum, SEVERITY_LEVELS);
  assert.equal(manifest.contributes.views.agentlens[0].type, "webview");
  assert.ok(files.has("extension/dist/extension.js"));
  const server = files.get("extension/bin/agentlens");
  assert.ok(server && server.length > 100000, "bundled server binary");
  assert.equal(server!.subarray(0, 4).toString("latin1"), "\x7fELF");
  // Built from the release binary (make vsix): static, so it starts on any x86-64 Linux.
  if (process.env.AGENTLENS_VSIX_PORTABLE === "1") assert.equal(hasInterpreter(server!), false, "bundled server is static");
  const vsixManifest = files.get("extension.vsixmanifest")!.toString("utf8");
  assert.match(vsixManifest, /TargetPlatform="linux-x64"/);
  // The bundle must not ship sources, tests or node_modules.
  for (const name of files.keys()) assert.doesNotMatch(name, /^extension\/(src|test|node_modules)\//);
});
