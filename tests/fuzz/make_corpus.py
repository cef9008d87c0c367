#!/usr/bin/env python3
"""Regenerates the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/) from the
examples, the rule fixtures and the LSP transcripts. Seeds stay small (< 8 KB each). Crash
reproducers (corpus/<target>/crash-*) are kept: only the generated seed-* files are rewritten.

    python3 tests/fuzz/make_corpus.py
"""
import json
import os
import random
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/fuzz/corpus"
MAX = 8000

def cpp_table(source, name):
    """The string literals of `const char* const <name>[] = {...};` in a fuzz target: the seeds
    index the target's own table, so it is read from there rather than repeated here."""
    text = (ROOT / "tests/fuzz" / source).read_text()
    m = re.search(r"\b" + name + r"\[\]\s*=\s*\{(.*?)\};", text, re.S)
    if not m:
        sys.exit(f"make_corpus: no table {name} in {source}")
    return re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))


CHECK_PATHS = cpp_table("check_fuzz.cpp", "kPaths")
CONFIG_FILES = cpp_table("config_fuzz.cpp", "kFiles")
SEP = b"\x00\x01"


def read(p):
    return (ROOT / p).read_bytes()


def put(target, name, data):
    if len(data) > MAX:
        data = data[:MAX]
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / ("seed-" + name)).write_bytes(data)


def clean():
    for d in OUT.glob("*"):
        for f in d.glob("seed-*"):
            f.unlink()


def ext_choice(path):
    """A kPaths index for a source file, by its extension/name."""
    name = os.path.basename(path)
    table = {".py": 0, ".js": 4, ".mjs": 5, ".ts": 8, ".tsx": 11, ".go": 13, ".yml": 20, ".yaml": 20,
             ".json": 23, ".toml": 25, ".txt": 27, ".cfg": 29, ".ini": 30}
    if "test" in name and name.endswith(".py"):
        return 1
    if name.endswith("_test.go"):
        return 15
    if name == "Dockerfile" or name.endswith(".Dockerfile"):
        return 16
    if name.startswith(".env"):
        return 18
    if "workflows" in path:
        return 21
    if name == "go.mod":
        return 31
    return table.get(os.path.splitext(name)[1])


def check_seeds():
    sources = []
    for base in ["examples", "tests/rules/fixtures"]:
        for p in sorted((ROOT / base).rglob("*")):
            if not p.is_file() or p.name.endswith(".snap") or p.stat().st_size > MAX - 16:
                continue
            rel = str(p.relative_to(ROOT))
            idx = ext_choice(rel)
            if idx is None:
                continue
            sources.append((rel, idx))
    # One seed per fixture directory and language, plus every example file.
    seen = set()
    n = 0
    for rel, idx in sources:
        key = (os.path.dirname(rel), idx) if rel.startswith("tests/") else rel
        if key in seen:
            continue
        seen.add(key)
        # Bits 5, 6 and 7 of the first byte render the SARIF, text and JSON reports.
        flags = (0x20 if n % 3 == 0 else 0) | (0x40 if n % 5 == 0 else 0) | (0x80 if n % 2 == 0 else 0)
        put("check", f"{n:03d}", bytes([idx | flags]) + read(rel))
        n += 1
    # Multi-file workspaces: a service with its manifest, Dockerfile and compose file.
    ws = [("examples/shop-prototype/app.py", 0), ("examples/shop-prototype/Dockerfile", 16),
          ("examples/shop-prototype/requirements.txt", 27)]
    put("check", "ws-python", bytes([0xE0]) + SEP.join(bytes([i]) + read(p) for p, i in ws)[1:])
    ws = [("examples/shop-hardened/notifications/server.js", 4), ("examples/shop-hardened/notifications/package.json", 23),
          ("examples/shop-hardened/notifications/Dockerfile", 16)]
    put("check", "ws-node", SEP.join(bytes([i]) + read(p) for p, i in ws))
    ws = [("examples/shop-hardened/.env.example", 18), ("examples/shop-hardened/.github/workflows/ci.yml", 21),
          ("examples/shop-hardened/inventory/main.go", 13)]
    put("check", "ws-mixed", SEP.join(bytes([i]) + read(p) for p, i in ws))


def frame(msgs, style):
    out = b""
    for m in msgs:
        body = json.dumps(m, separators=(",", ":")).encode()
        if style == "cl":
            out += b"Content-Length: %d\r\n\r\n" % len(body) + body
        else:
            out += body + b"\n---\n"
    return out


def lsp_seeds():
    # Messages of the LSP transcripts (lines starting with "-->").
    n = 0
    for p in sorted((ROOT / "tests/lsp/transcripts").glob("*.txt")):
        msgs = []
        for line in p.read_text(errors="replace").splitlines():
            if line.startswith("--> "):
                try:
                    msgs.append(json.loads(line[4:]))
                except ValueError:
                    pass
        if not msgs:
            continue
        put("lsp", f"{n:03d}-cl", bytes([0]) + frame(msgs, "cl"))
        put("lsp", f"{n:03d}-delim", bytes([1]) + frame(msgs, "delim"))
        n += 1
    uri = "file:///agentlens-fuzz-nonexistent/app.py"
    text = read("examples/shop-prototype/app.py").decode()
    session = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": "file:///agentlens-fuzz-nonexistent",
                    "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]},
                                     "workspace": {"configuration": True, "didChangeWatchedFiles": {"dynamicRegistration": True}},
                                     "window": {"workDoneProgress": True, "showDocument": {"support": True}}},
                    "initializationOptions": {"select": ["security"], "severity": {"hardcoded-secret": "warning"}}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": uri, "version": 2},
                    "contentChanges": [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 4}},
                                        "text": "é😀\n"}]}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 8}}},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction",
         "params": {"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}},
                    "context": {"diagnostics": []}}},
        {"jsonrpc": "2.0", "id": 5, "method": "agentlens/readiness", "params": {}},
        {"jsonrpc": "2.0", "id": 6, "method": "workspace/executeCommand", "params": {"command": "agentlens.showReadiness", "arguments": []}},
        {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"agentlens": {"ignore": ["security"]}}}},
        {"jsonrpc": "2.0", "id": 7, "method": "workspace/diagnostic", "params": {"previousResultIds": []}},
        {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 8}},
        {"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 1}}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "id": 9, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    put("lsp", "session-cl", bytes([0]) + frame(session, "cl"))
    put("lsp", "session-chunked", bytes([4 * 7]) + frame(session[:-1], "cl"))
    put("lsp", "session-small-limit", bytes([2]) + frame(session[:-1], "cl"))
    put("lsp", "session-delim", bytes([1]) + frame(session[:-1], "delim"))
    put("lsp", "hostile", bytes([0]) + b"Content-Length: 9223372036854775808\r\n\r\n{" +
        b"Content-Length: 5\r\n\r\n[[[[[" + b"content-length:3\n\n{}}" + frame(session[:2], "cl"))


def doc_seed(rng, lang, text, steps):
    out = bytes([lang]) + struct.pack("<H", len(text)) + text
    for _ in range(steps):
        ctl = rng.randrange(0, 0xF0)
        out += bytes([ctl])
        for _ in range(1 + (ctl >> 2) % 4):
            kind = rng.choice([1, 2, 3, 5, 6, 7, 16])
            out += bytes([kind])
            if kind % 16:
                out += bytes([rng.randrange(0, 16), rng.randrange(0, 16)])
                if kind % 4 != 1:
                    out += bytes([rng.randrange(0, 16), rng.randrange(0, 16)])
            t = rng.choice([bytes([rng.randrange(0, 64)]), bytes([64 + 5]) + b"x = 1"])
            out += t
    return out


def document_seeds():
    rng = random.Random(7)
    files = [(0, "examples/shop-prototype/reports.py"), (1, "examples/shop-prototype/notifications.js"),
             (2, "tests/property/corpus/billing.ts"), (3, "tests/property/corpus/Dashboard.tsx"),
             (4, "examples/shop-prototype/inventory/main.go")]
    for lang, p in files:
        text = read(p)[:1500]
        for k in range(2):
            put("document", f"{lang}-{k}", doc_seed(rng, lang, text, 6 + 6 * k))
    put("document", "raw", bytes([0x80]) + struct.pack("<H", 6) + b"\xff\xfe\r\n\r" + bytes([3, 1, 2, 2, 20]))


def config_seeds():
    cfg_doc = read("README.md").decode()
    start = cfg_doc.index("# .agentlens.toml")
    readme_cfg = cfg_doc[start:cfg_doc.index("```", start)].encode()
    bad_cfg = read("tests/rules/fixtures/invalid-config/agentlens.toml")
    tests = read("tests/unit/custom_rules_test.cpp").decode()

    def raw_toml(name):
        s = tests.index(f"constexpr std::string_view {name} = R\"toml(")
        s = tests.index("(", tests.index("R\"toml", s)) + 1
        return tests[s:tests.index(")toml\"", s)].encode().replace(b"\\\\", b"\\")

    rule1, rule2 = raw_toml("kRequestsRule"), raw_toml("kTwoRules")
    pyproject = b"[project]\nname = \"shop\"\n\n[tool.agentlens]\n" + b"select = [\"security\"]\nignore = [\"hardcoded-secret\"]\n" \
        b"[tool.agentlens.rules.swallowed-exception]\nseverity = \"low\"\n"
    baseline = json.dumps({"version": 1, "tool": "agentlens", "findings": [
        {"rule": "hardcoded-secret", "file": "src/app.py", "fingerprint": "0123456789abcdef", "line": 2, "message": "x"},
        {"rule": "missing-timeout", "file": "src/app.py", "fingerprint": "fedcba9876543210", "line": 5}]}, indent=2).encode()
    nested = b"extend-select = [\"observability\"]\nexclude = [\"*.gen.py\"]\n[rules.missing-timeout]\nseverity = \"critical\"\n"
    put("config", "readme", bytes([0]) + readme_cfg)
    put("config", "invalid", bytes([0]) + bad_cfg)
    put("config", "pyproject", bytes([1]) + pyproject)
    put("config", "rule", bytes([2]) + rule1)
    put("config", "rules", bytes([3]) + rule2)
    put("config", "baseline", bytes([4]) + baseline)
    put("config", "all", SEP.join([bytes([0]) + readme_cfg, bytes([2]) + rule1, bytes([3]) + rule2, bytes([5]) + nested]))
    put("config", "nested", SEP.join([bytes([5]) + nested, bytes([4]) + baseline]))


def main():
    clean()
    check_seeds()
    lsp_seeds()
    document_seeds()
    config_seeds()
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"corpus: {sum(1 for f in OUT.rglob('*') if f.is_file())} files, {total} bytes")
    if total > 1 << 20:
        sys.exit("corpus larger than 1 MB")


if __name__ == "__main__":
    main()
