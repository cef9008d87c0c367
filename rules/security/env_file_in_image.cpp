// env-file-in-image: a Dockerfile COPY/ADD that puts a local .env file (secrets) into the image.
#include <string>
#include <vector>

#include "rules/common/launch.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Reads the `COPY` and `ADD` instructions of a Dockerfile and finds sources that name a local
environment file: `.env`, `.env.production` (any `.env.<name>`), `*.env`, or a glob that matches
`.env` itself (`.env*`).

Not flagged: templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`,
`.env.defaults`), copies from another build stage (`COPY --from=…`, reported where the file enters
the build), development Dockerfiles (`Dockerfile.dev`, `.devcontainer/`), and `COPY . .` (a
missing `.dockerignore` is reported by `dockerfile-hardening`).

## Why is this bad?
A `.env` file holds the developer's or the deployment's secrets: database passwords, API keys,
signing secrets. Copied into an image, they are stored in a layer of every image pushed to the
registry: anyone who can pull the image reads them (`docker save`, `docker history`, any layer
tar), even when a later step deletes the file. The image also carries whichever values were on
the machine that built it, not the values of the environment it runs in.

## Example
```dockerfile
COPY package.json dist/ ./
COPY .env* ./
CMD ["node", "dist/server.js"]
```

Use instead:
```dockerfile
COPY package.json dist/ ./
CMD ["node", "dist/server.js"]
# docker run --env-file .env … / the orchestrator's secrets (Kubernetes Secret, ECS secrets)
```

## References
- Docker docs: "Build secrets" (do not use COPY/ARG/ENV for secrets)
- OWASP Docker Security Cheat Sheet (RULE #12: do not leak sensitive information to images)
- CWE-538
)md";

const RuleMeta kMeta{
    .id = "env-file-in-image",
    .category = core::Category::Security,
    .severity = core::Severity::High,
    .confidence = core::Confidence::High,
    .languages = {Lang::Dockerfile},
    .summary = "Dockerfile copies a .env file into the image",
    .docs = kDocs,
    .planTitle = "Keep .env files out of images",
    .effort = core::Effort::XS,
};

/// A source path whose file name is an environment file with real values (not a template).
bool envFileSource(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (base == ".env" || base == ".env*" || base == "*.env" || base == ".env.*") return true;
  if (!base.starts_with(".env.")) return false;
  std::string_view rest = base.substr(5);
  for (std::string_view tmpl : {"example", "sample", "template", "dist", "defaults", "default", "tpl", "schema"})
    if (rest.starts_with(tmpl)) return false;
  return rest.find_first_of("*?[") == std::string_view::npos || rest == "*";
}

struct Instruction {
  std::uint32_t start = 0, end = 0;  // bytes of the instruction's text (continuations joined)
  std::string text;                  // the instruction with continuations joined by spaces
};

std::vector<Instruction> instructions(std::string_view src) {
  std::vector<Instruction> out;
  std::uint32_t pos = 0;
  while (pos < src.size()) {
    Instruction in;
    in.start = pos;
    for (;;) {
      auto nl = src.find('\n', pos);
      std::uint32_t end = nl == std::string_view::npos ? static_cast<std::uint32_t>(src.size()) : static_cast<std::uint32_t>(nl);
      std::string_view line = src.substr(pos, end - pos);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      pos = end + 1;
      in.end = end;
      bool more = line.ends_with("\\");
      in.text += std::string(more ? line.substr(0, line.size() - 1) : line) + " ";
      if (!more || pos >= src.size()) break;
    }
    out.push_back(std::move(in));
  }
  return out;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

class EnvFileInImage final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }

  void finish(RuleContext& ctx) const override {
    if (devOnlyPath(ctx.file().path) || ctx.facts().isTestOrGenerated()) return;
    for (const auto& in : instructions(ctx.source())) {
      auto w = words(in.text);
      if (w.size() < 3) continue;
      std::string instr = w[0];
      for (char& c : instr) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (instr != "COPY" && instr != "ADD") continue;
      std::vector<std::string> paths;
      bool fromStage = false;
      for (std::size_t i = 1; i < w.size(); ++i) {
        if (w[i].starts_with("--from")) fromStage = true;
        if (!w[i].starts_with("--")) paths.push_back(w[i]);
      }
      if (fromStage || paths.size() < 2) continue;
      for (std::size_t i = 0; i + 1 < paths.size(); ++i) {
        std::string p = paths[i];
        while (!p.empty() && (p.front() == '[' || p.front() == '"')) p.erase(0, 1);
        while (!p.empty() && (p.back() == ',' || p.back() == '"' || p.back() == ']')) p.pop_back();
        if (!envFileSource(p)) continue;
        ctx.report(core::ByteRange{in.start, in.end},
                   "`" + instr + " " + p + "` puts a local environment file into the image: its secrets are stored in a "
                   "layer anyone who pulls the image can read; pass them at run time (--env-file, orchestrator secrets)");
        break;
      }
    }
  }
};

}  // namespace

const Rule& envFileInImage() {
  static const EnvFileInImage rule;
  return rule;
}

}  // namespace agentlens::rules
